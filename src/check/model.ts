import type { PageRef, Tier } from '../profiles/types.js';
import type { CheckFault } from './faults.js';
import type { CheckPolicies } from './policies.js';

/**
 * pass: the org grants it. fail: it doesn't. not-in-org: the org has no such permission or field, so no
 * assignment can grant it. unchecked: the check could not read what it needed (see the faults); never a pass.
 */
export type CheckStatus = 'pass' | 'fail' | 'not-in-org' | 'unchecked';

export type CheckKind =
  | 'user'
  | 'userLicense'
  | 'permissionSet'
  | 'permissionSetLicense'
  | 'userPermission'
  | 'objectPermission'
  | 'fieldPermission'
  | 'fieldSecurity'
  | 'userField'
  | 'orgSetting';

export type CheckItem = {
  kind: CheckKind;
  /** API name of what is checked: a user permission, object, permission set, User field, Security setting. */
  name: string;
  /** The requirement in words, as the table shows it. */
  requirement: string;
  tier: Tier;
  status: CheckStatus;
  /** The permission sets (or the profile) that grant it. */
  grantedBy: string[];
  /** What is missing, or why it could not be checked. */
  detail?: string;
  /** Field requirements: every field (`Object.Field`) without the access needed, in order. */
  missingFields?: string[];
  /** The vendor's reason, or for a dependency, what needs it. */
  reason: string;
  source?: Required<PageRef>;
};

/** Field-level security of one object: GRAX's "Missing Field Permissions" scan. */
export type FieldSecurityGap = {
  object: string;
  /** Permissionable fields of the object in the org. */
  fields: number;
  /** Fields no permission set of the user grants read on. */
  missing: number;
  /** The first few missing fields, `Object.Field`, in order. */
  firstMissing: string[];
};

export type CheckOutcome = 'pass' | 'fail' | 'incomplete';

export type CheckCounts = { pass: number; fail: number; notInOrg: number; unchecked: number };

export type CheckResult = {
  vendor: string;
  variant?: string;
  /** The org user the check ran as. */
  targetOrg: string;
  user: { id: string; username: string; name: string; isActive: boolean; profile?: string; userLicense?: string };
  permissionSets: Array<{ name: string; label: string; ownedByProfile: boolean; group?: string }>;
  permissionSetLicenses: Array<{ developerName: string; label: string }>;
  items: CheckItem[];
  fieldSecurity: FieldSecurityGap[];
  /**
   * User Access Policies that select the user by Username (Metadata API), held against what the plan assigns: only
   * an Active one assigns on its own. Where the org didn't let them be read, why. Either way the outcome doesn't change.
   */
  userAccessPolicies: CheckPolicies;
  /** Reads that failed: the items that needed them are "unchecked". */
  faults: CheckFault[];
  /** True when any read failed: the result is not the whole picture. */
  partial: boolean;
  outcome: CheckOutcome;
  required: CheckCounts;
  recommended: CheckCounts;
  /** The process exit code: see CHECK_EXIT_CODES. */
  exitCode: number;
};

/** Exit codes, so a scheduled job can tell a gap from a check that could not finish. */
export const CHECK_EXIT_CODES: Readonly<Record<CheckOutcome, number>> = {
  pass: 0,
  /** A required item is missing (failed or not in this org). */
  fail: 100,
  /** Nothing required was found missing, but some required item could not be checked. */
  incomplete: 68,
};
