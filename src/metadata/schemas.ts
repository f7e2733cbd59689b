/**
 * Element order of the metadata types the plugin writes, from the Metadata API 67.0 schema
 * (shared/reference/metadata-permissionset.xsd; a test checks this table against it).
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
      /** The field entries are sorted by, in code-unit order. */
      key: string;
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

export const isEntry = (element: ElementSchema): element is Extract<ElementSchema, { fields: readonly string[] }> => 'fields' in element;
