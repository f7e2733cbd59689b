import { join } from 'node:path';
import { Messages } from '@salesforce/core';
import { USER_ACCESS_POLICY } from '../metadata/schemas.js';
import { readSourceXml } from '../read/source-xml.js';
import type { MetadataRecord, XmlEntry } from '../render/xml.js';
import { renderUserAccessPolicy, toUserAccessPolicySource } from '../render/user-access-policy.js';
import type { PlannedUserAccessPolicy } from '../resolve/model.js';
import type { MergeResult, PlannedFile } from '../write/files.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'user-access-policy');

const text = (value: unknown): string =>
  typeof value === 'string' ? value.trim() : typeof value === 'boolean' || typeof value === 'number' ? String(value) : '';

const listOf = (record: MetadataRecord, name: string): XmlEntry[] => {
  const value = record[name];
  return Array.isArray(value) ? value : [];
};

/** Whether a filter selects the user by Username (usernames are unique and compared without case, as Salesforce does). */
const selectsUser = (filter: XmlEntry, username: string): boolean =>
  text(filter.type) === 'User' &&
  text(filter.columnName) === 'Username' &&
  ['equals', 'equalsIgnoreCase'].includes(text(filter.operation)) &&
  text(filter.value).toLowerCase() === username.toLowerCase();

const describeFilters = (filters: readonly XmlEntry[]): string =>
  filters.length === 0
    ? messages.getMessage('filters.none')
    : filters.map((f) => [text(f.type) === 'User' ? text(f.columnName) : text(f.type), text(f.operation), text(f.type) === 'User' ? text(f.value) : text(f.target)].join(' ')).join('; ');

/**
 * Add the generated grants to a policy the user already has. What the user wrote stays: their other actions,
 * filters, label, status (an Active policy retrieved back stays Active), order and elements of newer API versions.
 * A missing license goes before the first action that isn't a license, anything else at the end. Refused: a
 * policy that doesn't select this user by Username, and one that revokes what the plan grants.
 */
export const mergeUserAccessPolicy = (existing: MetadataRecord, generated: MetadataRecord, username: string, path: string): MergeResult => {
  const filters = listOf(existing, 'userAccessPolicyFilters');
  if (!filters.some((f) => selectsUser(f, username))) {
    return { conflict: messages.getMessage('conflict.otherUsers', [path, describeFilters(filters), username]) };
  }
  const actions = [...listOf(existing, 'userAccessPolicyActions')];
  for (const grant of listOf(generated, 'userAccessPolicyActions')) {
    const same = actions.find((a) => text(a.type) === text(grant.type) && text(a.target) === text(grant.target));
    if (same) {
      if (text(same.action) !== 'Grant') return { conflict: messages.getMessage('conflict.revokes', [path, text(same.action), text(grant.type), text(grant.target)]) };
      continue;
    }
    const firstOther = actions.findIndex((a) => text(a.type) !== 'PermissionSetLicense');
    if (text(grant.type) === 'PermissionSetLicense' && firstOther !== -1) actions.splice(firstOther, 0, grant);
    else actions.push(grant);
  }
  const merged: MetadataRecord = {};
  for (const [name, value] of Object.entries(generated)) if (!Array.isArray(value)) merged[name] = value;
  for (const [name, value] of Object.entries(existing)) if (value !== undefined) merged[name] = value;
  merged.userAccessPolicyActions = actions;
  return { content: renderUserAccessPolicy(merged) };
};

/**
 * The policy file's merge, for stageFiles. An existing file that can't be read is an error naming its line, and
 * nothing is written; with `force` the generated policy replaces it, as --force replaces any file.
 */
export const userAccessPolicyFileMerge =
  (generated: MetadataRecord, username: string, force: boolean, shown: (path: string) => string = (path) => path) =>
  (existing: string, path: string): MergeResult => {
    if (force) return { content: renderUserAccessPolicy(generated) };
    const { record } = readSourceXml(USER_ACCESS_POLICY, existing, shown(path));
    return mergeUserAccessPolicy(record, generated, username, shown(path));
  };

/** Where the policy's file goes: `useraccesspolicies/` under the output directory. */
export const userAccessPolicyPath = (policy: PlannedUserAccessPolicy, outputDir: string): string =>
  join(outputDir, 'useraccesspolicies', `${policy.fullName}.useraccesspolicy-meta.xml`);

/** The policy's file under `useraccesspolicies/`, new or merged into the user's. */
export const userAccessPolicyFile = (
  policy: PlannedUserAccessPolicy,
  outputDir: string,
  force: boolean,
  shown: (path: string) => string
): PlannedFile => {
  const generated = toUserAccessPolicySource(policy);
  return {
    path: userAccessPolicyPath(policy, outputDir),
    type: 'UserAccessPolicy',
    content: renderUserAccessPolicy(generated),
    merge: userAccessPolicyFileMerge(generated, policy.username, force, shown),
    conflictHint: '',
  };
};
