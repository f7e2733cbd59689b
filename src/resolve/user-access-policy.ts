import { Messages } from '@salesforce/core';
import { firstNonXmlChar } from '../metadata/xml-chars.js';
import type { Because, IntegrationUserPlan, PlannedOrgSetting, PlannedPolicyGrant, PlannedUserAccessPolicy } from './model.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'user-access-policy');

/** A Salesforce username: email form, at most 80 characters (User.Username). */
const USERNAME = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/;
const USERNAME_MAX = 80;

/** Developer names of metadata components: letters, digits, single underscores, starting with a letter; 40 characters. */
const NAME_MAX = 40;
const SUFFIX = '_Policy';

/** UserAccessPolicy is in the Metadata API from 57.0. */
const POLICY_SINCE = 57;

/** A policy written for a project whose API version has no UserAccessPolicy wouldn't deploy: refused first. */
export const checkPolicyApiVersion = (apiVersion: string): void => {
  if (Number.parseFloat(apiVersion) < POLICY_SINCE) throw messages.createError('error.ApiVersion', [apiVersion]);
};

export const checkUsername = (username: string): string => {
  const trimmed = username.trim();
  // A control character would reach the policy's filter value, which XML 1.0 can't carry.
  if (!USERNAME.test(trimmed) || trimmed.length > USERNAME_MAX || firstNonXmlChar(trimmed)) throw messages.createError('error.Username', [username]);
  return trimmed;
};

/** `OwnBackup_Authenticated_User` → `OwnBackup_Authenticated_User_Policy`, shortened to fit a developer name. */
export const policyName = (permissionSet: string): string =>
  `${permissionSet.slice(0, NAME_MAX - SUFFIX.length).replace(/_+$/, '')}${SUFFIX}`;

/** What a policy for the plan grants: the generated permission set and every license and permission set the plan assigns. */
export const policyGrants = (plan: IntegrationUserPlan): PlannedPolicyGrant[] => [
  // Licenses first: a permission set that needs one can't be assigned before it.
  ...plan.permissionSetLicenses.map((l): PlannedPolicyGrant => ({ type: 'PermissionSetLicense', target: l.name, label: l.label })),
  { type: 'PermissionSet', target: plan.permissionSet.fullName, label: plan.permissionSet.label },
  ...plan.permissionSetAssignments.map((a): PlannedPolicyGrant => ({ type: 'PermissionSet', target: a.name, label: a.label })),
];

/**
 * The policy and the User Management preferences it needs, added to a plan. Salesforce Help ("Automatically Grant
 * or Revoke Access with a User Access Policy") has both User Access Policies and its Enhanced Interface turned on
 * before a policy runs; the first is what scratch org definitions and deploys turn on.
 */
export const withUserAccessPolicy = (plan: IntegrationUserPlan, username: string): IntegrationUserPlan => {
  const user = checkUsername(username);
  const fullName = policyName(plan.permissionSet.fullName);
  const grants = policyGrants(plan);
  const policy: PlannedUserAccessPolicy = {
    fullName,
    label: messages.getMessage('policy.label', [plan.vendor.name]),
    description: messages.getMessage('policy.description', [plan.vendor.name, user]),
    username: user,
    triggerType: 'CreateAndUpdate',
    status: 'Design',
    grants,
  };
  const because: Because = {
    from: 'dependency',
    requiredBy: `UserAccessPolicy ${fullName}`,
    chain: [`UserAccessPolicy ${fullName}`],
    evidence: messages.getMessage('settings.evidence'),
  };
  const settings: PlannedOrgSetting[] = [
    { settings: 'UserManagement', field: 'enableEnhcUiUserAccessPolicies', value: true, label: messages.getMessage('settings.enhancedUi'), because: [because] },
    { settings: 'UserManagement', field: 'userAccessPoliciesEnabled', value: true, label: messages.getMessage('settings.enabled'), because: [because] },
  ];
  return { ...plan, orgSettings: [...plan.orgSettings, ...settings], userAccessPolicy: policy };
};
