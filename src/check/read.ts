import type { Connection } from '@salesforce/core';
import { Messages } from '@salesforce/core';
import type { IntegrationUserPlan } from '../resolve/model.js';
import type { FieldPermissionRow, ObjectPermissionRow, OrgUser, UserPermissionSet, UserPermissionSetLicense } from '../org/user-access.js';
import {
  enabledUserPermissions,
  fieldPermissions,
  findUser,
  objectPermissions,
  permissionSetAssignments,
  permissionSetLicenseAssignments,
} from '../org/user-access.js';
import { readSecuritySettings } from '../org/security-settings.js';
import type { OrgUserAccessPolicy } from '../org/user-access-policies.js';
import { readUserAccessPolicies } from '../org/user-access-policies.js';
import type { PermissionCatalog } from '../resolve/catalog.js';
import type { CheckFault } from './faults.js';
import { faultError, isFatal, toFault } from './faults.js';
import type { PermissionableFields, ScanProgress, ScanScope } from './field-security.js';
import { readPermissionableFields } from './field-security.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'check');

/** Faults whose cause is another for User Access Policies: the type is missing from the API version or the org's edition. */
const POLICY_FAULTS = { INVALID_TYPE: 'policyType', UNSUPPORTED_API_VERSION: 'policyApiVersion', INSUFFICIENT_ACCESS: 'policyAccess' };

/** What one read returned, or why it returned nothing. */
export type Read<T> = { ok: true; value: T } | { ok: false; fault: CheckFault };

/** Everything the check reads from the org about one user; each part on its own, so one failing read marks only what needed it. */
export type OrgSnapshot = {
  user: OrgUser;
  /** User fields the plan needs that exist in this org. */
  userFieldsInOrg: Set<string>;
  permissionSets: Read<UserPermissionSet[]>;
  permissionSetLicenses: Read<UserPermissionSetLicense[]>;
  /** The user permissions this org has (its PermissionSet describe's `Permissions<Name>` fields). */
  permissionFieldsInOrg: Read<PermissionCatalog>;
  /** Permission set id → user permissions it enables, of those the plan needs. */
  userPermissions: Read<Map<string, Set<string>>>;
  objectPermissions: Read<ObjectPermissionRow[]>;
  fieldPermissions: Read<FieldPermissionRow[]>;
  /** Absent where there was nothing to scan. */
  permissionableFields?: Read<PermissionableFields>;
  securitySettings: Read<Record<string, boolean>>;
  /** Every User Access Policy of the org; reported beside the items, never changing the outcome. */
  userAccessPolicies: Read<OrgUserAccessPolicy[]>;
  /** Requests still to make after a fatal fault are not made; every later part carries that fault. */
  stoppedBy?: CheckFault;
};

export type ReadOptions = {
  /** Objects whose field-level security to scan besides the plan's. */
  scan?: ScanScope;
  /** The org's user permissions, read with its dependency graph (src/org/permission-graph.ts); absent where that describe failed. */
  catalog?: PermissionCatalog;
  /** Why the catalog is absent. */
  catalogFailure?: string;
  progress?: ScanProgress;
};

/** The objects the plan's object and field permissions name. */
export const planObjects = (plan: IntegrationUserPlan): string[] =>
  [...new Set([...plan.permissionSet.objectPermissions.map((o) => o.object), ...plan.permissionSet.fieldPermissions.map((f) => f.field.split('.')[0])])].sort();

const describeFields = async (connection: Connection, object: string): Promise<Set<string>> =>
  new Set((await connection.describe(object)).fields.map((f) => f.name));

/** A failure another module reported as text, as a fault of this check. */
class ReadFailure extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'DescribeFailed';
  }
}

/**
 * Read what the plan needs to know about `username`, read-only. An unknown user and faults that stop
 * every request (expired auth) throw; any other failing read is recorded and the rest go on.
 */
export const readOrgSnapshot = async (
  connection: Connection,
  plan: IntegrationUserPlan,
  username: string,
  options: ReadOptions = {}
): Promise<OrgSnapshot> => {
  let stoppedBy: CheckFault | undefined;
  const read = async <T>(step: string, fn: () => Promise<T>, special?: Record<string, string>): Promise<Read<T>> => {
    if (stoppedBy) return { ok: false, fault: stoppedBy };
    try {
      return { ok: true, value: await fn() };
    } catch (error) {
      const fault = toFault(step, error, special);
      if (isFatal(fault)) stoppedBy = fault;
      return { ok: false, fault };
    }
  };
  const after = <A, T>(first: Read<A>, step: string, fn: (value: A) => Promise<T>): Promise<Read<T>> =>
    first.ok ? read(step, () => fn(first.value)) : Promise.resolve({ ok: false, fault: first.fault });

  // Without the user there is nothing to check: any fault here stops the command.
  const wantedUserFields = plan.userFields.map((u) => u.field);
  const userFields = await read(messages.getMessage('step.user'), () => describeFields(connection, 'User'));
  if (!userFields.ok) throw faultError(userFields.fault);
  const userFieldsInOrg = new Set(wantedUserFields.filter((f) => userFields.value.has(f)));
  const found = await read(messages.getMessage('step.user'), () => findUser(connection, username, [...userFieldsInOrg]));
  if (!found.ok) throw faultError(found.fault);
  if (!found.value) throw messages.createError('error.UserNotFound', [username, connection.getUsername() ?? '']);
  const user = found.value;

  const permissionSets = await read(messages.getMessage('step.permissionSets'), () => permissionSetAssignments(connection, user.id));
  const permissionSetLicenses = await read(messages.getMessage('step.permissionSetLicenses'), () => permissionSetLicenseAssignments(connection, user.id));
  const catalog = options.catalog;
  const permissionFieldsInOrg = await read(messages.getMessage('step.permissionFields'), () =>
    catalog ? Promise.resolve(catalog) : Promise.reject(new ReadFailure(options.catalogFailure ?? ''))
  );
  const ids = permissionSets.ok ? permissionSets.value.map((p) => p.id) : [];
  const wanted = plan.permissionSet.userPermissions.map((p) => p.name);
  const userPermissions = permissionSets.ok
    ? await after(permissionFieldsInOrg, messages.getMessage('step.userPermissions'), (inOrg) =>
        enabledUserPermissions(connection, ids, wanted.filter((p) => inOrg.has(p)))
      )
    : permissionSets;

  const objects = planObjects(plan);
  const scope = options.scan ?? { objects: [] };
  const scanning = 'allQueryable' in scope || scope.objects.length > 0;
  const permissionableFields = scanning
    ? await read(messages.getMessage('step.permissionableFields'), () => readPermissionableFields(connection, scope, objects, options.progress))
    : undefined;
  // Object and field permissions of every object looked at: the plan's and those scanned.
  const scanned = [...new Set([...objects, ...(permissionableFields?.ok ? [...permissionableFields.value.fields.keys()] : [])])].sort();
  const objectRows = await after(permissionSets, messages.getMessage('step.objectPermissions'), () => objectPermissions(connection, ids, scanned));
  const fieldRows = await after(permissionSets, messages.getMessage('step.fieldPermissions'), () => fieldPermissions(connection, ids, scanned));
  const securitySettings =
    plan.orgSettings.length > 0
      ? await read(messages.getMessage('step.securitySettings'), () => readSecuritySettings(connection))
      : ({ ok: true, value: {} } as const);
  const userAccessPolicies = await read(messages.getMessage('step.userAccessPolicies'), () => readUserAccessPolicies(connection), POLICY_FAULTS);

  return {
    user,
    userFieldsInOrg,
    permissionSets,
    permissionSetLicenses,
    permissionFieldsInOrg,
    userPermissions,
    objectPermissions: objectRows,
    fieldPermissions: fieldRows,
    ...(permissionableFields ? { permissionableFields } : {}),
    securitySettings,
    userAccessPolicies,
    ...(stoppedBy ? { stoppedBy } : {}),
  };
};

