import type { Connection } from '@salesforce/core';

/** A User Access Policy of the org that selects the user, as its metadata says. */
export type OrgUserAccessPolicy = {
  fullName: string;
  label: string;
  /** Design, Active, ...: only an Active policy runs when the user is created or updated. */
  status: string;
  triggerType?: string;
  /** `Grant PermissionSet OwnBackup_Authenticated_User`, in the policy's order. */
  actions: string[];
  /** Other filters beside the Username one: the policy applies only where they hold too (its booleanFilter). */
  otherFilters: number;
};

/** readMetadata takes at most 10 full names a call (Metadata API Developer Guide, "readMetadata()"). */
const READ_CHUNK = 10;

type PolicyMetadata = {
  fullName?: string;
  masterLabel?: string;
  status?: string;
  triggerType?: string;
  userAccessPolicyActions?: unknown;
  userAccessPolicyFilters?: unknown;
};
type Entry = Record<string, unknown>;

const asList = (value: unknown): Entry[] => (Array.isArray(value) ? (value as Entry[]) : value && typeof value === 'object' ? [value as Entry] : []);
const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '');

const selects = (filter: Entry, username: string): boolean =>
  text(filter.type) === 'User' &&
  text(filter.columnName) === 'Username' &&
  ['equals', 'equalsIgnoreCase'].includes(text(filter.operation)) &&
  text(filter.value).toLowerCase() === username.toLowerCase();

/**
 * The org's User Access Policies that select `username` by Username, read with the Metadata API: listMetadata for
 * the names, readMetadata for each policy's status, actions and filters (the Metadata API's UserAccessPolicy; the
 * SOAP and REST UserAccessPolicy objects carry the status but not the filters). Read-only. A policy that selects
 * users by anything else (profile, role, another field alone) isn't matched: which users it reaches is the org's
 * to evaluate, not this check's.
 */
export const readUserAccessPolicies = async (connection: Connection, username: string): Promise<OrgUserAccessPolicy[]> => {
  const listed = asList(await connection.metadata.list({ type: 'UserAccessPolicy' }));
  // jsforce's types predate UserAccessPolicy; the call is the same for every type.
  const readMetadata = connection.metadata.read.bind(connection.metadata) as unknown as (type: string, fullNames: string[]) => Promise<unknown>;
  const names = listed.map((p) => text(p.fullName)).filter((n) => n !== '').sort();
  const found: OrgUserAccessPolicy[] = [];
  for (let i = 0; i < names.length; i += READ_CHUNK) {
    const read = asList(await readMetadata('UserAccessPolicy', names.slice(i, i + READ_CHUNK))) as PolicyMetadata[];
    for (const policy of read) {
      const filters = asList(policy.userAccessPolicyFilters);
      if (!filters.some((f) => selects(f, username))) continue;
      found.push({
        fullName: text(policy.fullName),
        label: text(policy.masterLabel),
        status: text(policy.status),
        ...(policy.triggerType ? { triggerType: text(policy.triggerType) } : {}),
        actions: asList(policy.userAccessPolicyActions).map((a) => `${text(a.action)} ${text(a.type)} ${text(a.target)}`),
        otherFilters: filters.filter((f) => !selects(f, username)).length,
      });
    }
  }
  return found;
};
