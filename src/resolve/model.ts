import type { ObjectAccess, PageRef, Tier, VendorPage } from '../profiles/types.js';
import type { GraphSource } from './dependencies.js';
import type { OrgAssumption } from './availability.js';

/** Why an item is in the plan: the vendor asked for it, or something the vendor asked for depends on it. */
export type Because =
  | {
      from: 'vendor';
      tier: Tier;
      reason: string;
      /** The vendor document and line the item comes from. */
      source: Required<PageRef>;
      condition?: string;
    }
  | {
      from: 'dependency';
      /** The permission that needs this one directly. */
      requiredBy: string;
      /** From the permission first asked for to `requiredBy`: why the chain reaches this one. */
      chain: string[];
      evidence: string;
    }
  /** Read from the org's schema (`--target-org --all-fields`): the evidence names the describe. */
  | { from: 'org'; evidence: string };

export type PlannedUserPermission = { name: string; because: Because[] };

export type PlannedObjectPermission = {
  object: string;
  access: Record<ObjectAccess, boolean>;
  /** False where only the org can confirm the object exists (custom objects, standard objects missing from the bundled list). */
  verified: boolean;
  because: Because[];
};

export type PlannedFieldPermission = {
  field: string;
  readable: boolean;
  editable: boolean;
  /** False where only the org can confirm the field exists (custom fields, fields missing from the bundled table). */
  verified: boolean;
  because: Because[];
};

/** A field the vendor needs that is readable without field-level security: listed, never written. */
export type CoveredField = { field: string; why: string; because: Because[] };

/** Something the vendor or a dependency asks for that the plan leaves out, and why. */
export type OmittedItem = {
  item: string;
  /** The user permission it would have granted, where it is one. */
  grant?: string;
  why: string;
  /** Left out because the target org doesn't have it: the vendor's integration may not work there as the vendor intends. */
  notInOrg?: boolean;
  because: Because[];
};

export type PlannedPermissionSet = {
  fullName: string;
  label: string;
  description: string;
  license?: string;
  userPermissions: PlannedUserPermission[];
  objectPermissions: PlannedObjectPermission[];
  fieldPermissions: PlannedFieldPermission[];
};

/** Which Settings component a preference is in: `Security` → SecuritySettings, in `settings/Security.settings-meta.xml`. */
export type SettingsName = 'Security' | 'UserManagement';

export type PlannedOrgSetting = { settings: SettingsName; field: string; value: boolean; label: string; because: Because[] };

/** One action of a user access policy: it grants a permission set license or a permission set, by its API name. */
export type PlannedPolicyGrant = { type: 'PermissionSetLicense' | 'PermissionSet'; target: string; label: string };

/**
 * A User Access Policy (`generate --username`) that grants the integration user, selected by Username, what
 * the plan assigns: permission set licenses first, then permission sets. Deployed in Design status.
 */
export type PlannedUserAccessPolicy = {
  fullName: string;
  label: string;
  description: string;
  username: string;
  triggerType: 'CreateAndUpdate';
  status: 'Design';
  grants: PlannedPolicyGrant[];
};

export type PlannedUserField = { field: string; label: string; value: boolean | string; because: Because[] };

export type PlannedLicense = { name: string; label: string; neededForAnyPermissionSet?: boolean; because: Because[] };

export type PlannedAssignment = { name: string; label: string; requiresLicense?: string; because: Because[] };

export type PlannedCaveat = { id: string; tier: Tier; reason: string; condition?: string; source: Required<PageRef> };

/** Which dependency graph closed the plan, and what it found on the way. */
export type PlannedDependencies = {
  graph: GraphSource;
  /** Edges the graph knows, platform rules included. */
  edgeCount: number;
  /** Why the org's own graph isn't the one used, where an org was given. */
  fallback?: string;
  /** Mutual dependencies found in the data, each as a closed path ["A", "B", "A"]; all members are granted. */
  cycles: string[][];
};

/**
 * The resolved model: one vendor profile with its variant, tiers and chosen objects applied and its
 * permission dependencies closed. Everything downstream renders from this, and only from this.
 */
export type IntegrationUserPlan = {
  /** The vendor, and its pages, which citations name (`source.document` is one of them). */
  vendor: { id: string; name: string; pages: VendorPage[] };
  variant?: { id: string; summary: string };
  tiers: Tier[];
  dependencies: PlannedDependencies;
  /**
   * Without an org or its shape: each permission written or left out on a guess about the org (an edition,
   * feature or license), with the evidence. Empty where the org's own permissions decided.
   */
  orgAssumptions: OrgAssumption[];
  permissionSet: PlannedPermissionSet;
  coveredFields: CoveredField[];
  omitted: OmittedItem[];
  orgSettings: PlannedOrgSetting[];
  userFields: PlannedUserField[];
  permissionSetLicenses: PlannedLicense[];
  permissionSetAssignments: PlannedAssignment[];
  userProfile: { name?: string; userLicense?: string; reason: string };
  userName: { firstName?: string; lastName: string };
  caveats: PlannedCaveat[];
  /** With a username (`generate --username`): the policy that assigns the plan to that user. */
  userAccessPolicy?: PlannedUserAccessPolicy;
};
