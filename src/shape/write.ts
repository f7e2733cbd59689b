import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import type { Connection } from '@salesforce/core';
import { Messages } from '@salesforce/core';
import type { FileStatus } from '../write/files.js';
import { stageFiles, writeStagedFiles } from '../write/files.js';
import { retrieveOrgShape } from '../org/org-shape.js';
import { serializeOrgShape } from './format.js';
import { isOrgShapeText } from './load.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'org-shape');

export type RetrieveOrgShapeResult = {
  /** Relative to the current directory. */
  file: string;
  /** identical: the org's shape hasn't changed since the file was written, so the file (and its retrievedAt) is kept. */
  status: FileStatus;
  orgId: string;
  instanceUrl: string;
  apiVersion: string;
  userPermissions: number;
  objects: number;
  permissionSetLicenses: number;
  permissionDependencies: number;
  /** Tooling queries issued for PermissionDependency. */
  pages: number;
};

/** The text without its retrieval time: two reads of an unchanged org agree on it. */
const withoutTime = (text: string): string => text.replace(/^ {4}"retrievedAt": ".*",?$/m, '');

/**
 * Read the org's shape and write it to `path` atomically, or write nothing: every read happens before the
 * file is staged. An existing file that isn't an org shape is refused; an org shape is replaced, or kept as it
 * is where only its retrieval time would change.
 */
export const retrieveAndWriteOrgShape = async (conn: Connection, path: string, cwd = process.cwd()): Promise<RetrieveOrgShapeResult> => {
  const shown = relative(cwd, path) || path;
  // Refused before the org is read: a retrieve replaces only an org shape.
  const existing = await readFile(path, 'utf8').catch(() => undefined);
  if (existing !== undefined && !isOrgShapeText(existing)) throw messages.createError('error.NotAShape', [shown]);
  const { shape, pages } = await retrieveOrgShape(conn);
  const content = serializeOrgShape(shape);
  const [staged] = await stageFiles(
    [
      {
        path,
        type: 'OrgShape',
        content,
        merge: (current) =>
          isOrgShapeText(current)
            ? { content: withoutTime(current) === withoutTime(content) ? current : content }
            : { conflict: messages.getMessage('error.NotAShape', [shown]) },
        conflictHint: '',
      },
    ],
    false
  );
  await writeStagedFiles([staged]);
  return {
    file: shown,
    status: staged.status,
    orgId: shape.retrievedFrom?.orgId ?? '',
    instanceUrl: shape.retrievedFrom?.instanceUrl ?? '',
    apiVersion: shape.retrievedFrom?.apiVersion ?? '',
    userPermissions: new Set(shape.userPermissions).size,
    objects: new Set(shape.objects).size,
    permissionSetLicenses: new Set(shape.permissionSetLicenses).size,
    permissionDependencies: (JSON.parse(content) as { permissionDependencies: unknown[] }).permissionDependencies.length,
    pages,
  };
};
