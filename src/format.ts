import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { Messages, SfError } from '@salesforce/core';
import { readPermissionSet } from './read/permission-set.js';
import { renderPermissionSet } from './render/permission-set.js';
import type { PlannedFile } from './write/files.js';
import { stageFiles, stageRemovals, writeStagedFiles } from './write/files.js';
import { PERMISSION_SET_SUFFIX } from './source-format/stored.js';
import type { FormattedSets } from './source-format/format.js';
import { formatDecomposedSets, isDecomposedParent } from './source-format/format.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'integration-user.format');

export { PERMISSION_SET_SUFFIX } from './source-format/stored.js';

export type FormattedFile = {
  /** Relative to the current directory. */
  path: string;
  /**
   * changed: not in canonical form (rewritten, or with --check, would be); identical: already canonical; deleted: a
   * decomposed set's file in a layout the project no longer declares, whose entries the set's other files now hold.
   */
  status: 'changed' | 'identical' | 'deleted';
  /** XML comments the file had; the canonical form has none, as a retrieve has none. */
  commentsDropped: number;
};

export type FormatResult = { check: boolean; files: FormattedFile[] };

/** Directories no project keeps metadata source in: dependencies and hidden folders (.git, .sf, .sfdx). */
const skipped = (name: string): boolean => name === 'node_modules' || name.startsWith('.');

const permissionSetsUnder = async (dir: string): Promise<string[]> => {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !skipped(entry.name)) found.push(...(await permissionSetsUnder(path)));
    else if (entry.isFile() && entry.name.endsWith(PERMISSION_SET_SUFFIX)) found.push(path);
  }
  return found;
};

/** The permission set files a --source-dir value names: a directory's, searched recursively, or the file itself. */
const permissionSetsAt = async (path: string, given: string): Promise<string[]> => {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw messages.createError('error.SourceNotFound', [given]);
  }
  if (info.isDirectory()) return permissionSetsUnder(path);
  if (!path.endsWith(PERMISSION_SET_SUFFIX)) throw messages.createError('error.NotPermissionSet', [given, PERMISSION_SET_SUFFIX]);
  return [path];
};

const NOTHING_DECOMPOSED: FormattedSets = { comments: new Map(), single: [], planned: [], removals: [] };

/** One error for several files that can't be read, each with its own message, and the actions they share. */
const unreadableFiles = (errors: readonly Error[]): SfError => {
  const actions = [...new Set(errors.flatMap((e) => (e instanceof SfError ? (e.actions ?? []) : [])))];
  return new SfError(messages.getMessage('error.Unreadable', [errors.length, errors.map((e) => `  ${e.message.replace(/ Nothing was written\.$/, '')}`).join('\n')]), 'UnreadablePermissionSetsError', actions);
};

/**
 * Rewrite every permission set under the given paths in canonical form, through the one canonical writer;
 * other files are not touched. With `check`, nothing is written: the result says which files differ.
 * A file that can't be read stops everything before anything is written.
 */
export const formatPermissionSets = async (sourceDirs: readonly string[], options: { check?: boolean; cwd?: string } = {}): Promise<FormatResult> => {
  const cwd = options.cwd ?? process.cwd();
  const shown = (path: string): string => relative(cwd, path) || '.';
  const paths = new Set<string>();
  for (const given of sourceDirs) for (const path of await permissionSetsAt(resolve(cwd, given), given)) paths.add(path);

  const found = [...paths].sort();
  const unreadable: Error[] = [];
  // A decomposed set is its folder's files together, in the layout the project declares.
  const decomposed = await formatDecomposedSets(found.filter(isDecomposedParent), shown).catch((error: Error) => {
    unreadable.push(error);
    return NOTHING_DECOMPOSED;
  });
  const commentsDropped = decomposed.comments;
  const planned: PlannedFile[] = [...found.filter((path) => !isDecomposedParent(path)), ...decomposed.single].sort().map((path) => ({
    path,
    type: 'PermissionSet',
    content: '',
    merge: (existing: string) => {
      try {
        const { permissionSet, comments } = readPermissionSet(existing, shown(path));
        commentsDropped.set(path, comments);
        return { content: renderPermissionSet(permissionSet) };
      } catch (error) {
        // Every file is read before one is written, and every unreadable one is named, not just the first.
        unreadable.push(error as Error);
        return { content: existing };
      }
    },
    conflictHint: '',
  }));
  // A file removed since it was found would be "created" empty: left out.
  const monolithic = (await stageFiles(planned, false)).filter((file) => file.status !== 'created');
  if (unreadable.length === 1) throw unreadable[0];
  if (unreadable.length > 1) throw unreadableFiles(unreadable);
  const staged = [...monolithic, ...(await stageFiles(decomposed.planned, false))];
  for (const { path, upTo } of decomposed.removals) staged.push(...(await stageRemovals([path], 'PermissionSet', upTo)));
  const check = options.check ?? false;
  if (!check) await writeStagedFiles(staged);
  return {
    check,
    files: staged.map((file) => ({
      path: shown(file.path),
      status: file.status === 'identical' || file.status === 'deleted' ? file.status : 'changed',
      commentsDropped: commentsDropped.get(file.path) ?? 0,
    })),
  };
};
