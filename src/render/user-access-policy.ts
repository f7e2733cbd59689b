import { USER_ACCESS_POLICY } from '../metadata/schemas.js';
import type { PlannedUserAccessPolicy } from '../resolve/model.js';
import type { MetadataRecord, XmlEntry } from './xml.js';
import { renderSourceXml } from './xml.js';

/** The one filter the plugin writes: the User whose Username equals the integration user's (`target` is `User` for a User field). */
export const usernameFilter = (username: string): XmlEntry => ({
  columnName: 'Username',
  operation: 'equals',
  sortOrder: '1',
  target: 'User',
  type: 'User',
  value: username,
});

/** A UserAccessPolicy source file's content for the plan's policy, as text (as a file holds it). */
export const toUserAccessPolicySource = (policy: PlannedUserAccessPolicy): MetadataRecord => ({
  booleanFilter: '1',
  description: policy.description,
  masterLabel: policy.label,
  // No `order`: the Metadata API requires it only for an Active policy, and a deploy resets Active to Design.
  status: policy.status,
  triggerType: policy.triggerType,
  userAccessPolicyActions: policy.grants.map((g) => ({ action: 'Grant', target: g.target, type: g.type })),
  userAccessPolicyFilters: [usernameFilter(policy.username)],
});

/** The canonical writer for user access policies, generated or read from a file. */
export const renderUserAccessPolicy = (record: MetadataRecord): string => renderSourceXml(USER_ACCESS_POLICY, record);
