/**
 * The typed model of what an integration vendor asks of its dedicated Salesforce user.
 *
 * A vendor profile is data: someone who knows Salesforce but not TypeScript should be able to read one
 * and check each item against the vendor's page. Every item says which tier it belongs to, why the vendor
 * wants it, and where on the vendor's page it comes from.
 */

/** required: the vendor's integration fails without it. recommended: the vendor advises it, or it applies only under a stated condition. */
export type Tier = 'required' | 'recommended';

/** A place on the vendor's page: the line number in the vendor document and the words found there. */
export type PageRef = {
  /** The vendor document, where the profile has more than one page; defaults to its first. */
  document?: string;
  line: number;
  /** Text that appears verbatim on that line of the vendor page. */
  quote: string;
};

/** What every requirement carries: tier, the vendor's reason, and where the vendor says so. */
export type Traced = {
  tier: Tier;
  reason: string;
  source: PageRef;
  /** For items the page makes conditional ("needed if using Experience Cloud"): the condition, in the page's words. */
  condition?: string;
};

/**
 * How the exact API name of an item named in words was established,
 * e.g. "user-permissions.tsv: ManageInteraction = Manage Flow".
 */
export type ApiNameEvidence = string;

export type UserPermissionRequirement = Traced & {
  /** Metadata API name: `userPermissions/name`, the PermissionSet field without the `Permissions` prefix. */
  name: string;
  /** The label the vendor's page uses. */
  label: string;
  apiName: ApiNameEvidence;
};

export type ObjectAccess = 'allowRead' | 'allowCreate' | 'allowEdit' | 'allowDelete' | 'viewAllRecords' | 'modifyAllRecords';

export const OBJECT_ACCESS: readonly ObjectAccess[] = [
  'allowCreate',
  'allowDelete',
  'allowEdit',
  'allowRead',
  'modifyAllRecords',
  'viewAllRecords',
];

export type ObjectPermissionRequirement = Traced & {
  object: string;
  access: ObjectAccess[];
};

export type FieldPermissionRequirement = Traced & {
  /** `Object.Field`, as a PermissionSet's `fieldPermissions/field` names it. */
  field: string;
  editable: boolean;
};

/** A field the vendor needs that the platform grants without field-level security; listed, never written. */
export type InheritedFieldNote = Traced & {
  field: string;
};

/** A User record field the vendor needs set on its integration user (not permission set metadata). */
export type UserFieldRequirement = Traced & {
  /** User field API name, e.g. `UserPermissionsMarketingUser`. */
  field: string;
  label: string;
  value: boolean | string;
  apiName: ApiNameEvidence;
};

/** An org preference set through a Settings metadata type, e.g. `Security` / `enableAuditFieldsInactiveOwner`. */
export type OrgSettingRequirement = Traced & {
  /** Settings component name: the file is `settings/<settings>.settings-meta.xml`. */
  settings: 'Security';
  field: string;
  value: boolean;
  label: string;
  apiName: ApiNameEvidence;
};

/** A permission set license to assign to the integration user. */
export type PermissionSetLicenseAssignment = Traced & {
  /** Developer name, or the label where the developer name is not public; `sf org assign permsetlicense --name` accepts either. */
  name: string;
  label: string;
  /** The user's license takes no permission set until this one is assigned (API-only integration users). */
  neededForAnyPermissionSet?: boolean;
  apiName: ApiNameEvidence;
};

/** An existing permission set (standard or from a package) to assign as it is, not to generate. */
export type PermissionSetAssignment = Traced & {
  name: string;
  label: string;
  /** Permission set licenses that must be assigned first. */
  requiresLicense?: string;
  apiName: ApiNameEvidence;
};

/** The user profile the vendor recommends for its integration user. */
export type UserProfileRecommendation = {
  /** Profile name as `profileName` in a user definition file takes it. */
  name?: string;
  /** The admin's own custom profile: they name it with `--profile-name`. */
  custom?: boolean;
  /** User license that goes with the profile, for the next-steps text. */
  userLicense?: string;
  reason: string;
  source?: PageRef;
};

/** Something an admin must know that no metadata expresses. */
export type Caveat = Traced & {
  id: string;
};

/** The permission set the profile generates. */
export type PermissionSetDefinition = {
  /** API name (fullName): also the file name. */
  name: string;
  label: string;
  description: string;
  /** The `<license>` element: a user or permission set license label. Left out unless the vendor's page asks for it. */
  license?: string;
  source: PageRef;
};

/** Items a profile contributes; a variant contributes the same kinds on top of its profile's. */
export type Requirements = {
  userPermissions?: UserPermissionRequirement[];
  objectPermissions?: ObjectPermissionRequirement[];
  fieldPermissions?: FieldPermissionRequirement[];
  inheritedFields?: InheritedFieldNote[];
  userFields?: UserFieldRequirement[];
  orgSettings?: OrgSettingRequirement[];
  permissionSetLicenses?: PermissionSetLicenseAssignment[];
  permissionSetAssignments?: PermissionSetAssignment[];
  caveats?: Caveat[];
};

/** One of the alternatives a vendor's page offers (Backstory's options A, B, C; OwnBackup's API-only license). */
export type Variant = Requirements & {
  id: string;
  summary: string;
  source: PageRef;
  /** Replaces the profile's permission set name and label. */
  permissionSet?: Partial<PermissionSetDefinition>;
  userProfile?: UserProfileRecommendation;
};

/** A backup or restore task and the object access it needs (Salesforce Backup's reference table). */
export type ObjectTask = {
  id: string;
  summary: string;
  access: ObjectAccess[];
  source: PageRef;
};

/** Objects the vendor's product cannot act on, recognised by API name. */
export type UnsupportedObjectRule = {
  /** Matched against the object API name. */
  pattern: RegExp;
  kind: string;
  reason: string;
  source: PageRef;
};

/** For vendors whose object permissions depend on objects the admin chooses (`--objects`). */
export type ChosenObjects = {
  tasks: ObjectTask[];
  defaultTask: string;
  unsupported: UnsupportedObjectRule[];
  tier: Tier;
  reason: string;
  source: PageRef;
};

export type VendorPage = {
  title: string;
  /** File name of the page's text in the project's vendor documents (`shared/seeds/`). */
  document: string;
  /** Where the vendor publishes the page: what output cites, since users don't have the document. */
  url?: string;
};

export type VendorProfile = Requirements & {
  /** Used on the command line: `--vendor grax`. Lowercase letters, digits and hyphens. */
  id: string;
  vendor: string;
  summary: string;
  pages: VendorPage[];
  permissionSet: PermissionSetDefinition;
  userProfile: UserProfileRecommendation;
  /** The user's name as the vendor suggests it, for the user definition file. */
  userName?: { firstName?: string; lastName: string; source?: PageRef };
  variants?: Variant[];
  defaultVariant?: string;
  chosenObjects?: ChosenObjects;
};
