import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Messages, SfProject } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'files');

/** The Metadata API version of the schema the plugin writes to, where neither flag nor project names one. */
export const DEFAULT_API_VERSION = '67.0';

/** Where the generated files go. */
export type OutputLayout = {
  /** Metadata source root: `permissionsets/` and `settings/` go under it. */
  outputDir: string;
  userDefinitionFile: string;
  manifestFile: string;
  apiVersion: string;
  /** The Salesforce DX project's directory, where there is one: source-deploy-retrieve reads its registry presets there. */
  projectDir?: string;
  /** The project's `sourceBehaviorOptions` (e.g. decomposePermissionSetBeta2): how its source format decomposes types. */
  sourceBehaviorOptions?: string[];
};

export type LayoutOptions = {
  vendor: string;
  outputDir?: string;
  userDefinitionFile?: string;
  manifestFile?: string;
  apiVersion?: string;
  cwd?: string;
};

const findProject = async (cwd: string): Promise<SfProject | undefined> => {
  try {
    return await SfProject.resolve(cwd);
  } catch {
    return undefined;
  }
};

/**
 * Inside a Salesforce DX project: metadata under the default package directory (its `main/default`
 * where `sf project generate` made one), the user definition under `config/`, the manifest under
 * `manifest/`. Outside one, `--output-dir` is required and the rest goes under the current directory.
 */
export const resolveLayout = async (options: LayoutOptions): Promise<OutputLayout> => {
  const cwd = options.cwd ?? process.cwd();
  const project = await findProject(cwd);
  const base = project?.getPath() ?? cwd;

  let outputDir = options.outputDir ? resolve(cwd, options.outputDir) : undefined;
  if (!outputDir) {
    if (!project) throw messages.createError('error.NoProject', [cwd]);
    const packageDir = project.getDefaultPackage().fullPath;
    const mainDefault = join(packageDir, 'main', 'default');
    outputDir = existsSync(mainDefault) ? mainDefault : packageDir;
  }

  const config = project ? await project.resolveProjectConfig() : undefined;
  const sourceApiVersion = config?.sourceApiVersion;
  const behaviors = config?.sourceBehaviorOptions;
  return {
    outputDir,
    userDefinitionFile: options.userDefinitionFile
      ? resolve(cwd, options.userDefinitionFile)
      : join(base, 'config', `${options.vendor}-integration-user-def.json`),
    manifestFile: options.manifestFile ? resolve(cwd, options.manifestFile) : join(base, 'manifest', `${options.vendor}-package.xml`),
    apiVersion: options.apiVersion ?? (typeof sourceApiVersion === 'string' ? sourceApiVersion : DEFAULT_API_VERSION),
    ...(project ? { projectDir: project.getPath() } : {}),
    ...(Array.isArray(behaviors) ? { sourceBehaviorOptions: behaviors.filter((b): b is string => typeof b === 'string') } : {}),
  };
};
