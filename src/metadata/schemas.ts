/**
 * Element order of the metadata types the plugin writes, from the Metadata API 67.0 schema
 * (shared/reference/metadata-permissionset.xsd; a test checks this table against it), and for
 * UserAccessPolicy, which that schema does not carry, from the Metadata API Developer Guide's page.
 * Order is part of the schema: a retrieve writes elements in this order, and so does the plugin.
 */

/** A child element: a single value, or a repeated entry with fields of its own, sorted by its key field. */
export type ElementSchema =
  | { name: string }
  | {
      name: string;
      /** The entry's fields in schema order; `optional` ones are left out when absent. */
      fields: readonly string[];
      optional?: readonly string[];
      /** The field entries are sorted by, in code-unit order; with `ordered`, the field that names an entry in messages. */
      key: string;
      /** Entries keep the order they are given in, because it means something (a policy's grants: licenses first). */
      ordered?: boolean;
    };

export type TypeSchema = {
  /** Root element of a source file, e.g. `PermissionSet`, `SecuritySettings`. */
  root: string;
  elements: readonly ElementSchema[];
};

const entry = (name: string, fields: readonly string[], key: string, optional: readonly string[] = []): ElementSchema => ({
  name,
  fields,
  key,
  optional,
});

const enabledByName = (name: string): ElementSchema => entry(name, ['enabled', 'name'], 'name');

export const PERMISSION_SET: TypeSchema = {
  root: 'PermissionSet',
  elements: [
    entry('agentAccesses', ['agentName', 'enabled'], 'agentName'),
    entry('applicationVisibilities', ['application', 'visible'], 'application'),
    entry('classAccesses', ['apexClass', 'enabled'], 'apexClass'),
    enabledByName('customMetadataTypeAccesses'),
    enabledByName('customPermissions'),
    enabledByName('customSettingAccesses'),
    { name: 'description' },
    enabledByName('emailRoutingAddressAccesses'),
    entry('externalCredentialPrincipalAccesses', ['enabled', 'externalCredentialPrincipal'], 'externalCredentialPrincipal'),
    entry('externalDataSourceAccesses', ['enabled', 'externalDataSource'], 'externalDataSource'),
    entry('fieldPermissions', ['editable', 'field', 'readable'], 'field', ['readable']),
    entry('flowAccesses', ['enabled', 'flow'], 'flow'),
    entry('genComputingSummaryDefAccesses', ['configName', 'enabled'], 'configName'),
    { name: 'hasActivationRequired' },
    { name: 'label' },
    { name: 'license' },
    entry(
      'objectPermissions',
      ['allowCreate', 'allowDelete', 'allowEdit', 'allowRead', 'modifyAllRecords', 'object', 'viewAllFields', 'viewAllRecords'],
      'object',
      ['viewAllFields']
    ),
    entry('pageAccesses', ['apexPage', 'enabled'], 'apexPage'),
    entry('recordTypeVisibilities', ['recordType', 'visible'], 'recordType'),
    entry('servicePresenceStatusAccesses', ['enabled', 'servicePresenceStatus'], 'servicePresenceStatus'),
    entry('tabSettings', ['tab', 'visibility'], 'tab'),
    enabledByName('userPermissions'),
  ],
};

/**
 * SecuritySettings' top-level elements. The plugin writes only booleans here; the nested ones
 * (networkAccess, passwordPolicies, sessionSettings, singleSignOnSettings) matter for where a new
 * element goes among what a user already has.
 */
export const SECURITY_SETTINGS: TypeSchema = {
  root: 'SecuritySettings',
  elements: [
    'canUsersGrantLoginAccess',
    'enableAdminLoginAsAnyUser',
    'enableAuditFieldsInactiveOwner',
    'enableAuraSecureEvalPref',
    'enableCoepHeader',
    'enableCoopHeader',
    'enableCrossOrgRedirects',
    'enablePermissionsPolicy',
    'enableRequireHttpsConnection',
    'networkAccess',
    'passwordPolicies',
    'redirectBlockModeEnabled',
    'sendCspForUncommonClients',
    'sessionSettings',
    'singleSignOnSettings',
  ].map((name) => ({ name })),
};

/** UserManagementSettings' elements (all booleans), where `userAccessPoliciesEnabled` goes among what a user has. */
export const USER_MANAGEMENT_SETTINGS: TypeSchema = {
  root: 'UserManagementSettings',
  elements: [
    'enableCanAnswerContainUsername',
    'enableConcealPersonalInfo',
    'enableContactlessExternalIdentityUsers',
    'enableEnhancedConcealPersonalInfo',
    'enableEnhancedPermsetMgmt',
    'enableEnhancedProfileMgmt',
    'enableEnhcUiUserAccessPolicies',
    'enableNewProfileUI',
    'enableProfileFiltering',
    'enableRestrictEmailDomains',
    'enableScrambleUserData',
    'enableUserSelfDeactivate',
    'enhancedPermSetList',
    'enhancedUserListView',
    'enhancedUserRoleListView',
    'groupSummaryUIEnhancement',
    'permsetsInFieldCreation',
    'psaExpirationUIEnabled',
    'restrictedProfileCloning',
    'userAccessPoliciesEnabled',
    'userFieldHistoryTracking',
  ].map((name) => ({ name })),
};

/**
 * UserAccessPolicy (API 57.0+), from the Metadata API Developer Guide's UserAccessPolicy page: fields, and
 * the fields of UserAccessPolicyAction and UserAccessPolicyFilter, in its order (alphabetical, as its sample
 * definition writes them). Actions and filters keep their order: grants go licenses first, filters by sortOrder.
 */
export const USER_ACCESS_POLICY: TypeSchema = {
  root: 'UserAccessPolicy',
  elements: [
    { name: 'booleanFilter' },
    { name: 'description' },
    { name: 'isProtected' },
    { name: 'masterLabel' },
    { name: 'order' },
    { name: 'status' },
    { name: 'triggerType' },
    { name: 'userAccessPolicyActions', fields: ['action', 'target', 'type'], key: 'target', optional: [], ordered: true },
    {
      name: 'userAccessPolicyFilters',
      fields: ['columnName', 'operation', 'sortOrder', 'target', 'type', 'value'],
      key: 'sortOrder',
      optional: ['columnName', 'value'],
      ordered: true,
    },
  ],
};

export const isEntry = (element: ElementSchema): element is Extract<ElementSchema, { fields: readonly string[] }> => 'fields' in element;
