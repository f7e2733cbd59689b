import { relative, resolve } from 'node:path';
import { Messages } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'files');

/** The kinds of file `--replace` names; a path names one file. */
export const FILE_KINDS = ['permission-set', 'settings', 'user-access-policy', 'user-definition', 'manifest', 'scratch-definition'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** Whether `--replace` (or `--force`, every file) names a file, by its kind or its path. */
export type Replacing = (kind: FileKind, path: string) => boolean;

/**
 * What `--replace` names, checked against the files the command writes: a kind, or the path of one of them
 * (relative to `cwd`). A name that is neither is refused, listing what it could be.
 */
export const replacing = (names: readonly string[], force: boolean, cwd: string, files: ReadonlyArray<{ kind: FileKind; path: string }>): Replacing => {
  const kinds = new Set<string>(FILE_KINDS);
  const paths = new Map(files.map((f) => [f.path, f.kind]));
  for (const name of names) {
    if (!kinds.has(name) && !paths.has(resolve(cwd, name))) {
      throw messages.createError('error.UnknownReplace', [name], [FILE_KINDS.join(', '), files.map((f) => relative(cwd, f.path)).join(', ')]);
    }
  }
  const given = new Set(names.map((name) => (kinds.has(name) ? name : resolve(cwd, name))));
  return (kind, path) => force || given.has(kind) || given.has(path);
};
