import type { Connection } from '@salesforce/core';
import { Messages } from '@salesforce/core';
import type { IntegrationUserPlan } from '../resolve/model.js';
import type { DescribeFailure, SchemaProgress } from '../org/schema.js';
import { describeObjects, listQueryableObjects } from '../org/schema.js';
import type { FieldPermissionRow, ObjectPermissionRow } from '../org/user-access.js';
import type { CheckItem, FieldSecurityGap } from './model.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'check');

/** How many missing fields a row names before "and N more". */
export const FIRST_MISSING = 5;

/** Permissionable fields (`Object.Field`) per object described, and the objects whose describe failed. */
export type PermissionableFields = { fields: Map<string, string[]>; failed: DescribeFailure[] };

/** Which objects' field-level security to scan: those named, or, for a vendor that asks for read on every field, every queryable object. */
export type ScanScope = { objects: readonly string[] } | { allQueryable: true };

/** The caveat by which a vendor asks for read access on every field (GRAX's "Missing Field Permissions"). */
export const fieldSecurityCaveat = (plan: IntegrationUserPlan): IntegrationUserPlan['caveats'][number] | undefined =>
  plan.caveats.find((c) => c.id === 'field-level-security');

/** For a progress display: the global describe starts, then each Composite describe ends. */
export type ScanProgress = { onListing?: () => void; onProgress?: (progress: SchemaProgress) => void };

export const scanScope = (plan: IntegrationUserPlan, named: readonly string[] | undefined): ScanScope =>
  named?.length ? { objects: named } : fieldSecurityCaveat(plan) ? { allQueryable: true } : { objects: [] };

/**
 * The permissionable fields of the objects, from the org's schema read with batched Composite describes
 * (src/org/schema.ts). A field that isn't permissionable (required, master-detail, system) takes no
 * field permission, so it can't be a gap.
 */
export const readPermissionableFields = async (
  connection: Connection,
  scope: ScanScope,
  planObjects: readonly string[],
  progress: ScanProgress = {}
): Promise<PermissionableFields> => {
  if ('allQueryable' in scope) progress.onListing?.();
  const named = 'allQueryable' in scope ? (await listQueryableObjects(connection)).map((o) => o.name) : scope.objects;
  const objects = [...new Set([...planObjects, ...named])].sort();
  if (objects.length === 0) return { fields: new Map(), failed: [] };
  const read = await describeObjects(connection, objects, progress.onProgress ? { onProgress: progress.onProgress } : {});
  return {
    fields: new Map([...read.objects].map(([name, schema]) => [name, schema.fields.filter((f) => f.permissionable).map((f) => `${name}.${f.name}`)])),
    failed: read.failed,
  };
};

export const listFirst = (fields: readonly string[]): string =>
  fields.length > FIRST_MISSING
    ? messages.getMessage('detail.andMore', [fields.slice(0, FIRST_MISSING).join(', '), fields.length - FIRST_MISSING])
    : fields.join(', ');

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * GRAX's "Missing Field Permissions" scan: each permissionable field without a read FieldPermissions row in any
 * of the user's permission sets, unless an ObjectPermissions row grants View All Fields on its object.
 */
export const scanFieldSecurity = (
  schema: PermissionableFields,
  fieldRows: readonly FieldPermissionRow[],
  objectRows: readonly ObjectPermissionRow[],
  grantors: (permissionSetIds: Iterable<string>) => string[],
  base: Pick<CheckItem, 'tier' | 'reason' | 'source'>
): { items: CheckItem[]; gaps: FieldSecurityGap[] } => {
  const readers = new Map<string, string[]>();
  for (const row of fieldRows) if (row.readable) readers.set(row.field.toLowerCase(), [...(readers.get(row.field.toLowerCase()) ?? []), row.parentId]);
  const items: CheckItem[] = [];
  const gaps: FieldSecurityGap[] = [];
  for (const [object, fields] of [...schema.fields].sort(([a], [b]) => byName(a, b))) {
    const allFields = objectRows.filter((r) => r.viewAllFields && r.object.toLowerCase() === object.toLowerCase()).map((r) => r.parentId);
    const missing = allFields.length > 0 ? [] : fields.filter((f) => !readers.has(f.toLowerCase())).sort(byName);
    gaps.push({ object, fields: fields.length, missing: missing.length, firstMissing: missing.slice(0, FIRST_MISSING) });
    items.push({
      kind: 'fieldSecurity',
      name: object,
      requirement: messages.getMessage('requirement.fieldSecurity', [object]),
      ...base,
      status: missing.length === 0 ? 'pass' : 'fail',
      ...(missing.length > 0 ? { detail: messages.getMessage('detail.fields', [missing.length, fields.length, listFirst(missing)]), missingFields: missing } : {}),
      grantedBy: grantors([...fields.flatMap((f) => readers.get(f.toLowerCase()) ?? []), ...allFields]),
    });
  }
  for (const failure of [...schema.failed].sort((a, b) => byName(a.object, b.object))) {
    items.push({
      kind: 'fieldSecurity',
      name: failure.object,
      requirement: messages.getMessage('requirement.fieldSecurity', [failure.object]),
      ...base,
      status: 'unchecked',
      detail: messages.getMessage('detail.describeFailed', [failure.errorCode, failure.message]),
      grantedBy: [],
    });
  }
  return { items, gaps };
};
