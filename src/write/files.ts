import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, parse } from 'node:path';
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
  /** How to combine the content with an existing file; without it, a different file is a conflict unless `force`. */
  merge?: (existing: string, path: string) => MergeResult;
  /** Why replacing an existing, different file needs --force: shown in the conflict. */
  conflictHint: string;
};

export type FileStatus = 'created' | 'changed' | 'identical';

export type StagedFile = {
  path: string;
  type: string;
  status: FileStatus;
  content: string;
  /** What the file holds now, where it exists. */
  previous?: string;
};

const readIfExists = async (path: string): Promise<string | undefined> => {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw messages.createError('error.PathIsDirectory', [path]);
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') throw messages.createError('error.ParentIsFile', [path]);
    throw error;
  }
};

/**
 * Compare each planned file with what is on disk: created, changed or identical. Nothing is written here;
 * if any file conflicts with what the user has, one error names them all, so nothing is written at all.
 */
export const stageFiles = async (files: readonly PlannedFile[], force: boolean): Promise<StagedFile[]> => {
  const staged: StagedFile[] = [];
  const conflicts: string[] = [];
  for (const file of files) {
    const existing = await readIfExists(file.path);
    if (existing === undefined) {
      staged.push({ path: file.path, type: file.type, status: 'created', content: file.content });
    } else if (file.merge) {
      // Merged even when identical to the generated content, so the merge can report on what the file holds.
      const merged = file.merge(existing, file.path);
      if ('conflict' in merged) conflicts.push(merged.conflict);
      else
        staged.push({ path: file.path, type: file.type, status: merged.content === existing ? 'identical' : 'changed', content: merged.content, previous: existing });
    } else if (existing === file.content) {
      staged.push({ path: file.path, type: file.type, status: 'identical', content: existing, previous: existing });
    } else if (force) {
      staged.push({ path: file.path, type: file.type, status: 'changed', content: file.content, previous: existing });
    } else {
      conflicts.push(messages.getMessage('conflict.exists', [file.path, file.conflictHint]));
    }
  }
  if (conflicts.length > 0) {
    throw new SfError(messages.getMessage('error.Conflicts', [conflicts.map((c) => `- ${c}`).join('\n')]), 'FileConflictError', [
      messages.getMessage('error.Conflicts.action'),
    ]);
  }
  return staged;
};

/** The nearest directory that exists at or above `dir`; refuses a path that runs through a file. */
const nearestExistingDirectory = async (dir: string): Promise<string> => {
  for (let current = dir; ; current = dirname(current)) {
    try {
      const info = await stat(current);
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
      await access(existing, constants.W_OK);
    } catch {
      throw messages.createError('error.NotWritable', [dir, existing]);
    }
  }
};

/**
 * Write the files that are created or changed; identical ones are not touched. Every file is first
 * written to a temporary file beside it, and only when all of those are written are they renamed into
 * place: a failure part-way leaves the user's files as they were, and a reader never sees half a file.
 */
export const writeStagedFiles = async (files: readonly StagedFile[]): Promise<void> => {
  const toWrite = files.filter((f) => f.status !== 'identical');
  await checkWritable(toWrite);
  const suffix = `.${randomBytes(6).toString('hex')}.tmp`;
  const written: string[] = [];
  try {
    for (const file of toWrite) {
      await mkdir(dirname(file.path), { recursive: true });
      await writeFile(`${file.path}${suffix}`, file.content, 'utf8');
      written.push(file.path);
    }
  } catch (error) {
    await Promise.all(written.map((path) => rm(`${path}${suffix}`, { force: true })));
    throw error;
  }
  for (const path of written) await rename(`${path}${suffix}`, path);
};
