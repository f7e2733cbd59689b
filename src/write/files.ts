import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
// The default export, not named imports: tests replace its functions to inject a full disk or a refused write.
import fs from 'node:fs/promises';
import { basename, dirname, join, parse } from 'node:path';
import { Messages, SfError } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'files');

/** What a file would be after merging generated content into what the user already has, or why it can't be. */
export type MergeResult = { content: string } | { conflict: string };

/** A file the plugin means to write. */
export type PlannedFile = {
  path: string;
  /** Metadata type or file kind, for the report: PermissionSet, Settings, user definition, manifest. */
  type: string;
  content: string;
  /** How to combine the content with an existing file; without it, a different file is a conflict unless replaced. */
  merge?: (existing: string, path: string) => MergeResult | Promise<MergeResult>;
  /** Why replacing an existing, different file needs --replace: shown in the conflict (files without a merge). */
  conflictHint: string;
  /** Replace a different file with the content (files without a merge; a merge replaces by itself). */
  replace?: boolean;
};

/**
 * `conflict`: only when conflicts are reported rather than refused (--dry-run, --check). `deleted`: a file of a
 * permission set that its new files replace (its other layout's, or a child file of entries it no longer has).
 */
export type FileStatus = 'created' | 'changed' | 'identical' | 'conflict' | 'deleted';

export type StagedFile = {
  path: string;
  type: string;
  status: FileStatus;
  /** What would be written; for a conflict, what replacing the file would write. */
  content: string;
  /** What the file holds now, where it exists. */
  previous?: string;
  /** Why the file can't be written as it is, and how to go past it. */
  conflict?: string;
  /** For a deleted file: directories it leaves empty are removed too, up to and including this one. */
  removeEmptyUpTo?: string;
};

const readIfExists = async (path: string): Promise<string | undefined> => {
  try {
    const info = await fs.stat(path);
    if (info.isDirectory()) throw messages.createError('error.PathIsDirectory', [path]);
    return await fs.readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') throw messages.createError('error.ParentIsFile', [path]);
    throw error;
  }
};

/** One file against what is on disk. */
const stageFile = async (file: PlannedFile, force: boolean): Promise<StagedFile> => {
  const existing = await readIfExists(file.path);
  const base = { path: file.path, type: file.type };
  if (existing === undefined) return { ...base, status: 'created', content: file.content };
  if (file.merge) {
    // Merged even when identical to the generated content, so the merge can report on what the file holds.
    const merged = await file.merge(existing, file.path);
    if ('conflict' in merged) return { ...base, status: 'conflict', content: file.content, previous: existing, conflict: merged.conflict };
    return { ...base, status: merged.content === existing ? 'identical' : 'changed', content: merged.content, previous: existing };
  }
  if (existing === file.content) return { ...base, status: 'identical', content: existing, previous: existing };
  if (force || file.replace) return { ...base, status: 'changed', content: file.content, previous: existing };
  return { ...base, status: 'conflict', content: file.content, previous: existing, conflict: messages.getMessage('conflict.exists', [file.path, file.conflictHint]) };
};

/**
 * Compare each planned file with what is on disk: created, changed or identical. Nothing is written here;
 * if any file conflicts with what the user has, one error names them all, so nothing is written at all.
 * With `report` (--dry-run, --check), conflicts are returned as such instead, each with what replacing it would write.
 */
export const stageFiles = async (files: readonly PlannedFile[], force: boolean, options: { report?: boolean } = {}): Promise<StagedFile[]> => {
  const staged: StagedFile[] = [];
  for (const file of files) staged.push(await stageFile(file, force));
  const conflicts = staged.flatMap((file) => (file.conflict ? [file.conflict] : []));
  if (conflicts.length > 0 && !options.report) {
    throw new SfError(messages.getMessage('error.Conflicts', [conflicts.map((c) => `- ${c}`).join('\n')]), 'FileConflictError', [
      messages.getMessage('error.Conflicts.action'),
    ]);
  }
  return staged;
};

/**
 * Files to delete when the staged files are written, each with what it holds now (for --check's diff);
 * those that no longer exist are left out.
 */
export const stageRemovals = async (paths: readonly string[], type: string, removeEmptyUpTo?: string): Promise<StagedFile[]> => {
  const staged: StagedFile[] = [];
  for (const path of paths) {
    const previous = await readIfExists(path);
    if (previous !== undefined) staged.push({ path, type, status: 'deleted', content: '', previous, ...(removeEmptyUpTo ? { removeEmptyUpTo } : {}) });
  }
  return staged;
};

/** Remove the directories a deleted file left empty, up to `upTo`; a directory with anything left in it stays. */
const removeEmptyDirectories = async (from: string, upTo: string): Promise<void> => {
  for (let dir = from; dir === upTo || dir.startsWith(`${upTo}/`); dir = dirname(dir)) {
    try {
      await fs.rmdir(dir);
    } catch {
      return;
    }
  }
};

/** The nearest directory that exists at or above `dir`; refuses a path that runs through a file. */
const nearestExistingDirectory = async (dir: string): Promise<string> => {
  for (let current = dir; ; current = dirname(current)) {
    try {
      const info = await fs.stat(current);
      if (!info.isDirectory()) throw messages.createError('error.ParentIsFile', [dir]);
      return current;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') throw messages.createError('error.ParentIsFile', [dir]);
      if (code !== 'ENOENT' || current === parse(current).root) throw error;
    }
  }
};

/** Check every file can be written before writing any, so a bad output directory loses nothing. */
const checkWritable = async (files: readonly StagedFile[]): Promise<void> => {
  for (const dir of new Set(files.map((f) => dirname(f.path)))) {
    const existing = await nearestExistingDirectory(dir);
    try {
      await fs.access(existing, constants.W_OK);
    } catch {
      throw messages.createError('error.NotWritable', [dir, existing]);
    }
  }
};

/** What the plugin names its temporary files: hidden, recognisable, and unique to the process that wrote them. */
const TEMP_SUFFIX = '.integration-user.tmp';
const TEMP_NAME = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.integration-user\.tmp$/;
/** The 0.1.0 naming, `<file>.<12 hex>.tmp` beside the file: cleaned where it is the leftover of a file the plugin writes. */
const OLD_TEMP_NAME = /^(.+)\.[0-9a-f]{12}\.tmp$/;

export const temporaryPath = (path: string): string =>
  join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);

/** Clean-up after a failure: one that fails too (the name that was too long to create) must not hide the first error. */
const removeQuietly = (path: string): Promise<boolean> => fs.rm(path, { recursive: true, force: true }).then(() => true, () => false);

const isRunning = (pid: number): boolean => {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Remove the temporary files an earlier run left in these directories when it was killed part-way: the
 * plugin's naming, written by a process that is no longer running. Returns the paths removed.
 */
export const removeStaleTemporaryFiles = async (files: readonly string[]): Promise<string[]> => {
  const removed: string[] = [];
  const byDir = new Map<string, Set<string>>();
  for (const path of files) byDir.set(dirname(path), (byDir.get(dirname(path)) ?? new Set()).add(basename(path)));
  for (const [dir, names] of byDir) {
    let entries: string[];
    try {
      entries = await fs.readdir(dir);
    } catch {
      continue;
    }
    for (const entry of entries) {
      const current = TEMP_NAME.exec(entry);
      const old = OLD_TEMP_NAME.exec(entry);
      const stale = current ? !isRunning(Number(current[2])) : old !== null && names.has(old[1]);
      if (!stale) continue;
      // One that can't be removed is left for a later run: it is no reason to stop this one.
      if (await removeQuietly(join(dir, entry))) removed.push(join(dir, entry));
    }
  }
  return removed;
};

/** A failed write, naming the file and what the system said, with what to do for the usual causes. */
const writeFailed = (key: 'error.WriteFailed' | 'error.RenameFailed' | 'error.RemoveFailed', path: string, error: unknown, renamed: readonly string[] = []): SfError => {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const reason = (error as Error).message ?? String(error);
  const actions = [messages.getMessage(code === 'ENOSPC' || code === 'EDQUOT' ? 'action.NoSpace' : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'action.NoAccess' : 'action.Retry')];
  const written = renamed.length > 0 ? messages.getMessage('error.RenameFailed.written', [renamed.join(', ')]) : '';
  return new SfError(messages.getMessage(key, [path, reason, written]), key === 'error.WriteFailed' ? 'WriteFailedError' : key === 'error.RenameFailed' ? 'RenameFailedError' : 'RemoveFailedError', actions, error as Error);
};

/**
 * Write the files that are created or changed; identical ones are not touched. Every file is first
 * written to a temporary file beside it, and only when all of those are written are they renamed into
 * place: a failure part-way leaves the user's files as they were, and a reader never sees half a file.
 * Whatever fails, the temporary files and the directories this call created are removed; a run killed
 * part-way leaves its temporary files, and the next run removes them.
 */
export const writeStagedFiles = async (files: readonly StagedFile[]): Promise<void> => {
  const conflicting = files.filter((f) => f.status === 'conflict');
  // A conflict is only staged to be reported; writing one would replace what the user has.
  if (conflicting.length > 0) throw new SfError(messages.getMessage('error.WriteConflict', [conflicting.map((f) => f.path).join(', ')]), 'FileConflictError');
  const toWrite = files.filter((f) => f.status === 'created' || f.status === 'changed');
  await removeStaleTemporaryFiles(files.map((f) => f.path));
  await checkWritable(files.filter((f) => f.status !== 'identical'));
  const staged: Array<{ path: string; temporary: string }> = [];
  const createdDirs: string[] = [];
  const removeStaged = async (): Promise<void> => {
    await Promise.all(staged.map((s) => removeQuietly(s.temporary)));
    // Deepest first: the directories this call created hold nothing else.
    for (const dir of createdDirs.reverse()) await removeQuietly(dir);
  };
  for (const file of toWrite) {
    const temporary = temporaryPath(file.path);
    try {
      const created = await fs.mkdir(dirname(file.path), { recursive: true });
      if (created) createdDirs.push(created);
      staged.push({ path: file.path, temporary });
      await fs.writeFile(temporary, file.content, 'utf8');
    } catch (error) {
      await removeStaged();
      throw writeFailed('error.WriteFailed', file.path, error);
    }
  }
  const renamed: string[] = [];
  for (const { path, temporary } of staged) {
    try {
      await fs.rename(temporary, path);
      renamed.push(path);
    } catch (error) {
      await Promise.all(staged.filter((s) => !renamed.includes(s.path)).map((s) => removeQuietly(s.temporary)));
      throw writeFailed('error.RenameFailed', path, error, renamed);
    }
  }
  // Only once everything else is in place: the written files hold what the deleted ones held.
  for (const file of files.filter((f) => f.status === 'deleted')) {
    try {
      await fs.rm(file.path, { force: true });
    } catch (error) {
      throw writeFailed('error.RemoveFailed', file.path, error, renamed);
    }
    if (file.removeEmptyUpTo) await removeEmptyDirectories(dirname(file.path), file.removeEmptyUpTo);
  }
};
