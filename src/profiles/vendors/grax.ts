import type { VendorProfile } from '../types.js';
import { auditFieldsPermission, permissionTable } from '../evidence.js';
import { auditFieldsPreference } from '../org-preferences.js';

/** GRAX: "Integration User" (shared/seeds/grax-integration-user.txt). */
export const grax: VendorProfile = {
  id: 'grax',
  vendor: 'GRAX',
  summary: 'GRAX backup, archive and restore: the GRAX_Integration_User permission set and user settings.',
  pages: [{ title: 'GRAX: Integration User', document: 'grax-integration-user.txt', url: 'https://documentation.grax.io/docs/integration-user' }],
  permissionSet: {
    name: 'GRAX_Integration_User',
    label: 'GRAX INTEGRATION USER Permission',
    description: 'Permission set for the GRAX INTEGRATION USER',
    source: { line: 32, quote: "Name = 'GRAX_Integration_User'" },
  },
  userProfile: {
    reason:
      'GRAX asks for an isolated permission set rather than a profile, so the page names no profile; any profile with a Salesforce user license works.',
    source: { line: 106, quote: 'Therefore we recommend using an isolated Permission Set for GRAX' },
  },
  userName: {
    lastName: 'GRAX Integration User',
    source: { line: 34, quote: 'GRAX INTEGRATION USER' },
  },
  userPermissions: [
    {
      name: 'ApiEnabled',
      label: 'API Enabled',
      tier: 'required',
      reason: 'Required for login and general API access to read, write and delete data',
      source: { line: 13, quote: 'API EnabledRequired for login and general API access to read, write and delete data' },
      apiName: permissionTable('ApiEnabled', 'API Enabled'),
    },
    {
      name: 'ViewAllData',
      label: 'View All Data',
      tier: 'required',
      reason: 'Ensures access to read most objects, records and fields in the org for backup.',
      source: { line: 14, quote: 'View All DataEnsures access to read most objects, records and fields in the org for backup.' },
      apiName: `${permissionTable('ViewAllData', 'View All Data')}; GRAX's script names PermissionsViewAllData (line 40)`,
    },
    {
      name: 'ModifyAllData',
      label: 'Modify All Data',
      tier: 'required',
      reason: 'Ensures access to delete most objects and records for archive, and to write most objects and records for restore',
      source: { line: 15, quote: 'Modify All DataEnsures access to delete most objects and records for archive' },
      apiName: `${permissionTable('ModifyAllData', 'Modify All Data')}; GRAX's script names PermissionsModifyAllData (line 41)`,
    },
    {
      name: 'QueryAllFiles',
      label: 'Query All Files',
      tier: 'required',
      reason: 'Ensures access to read all files for backup',
      source: { line: 16, quote: 'Query All FilesEnsures access to read all files for backup' },
      apiName: `${permissionTable('QueryAllFiles', 'Query All Files')}; GRAX's script names PermissionsQueryAllFiles (line 42)`,
    },
    {
      name: 'CreateAuditFields',
      label: 'Set Audit Fields Upon Record Creation',
      tier: 'required',
      reason: 'Ensures original audit field values can be written for restore',
      source: { line: 17, quote: 'Set Audit Fields Upon Record CreationEnsures original audit field values can be written for restore' },
      apiName: auditFieldsPermission('CreateAuditFields', "GRAX's script names PermissionsCreateAuditFields (line 43)"),
    },
    {
      name: 'ViewEncryptedData',
      label: 'View Encrypted Data',
      tier: 'recommended',
      reason: 'Ensures encrypted values can be backed up',
      source: { line: 74, quote: 'View Encrypted DataEnsures encrypted values can be backed up' },
      apiName: permissionTable('ViewEncryptedData', 'View Encrypted Data'),
    },
  ],
  orgSettings: [
    auditFieldsPreference({
      tier: 'required',
      reason: 'To grant the "Set Audit Fields upon Record Creation" permission, you must first enable it at the organization level.',
      source: { line: 19, quote: "Enable 'Set Audit Fields upon Record Creation' and 'Update Records with Inactive Owners' User Permissions" },
    }),
  ],
  userFields: [
    {
      field: 'UserPermissionsSFContentUser',
      label: 'Salesforce CRM Content User',
      value: true,
      tier: 'required',
      reason: 'Ensures access to read and write all Content Documents and related binary data.',
      source: { line: 67, quote: 'Salesforce CRM Content UserEnsures access to read and write all Content Documents' },
      apiName: 'User.UserPermissionsSFContentUser (a User field, not permission set metadata; data/README.md)',
    },
    {
      field: 'UserPermissionsMarketingUser',
      label: 'Marketing User',
      value: true,
      tier: 'required',
      reason: 'Ensures access to read Campaign and related objects.',
      source: { line: 68, quote: 'Marketing UserEnsures access to read Campaign and related objects.' },
      apiName: 'User.UserPermissionsMarketingUser (a User field, not permission set metadata; data/README.md)',
    },
  ],
  caveats: [
    {
      id: 'dedicated-user',
      tier: 'required',
      reason:
        'Use a dedicated Salesforce user and permission set for GRAX, not one shared with other integrations: it simplifies security, lets GRAX monitor permission problems, and maximizes concurrent API request limits.',
      source: { line: 5, quote: 'We require that you use dedicated Salesforce user and Permission Set for GRAX' },
    },
    {
      id: 'managed-package-licenses',
      tier: 'recommended',
      reason:
        'Some managed packages require a license for object access: assign the integration user a license for each package whose data GRAX should back up.',
      source: { line: 75, quote: 'Proper Licensing for Managed PackagesSome packages requires licenses for object access' },
    },
    {
      id: 'field-level-security',
      tier: 'required',
      reason:
        'Even with View All Data, field-level security can hide fields from the integration user. Grant Read Access on every field and confirm with GRAX\'s "Missing Field Permissions" scan.',
      source: { line: 79, quote: 'even when "View All Data" is given it is possible that the integration user is missing access to read fields' },
    },
  ],
};
