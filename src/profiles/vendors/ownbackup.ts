import type { UserPermissionRequirement, VendorProfile } from '../types.js';
import { NO_REASON_GIVEN, auditFieldsPermission, permissionTable } from '../evidence.js';
import { auditFieldsPreference } from '../org-preferences.js';

/** A row of the page's permissions table: the label on the page and its Metadata API name. */
const row = (
  name: string,
  label: string,
  line: number,
  reason: string,
  extra: Partial<UserPermissionRequirement> = {}
): UserPermissionRequirement => ({
  name,
  label,
  tier: 'required',
  reason,
  source: { line, quote: label },
  apiName: permissionTable(name, label),
  ...extra,
});

/** OwnBackup (Own): "Authenticated User" permissions (shared/seeds/ownbackup-authenticated-user.txt). */
export const ownbackup: VendorProfile = {
  id: 'ownbackup',
  vendor: 'OwnBackup (Own)',
  summary: 'OwnBackup Backup and Archive: the Authenticated User permissions, with the API-only integration license as an option.',
  pages: [
    {
      title: 'OwnBackup: Salesforce Authenticated / Backup User Permission Requirements',
      document: 'ownbackup-authenticated-user.txt',
      url: 'https://ownbackup-kb.magentrixcloud.com/articles/knowledgebase/Authenticated-Backup-User-Permission-16-1-2020',
    },
  ],
  permissionSet: {
    name: 'OwnBackup_Authenticated_User',
    label: 'OwnBackup Authenticated User',
    description: 'Permissions the OwnBackup Authenticated User needs to back up, archive and restore this org.',
    source: { line: 5, quote: 'The Authenticated User must have the following permissions:' },
  },
  userProfile: {
    reason: 'The page grants permissions through a profile or a permission set and names no profile.',
    source: { line: 2, quote: 'defined either in the user’s profile, or via a permission set' },
  },
  userName: {
    lastName: 'OwnBackup Authenticated User',
    source: { line: 1, quote: 'OwnBackup Authenticated User' },
  },
  userPermissions: [
    row('QueryAllFiles', 'Query All Files', 12, 'More efficient queries and access to private files.'),
    row('AllowViewEditConvertedLeads', 'View and Edit Converted Leads', 15, 'Ability to see all leads'),
    row('EditReadonlyFields', 'Edit Read Only Fields', 17, 'Used to populate data on restore to fields that may normally be read only'),
    row('ManagePvtRptsAndDashbds', 'Manage all Private Reports and Dashboards', 20, 'Query / restore private reports/dashboards.', {
      apiName: permissionTable('ManagePvtRptsAndDashbds', 'Manage All Private Reports and Dashboards'),
    }),
    row('GovernNetworks', 'Manage Experiences', 23, 'Needed if using Experience Cloud (formerly Community Cloud).', {
      tier: 'recommended',
      condition: 'Needed if using Experience Cloud (formerly Community Cloud).',
      apiName: `${permissionTable('GovernNetworks', 'Manage Experiences')}; not ManageNetworks, which is "Create and Set Up Experiences"`,
    }),
    row('CanEditPrompts', 'Manage Prompts', 25, 'If they are in use in your org, prevent issues backup prompt versions.', {
      tier: 'recommended',
      condition: 'If using Salesforce Prompts (In App Guidance).',
      apiName:
        'data/user-permissions.tsv: CanEditPrompts = "Design and Deliver In-App Guidance", the current label of what was "Manage Prompts"; the page\'s own documentation link reads "Define Prompts in Lightning Experience" (line 28)',
    }),
    row('CreateAuditFields', 'Set Audit Fields upon Record Creation', 29, 'Populates original created date of record', {
      apiName: auditFieldsPermission('CreateAuditFields', 'the page links "Enable the \'Create Audit Fields\' permission" (line 32)'),
    }),
    row('UpdateWithInactiveOwner', 'Update Records with Inactive Owners', 34, 'Restores records with inactive owners', {
      apiName: auditFieldsPermission(
        'UpdateWithInactiveOwner',
        'the reference notes on SecuritySettings.enableAuditFieldsInactiveOwner name it with CreateAuditFields (data/README.md)'
      ),
    }),
    row('ViewAllCustomSettings', 'View All Custom Settings', 36, 'Grant Read Access to All Custom Settings'),
    row('ViewAllForeignKeyNames', 'View All Lookup Record Names', 38, NO_REASON_GIVEN),
    row('ViewEncryptedData', 'View Encrypted Data', 39, NO_REASON_GIVEN),
    row('ManageInteraction', 'Manage Flow', 40, NO_REASON_GIVEN),
    row('ManageOrchInstsAndWorkItems', 'Manage Orchestration Runs and Work Items', 41, "Access to Flow orchestrations since Winter '23"),
    row('CanAccessCE', 'Access Conversation Entries', 44, 'Avoid problems with the issue described here'),
    // Line 49, "'Modify All Data' permission", is the title of the row's documentation link, not a reason.
    row('ModifyAllData', 'Modify All Data', 48, NO_REASON_GIVEN),
  ],
  orgSettings: [
    auditFieldsPreference({
      tier: 'required',
      reason: 'Enable in the user interface when setting up, and assign via System Permissions',
      source: { line: 30, quote: 'Enable in the user interface when setting up, and assign via System Permissions' },
    }),
  ],
  permissionSetLicenses: [
    {
      name: 'EinsteinAnalyticsPlusPsl',
      label: 'CRM Analytics Plus',
      tier: 'required',
      reason: 'CRM Analytics Plus Admin is a standard permission set that needs the CRM Analytics Plus license.',
      source: { line: 47, quote: 'CRM Analytics Plus Admin' },
      apiName: 'PermissionSetLicense DeveloperName EinsteinAnalyticsPlusPsl (data/README.md)',
    },
  ],
  permissionSetAssignments: [
    {
      name: 'EinsteinAnalyticsPlusAdmin',
      label: 'CRM Analytics Plus Admin',
      tier: 'required',
      reason: NO_REASON_GIVEN,
      source: { line: 47, quote: 'CRM Analytics Plus Admin' },
      requiresLicense: 'EinsteinAnalyticsPlusPsl',
      apiName: 'Standard permission set EinsteinAnalyticsPlusAdmin, not a user permission (data/README.md)',
    },
  ],
  caveats: [
    {
      id: 'dedicated-user',
      tier: 'recommended',
      reason: 'Use a dedicated user as the OwnBackup Authenticated User; for large data volumes, one for Backup and another for Archive.',
      source: { line: 1, quote: 'OwnBackup recommends having a dedicated user as the OwnBackup Authenticated User' },
    },
    {
      id: 'prompt-target-objects',
      tier: 'recommended',
      condition: 'If using Salesforce Prompts (In App Guidance).',
      reason:
        "The user needs access to the object each prompt points to (the TargetPageKey1 field of a prompt version), or that prompt's backup may fail.",
      source: { line: 27, quote: 'The user needs access to the target object where the prompt is pointing to' },
    },
    {
      id: 'ip-restrictions',
      tier: 'required',
      reason:
        "The first login, and every re-authentication, is made from an admin's desktop: if IP restrictions apply, that desktop must be allowed.",
      source: { line: 7, quote: 'if IP address restrictions are in place' },
    },
  ],
  variants: [
    {
      id: 'standard',
      summary: 'A user with a Salesforce user license; the permissions come from the generated permission set.',
      source: { line: 2, quote: 'The specific permissions for each user is defined either in the user’s profile, or via a permission set.' },
    },
    {
      id: 'api-only',
      summary: 'An API-only user: Salesforce Integration user license, Minimum Access - API Only Integrations profile, Salesforce API Integration permission set license.',
      source: { line: 50, quote: 'Salesforce Integration User License (API Only)' },
      userProfile: {
        name: 'Minimum Access - API Only Integrations',
        userLicense: 'Salesforce Integration',
        reason: 'With the Salesforce Integration user license this profile makes an API-only integration user.',
        source: { line: 50, quote: 'Salesforce Integration User License (API Only)' },
      },
      permissionSetLicenses: [
        {
          name: 'SalesforceAPIIntegrationPsl',
          label: 'Salesforce API Integration',
          neededForAnyPermissionSet: true,
          tier: 'required',
          reason: 'An API-only integration user gets its permissions through the Salesforce API Integration permission set license.',
          source: { line: 50, quote: 'Salesforce Integration User License (API Only)' },
          apiName: 'PermissionSetLicense DeveloperName SalesforceAPIIntegrationPsl, label "Salesforce API Integration" (data/README.md)',
        },
      ],
    },
  ],
  defaultVariant: 'standard',
};
