import { join } from 'node:path';
import { Messages } from '@salesforce/core';
import type { IntegrationUserPlan, PlannedPermissionSet } from '../resolve/model.js';
import { renderPermissionSet, toPermissionSetSource } from '../render/permission-set.js';
import type { FileStatus } from '../write/files.js';
import { stageFiles, writeStagedFiles } from '../write/files.js';
import { bundledDependencyGraph, closeDependencies } from '../resolve/dependencies.js';
import { compareKeys } from '../metadata/order.js';
import type { CheckItem } from './model.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'check');

/**
 * What a permission set written by the check holds: what the user is missing and what that depends on,
 * taken from the plan (never more than it). Its name gets `_Missing`, so deploying it never replaces the vendor's own set.
 */
export const missingPermissionSet = (plan: IntegrationUserPlan, items: readonly CheckItem[]): PlannedPermissionSet => {
  const failed = (kind: CheckItem['kind']): Set<string> => new Set(items.filter((i) => i.kind === kind && i.status === 'fail').map((i) => i.name));
  const userPermissions = failed('userPermission');
  const objects = failed('objectPermission');
  // A permission set must hold what its own permissions depend on, even where another set grants it already.
  const closure = closeDependencies([...userPermissions].map((name) => ({ kind: 'userPermission' as const, name })), bundledDependencyGraph());
  for (const { grant } of closure.added) if (grant.kind === 'userPermission') userPermissions.add(grant.name);
  const missingFields = (kind: CheckItem['kind']): Set<string> =>
    new Set(items.filter((i) => i.kind === kind && i.status === 'fail').flatMap((i) => i.missingFields ?? []));
  const listed = missingFields('fieldPermission');
  const scanned = missingFields('fieldSecurity');
  const ps = plan.permissionSet;
  return {
    fullName: `${ps.fullName}_Missing`,
    label: messages.getMessage('missing.label', [ps.label]).slice(0, 80),
    description: messages.getMessage('missing.description', [plan.vendor.name, ps.fullName]),
    ...(ps.license ? { license: ps.license } : {}),
    userPermissions: ps.userPermissions.filter((p) => userPermissions.has(p.name)),
    objectPermissions: ps.objectPermissions.filter((o) => objects.has(o.object)),
    fieldPermissions: [
      ...ps.fieldPermissions.filter((f) => listed.has(f.field)),
      // The scan's gaps get read access only: edit is the vendor's to ask for.
      ...[...scanned]
        .filter((field) => !ps.fieldPermissions.some((f) => f.field === field))
        .map((field) => ({ field, readable: true, editable: false, verified: true, because: [] })),
    ].sort((a, b) => compareKeys(a.field, b.field)),
  };
};

export type WrittenFile = { path: string; type: string; fullName: string; status: FileStatus };

/**
 * Write the missing items as a permission set source file under `outputDir/permissionsets/`, with
 * generate's renderer and staged writer: an identical file is left alone, a different one refused without `force`.
 */
export const writeMissingPermissionSet = async (
  permissionSet: PlannedPermissionSet,
  options: { outputDir: string; apiVersion: string; force?: boolean }
): Promise<WrittenFile> => {
  const path = join(options.outputDir, 'permissionsets', `${permissionSet.fullName}.permissionset-meta.xml`);
  const staged = await stageFiles(
    [
      {
        path,
        type: 'PermissionSet',
        content: renderPermissionSet(toPermissionSetSource(permissionSet, options.apiVersion)),
        conflictHint: messages.getMessage('missing.conflict'),
      },
    ],
    options.force ?? false
  );
  await writeStagedFiles(staged);
  return { path, type: 'PermissionSet', fullName: permissionSet.fullName, status: staged[0].status };
};
