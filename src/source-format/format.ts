import { basename, dirname } from 'node:path';
import { Messages, SfProject } from '@salesforce/core';
import { renderPermissionSet } from '../render/permission-set.js';
import type { PlannedFile } from '../write/files.js';
import { permissionSetLayout } from './layout.js';
import { filesInLayout, finalFile } from './permission-set.js';
import { PERMISSION_SET_SUFFIX, findStoredPermissionSet, permissionSetPaths, readStoredPermissionSet } from './stored.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'source-format');

/** `permissionsets/X/X.permissionset-meta.xml`: the parent file of a decomposed set, in either preset's layout. */
export const isDecomposedParent = (path: string): boolean => basename(path) === `${basename(dirname(path))}${PERMISSION_SET_SUFFIX}`;

export type FormattedSets = {
  planned: PlannedFile[];
  /** Files of a set's other layout, whose entries the planned files hold. */
  removals: Array<{ path: string; upTo: string }>;
  /** XML comments dropped, by the parent file of each set. */
  comments: Map<string, number>;
  /** Files that look like a parent but are whole permission sets: alone in their folder, in a project without a preset. */
  single: string[];
};

const projectAt = async (dir: string): Promise<SfProject | undefined> => {
  try {
    return await SfProject.resolve(dir);
  } catch {
    return undefined;
  }
};

/**
 * Each decomposed permission set (named by its parent file) in canonical form: its files read as the one set they
 * make, rendered by the canonical writer, and split again by source-deploy-retrieve in the layout the project
 * declares, so each child file is what sf writes. A set's files in another layout (the project switched presets)
 * are replaced by the declared layout's; nothing else is removed.
 */
export const formatDecomposedSets = async (parents: readonly string[], shown: (path: string) => string): Promise<FormattedSets> => {
  const result: FormattedSets = { planned: [], removals: [], comments: new Map(), single: [] };
  for (const parent of parents) {
    const folder = dirname(parent);
    const fullName = basename(folder);
    const paths = permissionSetPaths(dirname(dirname(folder)), fullName);
    const project = await projectAt(folder);
    const config = project ? await project.resolveProjectConfig() : undefined;
    const behaviors = Array.isArray(config?.sourceBehaviorOptions) ? (config.sourceBehaviorOptions as string[]) : [];
    const layout = await permissionSetLayout({ projectDir: project?.getPath(), sourceBehaviorOptions: behaviors });
    // The folder alone: a monolithic file beside it is formatted as the file it is (generate folds the two).
    const { children } = await findStoredPermissionSet(paths);
    if (!layout.decomposed) {
      // A project may keep a whole set in a folder of its own name: nothing else in it, nothing decomposed.
      if (children.length === 1) {
        result.single.push(parent);
        continue;
      }
      throw messages.createError('error.DecomposedUndeclared', [shown(folder)]);
    }
    const read = await readStoredPermissionSet({ children }, { decomposedFirst: true, show: shown, skipUnreadable: false });
    if (!read) continue;
    const files = await filesInLayout(renderPermissionSet(read.permissionSet), paths, fullName, layout);
    const written = new Set(files.map((f) => f.path));
    result.planned.push(...files.map((f) => finalFile(f.path, f.content)));
    result.removals.push(...children.filter((path) => !written.has(path)).map((path) => ({ path, upTo: folder })));
    result.comments.set(paths.parent, read.comments);
  }
  return result;
};
