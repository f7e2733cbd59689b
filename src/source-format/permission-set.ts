import type { PermissionSetReport, MergeMode } from '../merge/permission-set.js';
import { mergeReadPermissionSet, permissionSetFileMerge, reportNewPermissionSet } from '../merge/permission-set.js';
import type { PermissionSetSource } from '../render/permission-set.js';
import { renderPermissionSet } from '../render/permission-set.js';
import type { PlannedFile } from '../write/files.js';
import type { PermissionSetLayout } from './layout.js';
import { decomposePermissionSet } from './decompose.js';
import type { PermissionSetPaths } from './stored.js';
import { findStoredPermissionSet, permissionSetPaths, readStoredPermissionSet } from './stored.js';
import type { SourceFile } from '../render/manifest.js';

/** A permission set's files in the project's layout, and what to remove so the project holds it once. */
export type PermissionSetFiles = {
  /** To stage: its one file, or the decomposed set's parent and child files. */
  planned: PlannedFile[];
  /** Files of it that the new ones replace: the other layout's, or children of entries it no longer has. */
  removals: string[];
  /** Directories removals leave empty are removed up to this one (the decomposed set's folder). */
  removeEmptyUpTo: string;
  /** The file source-deploy-retrieve resolves as the PermissionSet component. */
  componentFile: string;
  report: () => PermissionSetReport;
};

export type PermissionSetFilesOptions = {
  outputDir: string;
  fullName: string;
  mode: MergeMode;
  layout: PermissionSetLayout;
  /** How errors name a file, e.g. relative to the current directory. */
  shown: (path: string) => string;
};

/** Content that is final: the merge (or the read, for format) happened before staging, over every file the set is stored in. */
export const finalFile = (path: string, content: string): PlannedFile => ({ path, type: 'PermissionSet', content, merge: () => ({ content }), conflictHint: '' });

/**
 * The permission set a plan describes, merged into what the project already holds, as the files of the layout the
 * project declares (sfdx-project.json `sourceBehaviorOptions`). One canonical document is merged and rendered as
 * for a monolithic set; in a decomposed project source-deploy-retrieve then splits it as sf does. What is stored in
 * the other layout is read, merged in, and removed, as `sf project convert source-behavior` does with the files it
 * converts; nothing is removed whose entries the new files don't hold (only --prune and --force drop entries).
 */
export const permissionSetFiles = async (generated: PermissionSetSource, options: PermissionSetFilesOptions): Promise<PermissionSetFiles> => {
  const { layout, mode, shown } = options;
  const paths = permissionSetPaths(options.outputDir, options.fullName);
  const stored = await findStoredPermissionSet(paths);

  if (!layout.decomposed && stored.children.length === 0) {
    // The default: one file, merged when it is staged, as it always was.
    const { merge, report } = permissionSetFileMerge(generated, mode, shown);
    return {
      planned: [{ path: paths.file, type: 'PermissionSet', content: renderPermissionSet(generated), merge, conflictHint: '' }],
      removals: [],
      removeEmptyUpTo: paths.folder,
      componentFile: paths.file,
      report,
    };
  }

  const existing = await readStoredPermissionSet(stored, { decomposedFirst: layout.decomposed, show: shown, skipUnreadable: mode === 'replace' });
  const { content, report } = existing
    ? mergeReadPermissionSet(existing, generated, mode)
    : { content: renderPermissionSet(generated), report: reportNewPermissionSet(generated) };
  const done = { removeEmptyUpTo: paths.folder, report: (): PermissionSetReport => report };

  const files = await filesInLayout(content, paths, options.fullName, layout);
  const written = new Set(files.map((f) => f.path));
  return {
    planned: files.map((f) => finalFile(f.path, f.content)),
    removals: [...(stored.file ? [stored.file] : []), ...stored.children].filter((path) => !written.has(path)),
    componentFile: layout.decomposed ? paths.parent : paths.file,
    ...done,
  };
};

/** A permission set's canonical Metadata API content as the files of the layout: itself, or source-deploy-retrieve's split of it. */
export const filesInLayout = async (
  content: string,
  paths: PermissionSetPaths,
  fullName: string,
  layout: PermissionSetLayout
): Promise<SourceFile[]> =>
  layout.decomposed ? decomposePermissionSet(content, fullName, paths.folder, layout.registry, layout.preset) : [{ path: paths.file, content }];
