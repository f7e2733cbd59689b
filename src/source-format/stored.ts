import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Messages } from '@salesforce/core';
import { PERMISSION_SET, isEntry } from '../metadata/schemas.js';
import type { PermissionSetDocument, PermissionSetText } from '../read/permission-set.js';
import { readPermissionSet } from '../read/permission-set.js';
import { combinePermissionSets } from '../merge/permission-set.js';
import type { XmlEntry } from '../render/xml.js';
import { readSourceXml } from '../read/source-xml.js';
import { childListElements } from './layout.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'source-format');

/** How source format names a permission set file, and the parent file of a decomposed one. */
export const PERMISSION_SET_SUFFIX = '.permissionset-meta.xml';

/** Where a permission set lives under a metadata source root, in either layout. */
export type PermissionSetPaths = {
  /** `permissionsets/X.permissionset-meta.xml`: the whole set in one file. */
  file: string;
  /** `permissionsets/X/`: the decomposed set's folder. */
  folder: string;
  /** `permissionsets/X/X.permissionset-meta.xml`: its parent file, which source-deploy-retrieve resolves as the component. */
  parent: string;
};

export const permissionSetPaths = (outputDir: string, fullName: string): PermissionSetPaths => {
  const folder = join(outputDir, 'permissionsets', fullName);
  return { file: `${folder}${PERMISSION_SET_SUFFIX}`, folder, parent: join(folder, `${fullName}${PERMISSION_SET_SUFFIX}`) };
};

/** The files a permission set is stored in now: its one file, and its decomposed folder's files, in either preset's layout. */
export type StoredPermissionSet = { file?: string; children: string[] };

const exists = async (path: string, kind: 'file' | 'directory'): Promise<boolean> => {
  try {
    const info = await stat(path);
    return kind === 'file' ? info.isFile() : info.isDirectory();
  } catch {
    return false;
  }
};

/** Every `*-meta.xml` under a decomposed set's folder: the children of both presets' layouts (and of a layout left half-converted). */
const metaFilesUnder = async (dir: string): Promise<string[]> => {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await metaFilesUnder(path)));
    else if (entry.isFile() && entry.name.endsWith('-meta.xml')) found.push(path);
  }
  return found;
};

/** A folder is a decomposed permission set where it holds the set's parent file, as both presets write it. */
export const findStoredPermissionSet = async (paths: PermissionSetPaths): Promise<StoredPermissionSet> => ({
  ...((await exists(paths.file, 'file')) ? { file: paths.file } : {}),
  children: (await exists(paths.parent, 'file')) ? (await metaFilesUnder(paths.folder)).sort() : [],
});

const LISTS = PERMISSION_SET.elements.filter(isEntry).map((e) => e.name);

/** The root element's name: the first tag that is not a declaration, comment or DOCTYPE. */
const rootName = (xml: string): string | undefined => /<(?![?!])([^\s/>]+)/.exec(xml)?.[1];

/**
 * One file of a permission set: a `<PermissionSet>` document (the one file, a parent, a Beta2 child), or one
 * entry under its child type's root (a Beta child), as the list it belongs to.
 */
const readChild = (xml: string, shown: string, lists: ReadonlyMap<string, string>): PermissionSetDocument => {
  const root = rootName(xml);
  if (root === undefined || root === PERMISSION_SET.root) return readPermissionSet(xml, shown);
  const list = PERMISSION_SET.elements.find((e) => e.name === lists.get(root));
  if (!list || !isEntry(list)) throw messages.createError('error.UnknownChild', [shown, root]);
  const { record, comments } = readSourceXml({ root, elements: list.fields.map((name) => ({ name })) }, xml, shown);
  return { permissionSet: { [list.name]: [record as XmlEntry] }, comments };
};

/**
 * A decomposed set's files as the one permission set they make: every child file is a PermissionSet document
 * holding some of the lists (the parent file holds label, description, license), so the set is their union,
 * which is what source-deploy-retrieve's conversion to Metadata API format deploys.
 */
const joinChildren = (documents: readonly PermissionSetDocument[]): PermissionSetDocument => {
  const joined: Record<string, unknown> = {};
  let comments = 0;
  for (const { permissionSet, comments: count } of documents) {
    comments += count;
    for (const [name, value] of Object.entries(permissionSet)) {
      if (LISTS.includes(name) && Array.isArray(value)) joined[name] = [...((joined[name] as XmlEntry[] | undefined) ?? []), ...value];
      else if (joined[name] === undefined) joined[name] = value;
    }
  }
  return { permissionSet: joined as PermissionSetText, comments };
};

/**
 * Read the permission set from wherever it is stored; where both layouts hold it (a retrieve after the project
 * switched), one set with every entry of both, single values from the layout the project declares.
 * `show` names a file in errors. Undefined where nothing is stored, or (with `skipUnreadable`, for --force) nothing readable.
 */
export const readStoredPermissionSet = async (
  stored: StoredPermissionSet,
  options: { decomposedFirst: boolean; show: (path: string) => string; skipUnreadable: boolean }
): Promise<PermissionSetDocument | undefined> => {
  const lists = stored.children.length > 0 ? await childListElements() : new Map<string, string>();
  const read = async (path: string): Promise<PermissionSetDocument | undefined> => {
    const xml = await readFile(path, 'utf8');
    try {
      return readChild(xml, options.show(path), lists);
    } catch (error) {
      if (options.skipUnreadable) return undefined;
      throw error;
    }
  };
  const file = stored.file ? await read(stored.file) : undefined;
  const children: PermissionSetDocument[] = [];
  for (const path of stored.children) {
    const document = await read(path);
    if (document) children.push(document);
  }
  const folder = children.length > 0 ? joinChildren(children) : undefined;
  if (!file || !folder) return file ?? folder;
  const [primary, secondary] = options.decomposedFirst ? [folder, file] : [file, folder];
  return { permissionSet: combinePermissionSets(primary.permissionSet, secondary.permissionSet), comments: primary.comments + secondary.comments };
};
