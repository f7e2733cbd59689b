import type { Connection } from '@salesforce/core';
import { Messages } from '@salesforce/core';
import type { OrgShape, OrgShapeDependency } from '../shape/format.js';
import { AUDIT_FIELDS_PREFERENCE } from '../profiles/org-preferences.js';
import { describeError, describeUserPermissionFields, parsePermission, queryPermissionDependencies } from './permission-graph.js';
import { queryAll } from './query.js';
import { listObjects } from './schema.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'org-shape');

/** A read the org refused: which one, and what it said. Nothing is written after one. */
const refused = (read: string, error: unknown): Error => messages.createError('error.ReadRefused', [messages.getMessage(read), describeError(error)]);

const step = async <T>(read: string, run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (error) {
    throw refused(read, error);
  }
};

/**
 * Read what closure and validation need from the org, read-only: the PermissionSet describe's user
 * permissions, every PermissionDependency row (keyset-paged, as --target-org reads it), the global describe's
 * object names and the permission set licenses. Any refused or stopped read throws: a shape is whole or absent.
 */
export const retrieveOrgShape = async (conn: Connection, now: () => Date = () => new Date()): Promise<{ shape: Omit<OrgShape, 'file'>; pages: number }> => {
  const fields = await step('read.permissionSetDescribe', () => describeUserPermissionFields(conn));
  const dependencies = await step('read.permissionDependency', () => queryPermissionDependencies(conn));
  if (dependencies.stopped) throw messages.createError('error.ReadStopped', [dependencies.stopped]);
  const objects = await step('read.globalDescribe', () => listObjects(conn));
  const licenses = await step('read.permissionSetLicenses', () => queryAll<{ DeveloperName: string }>(conn, 'SELECT DeveloperName FROM PermissionSetLicense'));

  const userPermissions = fields.map((f) => f.name);
  // Rows from a permission the org lacks never apply (such a permission is never in a plan); the audit-fields pair exists once its preference is on.
  const applies = new Set([...userPermissions, ...AUDIT_FIELDS_PREFERENCE.permissions.map((p) => p.name)]);
  const rows: Array<Required<OrgShapeDependency>> = [];
  for (const record of dependencies.records) {
    const from = parsePermission(record.Permission, record.PermissionType);
    const requires = parsePermission(record.RequiredPermission, record.RequiredPermissionType);
    if (!from || !requires || (from.kind === 'userPermission' && !applies.has(from.name))) continue;
    rows.push({
      // User permissions by their Metadata API name, as the rest of the shape names them.
      permission: from.kind === 'userPermission' ? from.name : record.Permission,
      permissionType: record.PermissionType,
      requiredPermission: requires.kind === 'userPermission' ? requires.name : record.RequiredPermission,
      requiredPermissionType: record.RequiredPermissionType,
    });
  }
  const shape = {
    retrievedFrom: {
      orgId: conn.getAuthInfoFields().orgId ?? '',
      instanceUrl: conn.instanceUrl,
      apiVersion: conn.getApiVersion(),
      retrievedAt: now().toISOString(),
    },
    userPermissions,
    permissionSetLicenses: licenses.map((l) => l.DeveloperName),
    objects: objects.map((o) => o.name),
    permissionDependencies: rows,
  };
  return { shape, pages: dependencies.pages };
};

