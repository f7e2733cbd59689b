import type { OrgSettingRequirement, Traced } from './types.js';

/**
 * The org preference "Enable 'Set Audit Fields upon Record Creation' and 'Update Records with Inactive Owners'
 * User Permissions": until it is on, a permission set with CreateAuditFields or UpdateWithInactiveOwner fails to deploy.
 */
export const AUDIT_FIELDS_PREFERENCE = {
  settings: 'Security',
  field: 'enableAuditFieldsInactiveOwner',
  value: true,
  label: "Enable 'Set Audit Fields upon Record Creation' and 'Update Records with Inactive Owners' User Permissions",
  apiName: 'SecuritySettings.enableAuditFieldsInactiveOwner (Metadata API 47.0+, data/README.md)',
  /** The user permissions it brings: not in data/user-permissions.tsv, which was read from an org with the preference off. Labels are the preference's own words. */
  permissions: [
    { name: 'CreateAuditFields', label: 'Set Audit Fields upon Record Creation' },
    { name: 'UpdateWithInactiveOwner', label: 'Update Records with Inactive Owners' },
  ],
} as const;

/** The preference as a vendor asks for it, with the vendor's tier, reason and page line. */
export const auditFieldsPreference = (item: Traced): OrgSettingRequirement => {
  const { settings, field, value, label, apiName } = AUDIT_FIELDS_PREFERENCE;
  return { settings, field, value, label, apiName, ...item };
};
