import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Messages } from '@salesforce/core';
import type { RegistryAccess } from '@salesforce/source-deploy-retrieve';
import type { SourceFile } from '../render/manifest.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'source-format');

/** Prefix of the plugin's temporary directories, outside the project: a run that is killed leaves nothing in it. */
const TEMP_PREFIX = 'sf-integration-user-';

const filesUnder = async (dir: string): Promise<string[]> => {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(path)));
    else found.push(path);
  }
  return found.sort();
};

/**
 * A permission set's Metadata API content (one canonical XML document), as the project's source format stores it:
 * source-deploy-retrieve's MetadataConverter, with the project's registry, converts it to source format exactly as
 * `sf project convert mdapi` and a retrieve do, into a temporary directory outside the project; the files it writes
 * are read back and named under `folder`, for the caller to stage and write like any other file.
 */
export const decomposePermissionSet = async (
  content: string,
  fullName: string,
  folder: string,
  registry: RegistryAccess,
  /** The project's presets, for the error. */
  preset: string
): Promise<SourceFile[]> => {
  // Loaded here: only a project with a decomposing preset needs the converter.
  const { ComponentSet, MetadataConverter } = await import('@salesforce/source-deploy-retrieve');
  const temp = await mkdtemp(join(tmpdir(), TEMP_PREFIX));
  try {
    const metadataDir = join(temp, 'metadata', 'permissionsets');
    await mkdir(metadataDir, { recursive: true });
    const metadataFile = join(metadataDir, `${fullName}.permissionset`);
    await writeFile(metadataFile, content, 'utf8');
    const set = ComponentSet.fromSource({ fsPaths: [metadataFile], registry });
    const result = await new MetadataConverter(registry).convert(set, 'source', {
      type: 'directory',
      outputDirectory: join(temp, 'source'),
      genUniqueDir: false,
    });
    const written = result.converted?.find((c) => c.type.name === 'PermissionSet' && c.fullName === fullName)?.content;
    if (!written) throw messages.createError('error.NotDecomposed', [fullName, preset]);
    const files: SourceFile[] = [];
    for (const path of await filesUnder(written)) files.push({ path: join(folder, relative(written, path)), content: await readFile(path, 'utf8') });
    return files;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
};
