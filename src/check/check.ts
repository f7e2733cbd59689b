import type { Connection } from '@salesforce/core';
import { Messages } from '@salesforce/core';
import type { VendorProfile } from '../profiles/types.js';
import type { IntegrationUserPlan } from '../resolve/model.js';
import type { ResolveOptions } from '../resolve/resolve.js';
import { resolvePlan } from '../resolve/resolve.js';
import type { CheckFault } from './faults.js';
import type { CheckCounts, CheckItem, CheckOutcome, CheckResult } from './model.js';
import { CHECK_EXIT_CODES } from './model.js';
import { readOrgPermissions, withOrgPermissions } from '../org/permission-graph.js';
import type { OrgSnapshot } from './read.js';
import { readOrgSnapshot } from './read.js';
import { evaluate } from './evaluate.js';
import { checkPolicies } from './policies.js';
import type { ScanProgress } from './field-security.js';
import { scanScope } from './field-security.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'check');

/** A variant built on the admin's own profile needs its name for a user definition file; the check reads the user's profile instead. */
const needsProfileName = (profile: VendorProfile, variant: string | undefined): boolean => {
  const chosen = profile.variants?.find((v) => v.id === (variant ?? profile.defaultVariant ?? profile.variants?.[0]?.id));
  return (chosen?.userProfile ?? profile.userProfile).custom === true;
};

export type CheckOptions = ResolveOptions & {
  username: string;
  /** Objects whose field-level security to scan; default: every queryable object for a vendor that asks for read on every field. */
  scanObjects?: string[];
  progress?: ScanProgress;
};

const count = (items: CheckItem[]): CheckCounts => ({
  pass: items.filter((i) => i.status === 'pass').length,
  fail: items.filter((i) => i.status === 'fail').length,
  notInOrg: items.filter((i) => i.status === 'not-in-org').length,
  unchecked: items.filter((i) => i.status === 'unchecked').length,
});

/** Missing beats unknown: a definite gap is reported as one even where other items could not be checked. */
export const outcomeOf = (items: CheckItem[], partial: boolean): CheckOutcome => {
  const required = items.filter((i) => i.tier === 'required');
  if (required.some((i) => i.status === 'fail' || i.status === 'not-in-org')) return 'fail';
  if (partial || required.some((i) => i.status === 'unchecked')) return 'incomplete';
  return 'pass';
};

const faultsOf = (org: OrgSnapshot): CheckFault[] => {
  const reads = [org.permissionSets, org.permissionSetLicenses, org.permissionFieldsInOrg, org.userPermissions, org.objectPermissions, org.fieldPermissions, org.permissionableFields, org.securitySettings];
  const faults = new Map<string, CheckFault>();
  for (const read of reads) if (read && !read.ok) faults.set(`${read.fault.step}\n${read.fault.errorCode}`, read.fault);
  const failed = org.permissionableFields?.ok ? org.permissionableFields.value.failed : [];
  if (failed.length > 0) {
    faults.set('describe', {
      step: messages.getMessage('step.permissionableFields'),
      errorCode: failed[0].errorCode,
      message: messages.getMessage('fault.describe', [failed.length, failed.map((f) => `${f.object} (${f.errorCode})`).join(', ')]),
      action: messages.getMessage('fault.describe.action'),
    });
  }
  return [...faults.values()];
};

/** The result of comparing a plan with an org snapshot; pure, so each kind of gap is tested without an org. */
export const checkResult = (plan: IntegrationUserPlan, org: OrgSnapshot, targetOrg: string): CheckResult => {
  const { items, fieldSecurity } = evaluate(plan, org);
  const faults = faultsOf(org);
  const partial = faults.length > 0;
  const outcome = outcomeOf(items, partial);
  return {
    vendor: plan.vendor.id,
    ...(plan.variant ? { variant: plan.variant.id } : {}),
    targetOrg,
    user: {
      id: org.user.id,
      username: org.user.username,
      name: org.user.name,
      isActive: org.user.isActive,
      ...(org.user.profileName ? { profile: org.user.profileName } : {}),
      ...(org.user.userLicense ? { userLicense: org.user.userLicense } : {}),
    },
    permissionSets: (org.permissionSets.ok ? org.permissionSets.value : []).map((ps) => ({
      name: ps.ownedByProfile ? ps.profileName ?? ps.name : ps.name,
      label: ps.label,
      ownedByProfile: ps.ownedByProfile,
      ...(ps.group ? { group: ps.group } : {}),
    })),
    permissionSetLicenses: (org.permissionSetLicenses.ok ? org.permissionSetLicenses.value : []).map((l) => ({ developerName: l.developerName, label: l.label })),
    items,
    fieldSecurity,
    userAccessPolicies: checkPolicies(plan, org.userAccessPolicies, org.user.username),
    faults,
    partial,
    outcome,
    required: count(items.filter((i) => i.tier === 'required')),
    recommended: count(items.filter((i) => i.tier === 'recommended')),
    exitCode: CHECK_EXIT_CODES[outcome],
  };
};

/**
 * Resolve the vendor's plan with generate's options, closed against the org's own permissions and
 * dependency graph as `generate --target-org` does; read the user's access read-only; compare.
 */
export const checkIntegrationUser = async (
  connection: Connection,
  profile: VendorProfile,
  options: CheckOptions
): Promise<{ plan: IntegrationUserPlan; result: CheckResult }> => {
  const orgPermissions = await readOrgPermissions(connection);
  const plan = resolvePlan(
    profile,
    withOrgPermissions(
      { ...options, ...(needsProfileName(profile, options.variant) ? { profileName: messages.getMessage('profile.existing') } : {}) },
      orgPermissions
    ),
    orgPermissions.graph
  );
  const org = await readOrgSnapshot(connection, plan, options.username, {
    scan: scanScope(plan, options.scanObjects),
    ...(options.progress ? { progress: options.progress } : {}),
    ...(orgPermissions.catalog ? { catalog: orgPermissions.catalog } : { catalogFailure: orgPermissions.fallback }),
  });
  return { plan, result: checkResult(plan, org, connection.getUsername() ?? '') };
};
