import type { VendorProfile } from '../types.js';

const PERMISSION_SET_PAGE = 'salesforce-backup-permission-set.txt';
const SETUP_GUIDE = 'salesforce-backup-setup-guide.txt';

/**
 * Salesforce Backup: "Assign the Salesforce Backup License and Permission Set" and the setup guide
 * (shared/seeds/salesforce-backup-permission-set.txt, salesforce-backup-setup-guide.txt).
 *
 * The page puts object permissions on the BackupRestore permission set itself. Deploying a file named
 * BackupRestore would replace that Salesforce-provided permission set as a whole, so the object
 * permissions go into a permission set of their own, assigned beside BackupRestore: same access,
 * nothing of Salesforce's overwritten.
 */
export const salesforceBackup: VendorProfile = {
  id: 'salesforce-backup',
  vendor: 'Salesforce Backup',
  summary:
    'Salesforce Backup (Backup & Recover): the Backup and Restore User license, the BackupRestore permission set, and object permissions per backup or restore task.',
  pages: [
    {
      title: 'Salesforce Help: Assign the Salesforce Backup License and Permission Set',
      document: PERMISSION_SET_PAGE,
      url: 'https://help.salesforce.com/s/articleView?id=xcloud.backup_restore_permissions.htm&language=en_US&type=5',
    },
    {
      title: 'Trailhead: Salesforce Backup Basics, Set Up Users and Install the App',
      document: SETUP_GUIDE,
      url: 'https://trailhead.salesforce.com/content/learn/modules/salesforce-backup-basics/set-up-users-install-app',
    },
  ],
  permissionSet: {
    name: 'Salesforce_Backup_Object_Access',
    label: 'Salesforce Backup Object Access',
    description: 'Object permissions for the Salesforce Backup integration user, assigned beside BackupRestore.',
    source: { line: 53, quote: '6. Give users access to the objects that they plan to manage in Salesforce Backup.' },
  },
  userProfile: {
    reason: 'The page names no profile; it asks for a technical, non-named integration user.',
    source: { line: 45, quote: 'we recommend that the integration user be a technical or non-named account' },
  },
  userName: {
    lastName: 'Salesforce Backup Integration User',
    source: { line: 45, quote: 'we recommend that the integration user be a technical or non-named account' },
  },
  permissionSetLicenses: [
    {
      // The license's developer name is not public; `sf org assign permsetlicense --name` also matches the label.
      name: 'Backup and Restore User',
      label: 'Backup and Restore User',
      tier: 'required',
      reason: 'The Backup and Restore Permission Set License gives users the permissions they need to use the Backup managed package.',
      source: { document: SETUP_GUIDE, line: 13, quote: 'The Backup and Restore Permission Set License gives users the permissions they need' },
      apiName:
        'Label "Backup and Restore User" (page line 48); its DeveloperName is not public, and sf org assign permsetlicense matches DeveloperName or MasterLabel',
    },
  ],
  permissionSetAssignments: [
    {
      name: 'BackupRestore',
      label: 'BackupRestore',
      tier: 'required',
      reason: 'Gives users access to the Salesforce Backup app.',
      source: { line: 52, quote: '5. Under Available Permission Sets, select BackupRestore, click Add, and then save your work.' },
      requiresLicense: 'Backup and Restore User',
      apiName: 'BackupRestore, as the page names it (line 49: "You can now assign the BackupRestore permission set to users.")',
    },
  ],
  chosenObjects: {
    tier: 'required',
    reason: 'The Salesforce Backup application respects object access rules and only acts on objects that you have access to.',
    source: { document: SETUP_GUIDE, line: 42, quote: 'only acts on objects that you have access to' },
    defaultTask: 'backup',
    tasks: [
      { id: 'backup', summary: 'Back up records', access: ['allowRead'], source: { line: 60, quote: 'Back up records Read' } },
      {
        id: 'restore',
        summary: 'Restore records',
        access: ['allowRead', 'allowCreate', 'allowEdit'],
        source: { line: 61, quote: 'Restore records Read, create, and edit' },
      },
      {
        id: 'restore-existing',
        summary: 'Restore only existing records',
        access: ['allowEdit'],
        source: { line: 62, quote: 'Restore only existing records Edit' },
      },
      {
        id: 'restore-deleted',
        summary: 'Restore only deleted records',
        access: ['allowCreate'],
        source: { line: 63, quote: 'Restore only deleted records Create' },
      },
    ],
    unsupported: [
      {
        pattern: /__b$/,
        kind: 'big object',
        reason: 'Records stored in Big Objects are not supported by the Backup app.',
        source: { document: SETUP_GUIDE, line: 53, quote: 'Records stored in Big Objects' },
      },
      {
        pattern: /History$/,
        kind: 'history object',
        reason: "History objects aren't backed up because they can't be restored: history tables are read-only.",
        source: { document: SETUP_GUIDE, line: 56, quote: 'History objects aren’t backed up because they can’t be restored.' },
      },
      {
        pattern: /Feed$/,
        kind: 'feed object',
        reason: 'Feed objects are not supported by the Backup app.',
        source: { document: SETUP_GUIDE, line: 59, quote: 'Feed objects' },
      },
    ],
  },
  caveats: [
    {
      id: 'license-purchase',
      tier: 'required',
      reason: 'The Backup and Restore User license comes with the Salesforce Backup (Backup & Recover) add-on; without it the license cannot be assigned.',
      source: { document: SETUP_GUIDE, line: 1, quote: 'You need to purchase Salesforce Backup' },
    },
    {
      id: 'object-permissions-on-own-permission-set',
      tier: 'required',
      reason:
        'The page edits Object Settings on BackupRestore; the object permissions are generated as a separate permission set, assigned with BackupRestore, so that deploying them never replaces the Salesforce-provided BackupRestore.',
      source: { document: SETUP_GUIDE, line: 33, quote: 'Click\u00a0BackupRestore.' },
    },
    {
      id: 'unsupported-objects-org',
      tier: 'required',
      reason:
        "Objects the Bulk API doesn't support, standard objects without CreatedDate, LastModifiedDate, SystemModstamp and LoginDate, and Light Application objects can't be backed up; only the org can tell which objects those are.",
      source: { document: SETUP_GUIDE, line: 52, quote: 'supported by the Bulk API' },
    },
    {
      id: 'managed-package-licenses',
      tier: 'required',
      reason: "If a custom object is part of a managed package that's not site-wide, the integration user must have a license for the object.",
      source: { document: SETUP_GUIDE, line: 65, quote: 'integration users must have a license for the object' },
    },
    {
      id: 'special-access-rules',
      tier: 'recommended',
      reason:
        "Some objects need a product, feature, license, permission or preference of their own: see the Special Access Rules of each object in Salesforce's Object Reference.",
      source: { document: SETUP_GUIDE, line: 46, quote: 'Also ensure that you meet all special access rules.' },
    },
  ],
};
