/**
 * A vendor profile as a user writes it in a file (`--profile-file`, JSON or YAML).
 *
 * It is the built-in model (./types.ts) with the same names, derived from it so the two cannot drift,
 * except where a user cannot know what the built-in profiles state: page lines, the label of a permission
 * (looked up in data/user-permissions.tsv), how an API name was established. Those are optional here.
 * `npm run schemas` writes schemas/vendor-profile-file.json from these types; editors autocomplete against it.
 */
import type {
  Caveat,
  ChosenObjects,
  FieldPermissionRequirement,
  InheritedFieldNote,
  ObjectAccess,
  ObjectPermissionRequirement,
  ObjectTask,
  OrgSettingRequirement,
  PermissionSetAssignment,
  PermissionSetDefinition,
  PermissionSetLicenseAssignment,
  UnsupportedObjectRule,
  UserFieldRequirement,
  UserPermissionRequirement,
  UserProfileRecommendation,
  Variant,
} from './types.js';

/**
 * Where on the vendor's page an item comes from. Without it, the item points at its own line in the profile file.
 */
export type FileSource = {
  /** The vendor document (a `pages` entry's `document`); default: the first of `pages`. */
  document?: string;
  /**
   * Line number in that document.
   *
   * @asType integer
   * @minimum 1
   */
  line: number;
  /** Words found on that line. */
  quote?: string;
};

// A built-in item type with its `source` optional, the keys in `Optional` optional, and the keys in `Replaced` left for the file type to state.
type FromFile<T, Optional extends keyof T = never, Replaced extends keyof T = never> = Omit<T, 'source' | Optional | Replaced> &
  Partial<Pick<T, Optional>> & { source?: FileSource };

export type UserPermissionFile = FromFile<UserPermissionRequirement, 'label' | 'apiName', 'name'> & {
  /**
   * Metadata API name (`userPermissions/name`), e.g. `ApiEnabled`. Its label is looked up in the plugin's permission table.
   *
   * @minLength 1
   */
  name: string;
};

export type ObjectPermissionFile = FromFile<ObjectPermissionRequirement, never, 'object' | 'access'> & {
  /**
   * Object API name, e.g. `Account` or `Invoice__c`.
   *
   * @minLength 1
   */
  object: string;
  /**
   * @minItems 1
   * @uniqueItems true
   */
  access: ObjectAccess[];
};

/**
 * `Object.Field`, as a PermissionSet's `fieldPermissions/field` names it.
 *
 * @pattern ^[A-Za-z][A-Za-z0-9_]*\.[A-Za-z][A-Za-z0-9_]*$
 */
export type FieldName = string;

export type FieldPermissionFile = FromFile<FieldPermissionRequirement, 'editable', 'field'> & {
  field: FieldName;
};

export type InheritedFieldFile = FromFile<InheritedFieldNote, never, 'field'> & {
  field: FieldName;
};

/** A User record field to set on the integration user, e.g. `UserPermissionsMarketingUser: true`. */
export type UserFieldFile = FromFile<UserFieldRequirement, 'label' | 'apiName'>;

/** The SecuritySettings preferences that take true or false (Metadata API 67.0). */
export type SecurityPreference =
  | 'canUsersGrantLoginAccess'
  | 'enableAdminLoginAsAnyUser'
  | 'enableAuditFieldsInactiveOwner'
  | 'enableAuraSecureEvalPref'
  | 'enableCoepHeader'
  | 'enableCoopHeader'
  | 'enableCrossOrgRedirects'
  | 'enablePermissionsPolicy'
  | 'enableRequireHttpsConnection'
  | 'redirectBlockModeEnabled'
  | 'sendCspForUncommonClients';

export type OrgSettingFile = FromFile<OrgSettingRequirement, 'label' | 'apiName', 'field'> & {
  /** SecuritySettings element, e.g. `enableAuditFieldsInactiveOwner`. */
  field: SecurityPreference;
};

/** A permission set license to assign to the integration user. */
export type PermissionSetLicenseFile = FromFile<PermissionSetLicenseAssignment, 'label' | 'apiName'>;

/** An existing permission set (standard or from a package) to assign as it is. */
export type PermissionSetAssignmentFile = FromFile<PermissionSetAssignment, 'label' | 'apiName'>;

/** Something an admin must know that no metadata expresses. */
export type CaveatFile = FromFile<Caveat>;

/** Items a profile file contributes; a variant contributes the same kinds on top of the file's. */
export type RequirementsFile = {
  userPermissions?: UserPermissionFile[];
  objectPermissions?: ObjectPermissionFile[];
  fieldPermissions?: FieldPermissionFile[];
  inheritedFields?: InheritedFieldFile[];
  userFields?: UserFieldFile[];
  orgSettings?: OrgSettingFile[];
  permissionSetLicenses?: PermissionSetLicenseFile[];
  permissionSetAssignments?: PermissionSetAssignmentFile[];
  caveats?: CaveatFile[];
};

// Limits of the PermissionSet object (Name, Label: 80; Description: 255), counted as Salesforce counts, in UTF-16
// units: a character outside the Basic Multilingual Plane (an emoji) counts as two (Salesforce Help 005166849).
export type PermissionSetFile = FromFile<PermissionSetDefinition, never, 'name' | 'label' | 'description'> & {
  /**
   * API name (fullName), also the file name: letters, digits and single underscores, starting with a letter.
   *
   * @pattern ^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$
   * @maxLength 80
   */
  name: string;
  /**
   * The label Setup shows: at most 80 characters.
   *
   * @minLength 1
   * @maxLength 80
   */
  label: string;
  /**
   * At most 255 characters; default: one naming the vendor and the profile file.
   *
   * @maxLength 255
   */
  description?: string;
};

/** The user profile the vendor recommends; default: none named, so the user definition file takes Standard User. */
export type UserProfileFile = FromFile<UserProfileRecommendation, 'reason'>;

export type UserNameFile = { firstName?: string; lastName: string; source?: FileSource };

/** A vendor's page. */
export type PageFile = {
  title: string;
  /** The page's address or file name. */
  document: string;
  /** The page's address, where `document` is a file name: output cites the page by its title and address. */
  url?: string;
};

/**
 * Lowercase letters, digits and hyphens.
 *
 * @pattern ^[a-z0-9-]+$
 */
export type Id = string;

export type VariantFile = RequirementsFile &
  FromFile<Variant, never, keyof RequirementsFile | 'id' | 'permissionSet' | 'userProfile'> & {
    /** Used on the command line: `--variant <id>`. */
    id: Id;
    /** Replaces the file's permission set name and label. */
    permissionSet?: Partial<PermissionSetFile>;
    userProfile?: UserProfileFile;
  };

export type ObjectTaskFile = FromFile<ObjectTask, never, 'id' | 'access'> & {
  /** Used on the command line: `--task <id>`. */
  id: Id;
  /**
   * @minItems 1
   * @uniqueItems true
   */
  access: ObjectAccess[];
};

export type UnsupportedObjectRuleFile = FromFile<UnsupportedObjectRule, never, 'pattern'> & {
  /** A regular expression (JavaScript syntax) matched against the object API name, ignoring case, e.g. `__b$`. */
  pattern: string;
};

export type ChosenObjectsFile = FromFile<ChosenObjects, 'defaultTask', 'tasks' | 'unsupported'> & {
  /** @minItems 1 */
  tasks: ObjectTaskFile[];
  unsupported?: UnsupportedObjectRuleFile[];
};

/** A vendor profile file: what a vendor asks of its dedicated integration user. */
export type VendorProfileFile = RequirementsFile & {
  /** The JSON Schema of this file, for editors. */
  $schema?: string;
  /** The vendor's id: file names and results use it, as `--vendor` ids. Lowercase letters, digits and hyphens. */
  vendor: Id;
  /**
   * The vendor's name, as people write it.
   *
   * @minLength 1
   */
  name: string;
  summary?: string;
  /** The vendor's pages the items' `source` lines point into; the first is the default. */
  pages?: PageFile[];
  permissionSet: PermissionSetFile;
  userProfile?: UserProfileFile;
  /** The user's name as the vendor suggests it, for the user definition file. */
  userName?: UserNameFile;
  variants?: VariantFile[];
  /** The variant used without `--variant`; default: the first. */
  defaultVariant?: string;
  /** For vendors whose object permissions follow the objects the admin chooses (`--objects`). */
  chosenObjects?: ChosenObjectsFile;
};
