import type { Connection } from '@salesforce/core';

/** One action of a policy (Metadata API UserAccessPolicyAction): `Grant` or `Revoke` of a permission set, license, group... */
export type OrgPolicyAction = { action: string; type: string; target: string };

/**
 * One filter of a policy (Metadata API UserAccessPolicyFilter). A User field is `type` and `target` `User`, the field
 * in `columnName` and the value in `value`; the other types (Profile, UserRole, PermissionSet...) name it in `target`.
 */
export type OrgPolicyFilter = { sortOrder: number; type: string; target: string; operation: string; columnName?: string; value?: string };

/** A User Access Policy of the org, as readMetadata returns it. */
export type OrgUserAccessPolicy = {
  fullName: string;
  label: string;
  /** Design, Testing, Migrate, Updating, Failed, Active, Completed: only an Active policy runs when users are created or updated. */
  status: string;
  /** Create, Update or CreateAndUpdate; absent on a policy that is only ever applied by hand. */
  triggerType?: string;
  /** Among Active policies a user meets, the lowest order is the one applied. */
  order?: number;
  /** `1 AND 2`: how the filters combine, by sortOrder. */
  booleanFilter?: string;
  actions: OrgPolicyAction[];
  filters: OrgPolicyFilter[];
};

/** The Metadata API has UserAccessPolicy from 57.0 (Metadata API Developer Guide, "UserAccessPolicy"). */
export const USER_ACCESS_POLICY_SINCE = 57;

/** readMetadata takes at most 10 full names a call (Metadata API Developer Guide, "readMetadata()"). */
const READ_CHUNK = 10;

/** The connection's API version is too old to know the type: the call isn't made. */
export class PolicyApiVersionError extends Error {
  public constructor(apiVersion: string) {
    super(`API version ${apiVersion}`);
    this.name = 'UNSUPPORTED_API_VERSION';
  }
}

type Entry = Record<string, unknown>;

const asList = (value: unknown): Entry[] => (Array.isArray(value) ? (value as Entry[]) : value && typeof value === 'object' ? [value as Entry] : []);
// jsforce has no schema for UserAccessPolicy, so every value arrives as the SOAP text.
const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '');
const optional = <K extends string>(key: K, value: string): Partial<Record<K, string>> => (value ? ({ [key]: value } as Record<K, string>) : {});

const toPolicy = (record: Entry): OrgUserAccessPolicy => {
  const order = Number.parseInt(text(record.order), 10);
  return {
    fullName: text(record.fullName),
    label: text(record.masterLabel),
    status: text(record.status),
    ...optional('triggerType', text(record.triggerType)),
    ...(Number.isFinite(order) ? { order } : {}),
    ...optional('booleanFilter', text(record.booleanFilter)),
    actions: asList(record.userAccessPolicyActions).map((a) => ({ action: text(a.action), type: text(a.type), target: text(a.target) })),
    filters: asList(record.userAccessPolicyFilters).map((f) => ({
      sortOrder: Number.parseInt(text(f.sortOrder), 10),
      type: text(f.type),
      target: text(f.target),
      operation: text(f.operation),
      ...optional('columnName', text(f.columnName)),
      ...optional('value', text(f.value)),
    })),
  };
};

/**
 * Every User Access Policy of the org, read-only, with the Metadata API: listMetadata for the names, readMetadata
 * for each policy's status, order, actions and filters (the SOAP API's UserAccessPolicy object carries the status
 * but not the filters). In name order. Before API 57.0 nothing is requested; an org whose edition or settings
 * don't have the type answers INVALID_TYPE ("Cannot use: UserAccessPolicy in this organization").
 */
export const readUserAccessPolicies = async (connection: Connection): Promise<OrgUserAccessPolicy[]> => {
  const apiVersion = connection.getApiVersion();
  if (Number.parseFloat(apiVersion) < USER_ACCESS_POLICY_SINCE) throw new PolicyApiVersionError(apiVersion);
  const listed = asList(await connection.metadata.list({ type: 'UserAccessPolicy' }));
  // jsforce's types predate UserAccessPolicy; the call is the same for every type.
  const readMetadata = connection.metadata.read.bind(connection.metadata) as unknown as (type: string, fullNames: string[]) => Promise<unknown>;
  const names = [...new Set(listed.map((p) => text(p.fullName)).filter((n) => n !== ''))].sort();
  const policies: OrgUserAccessPolicy[] = [];
  for (let i = 0; i < names.length; i += READ_CHUNK) {
    // A name deleted between the two calls comes back as a record without a fullName.
    for (const record of asList(await readMetadata('UserAccessPolicy', names.slice(i, i + READ_CHUNK)))) {
      if (text(record.fullName) !== '') policies.push(toPolicy(record));
    }
  }
  return policies;
};
