import type {
  FieldPermissionRequirement,
  InheritedFieldNote,
  ObjectPermissionRequirement,
  PageRef,
  Tier,
  UserPermissionRequirement,
} from '../types.js';
import type { VendorProfile } from '../types.js';
import { permissionTable } from '../evidence.js';

/** A system permission the page names, with where it names it. */
const permission = (name: string, label: string, source: PageRef, reason: string): UserPermissionRequirement => ({
  name,
  label,
  tier: 'required',
  reason,
  source,
  apiName: permissionTable(name, label),
});

/** One cell of the "Minimum Required Field Permissions" table: read access on each field named. */
const readFields = (tier: Tier, object: string, fields: string, line: number, quote: string): FieldPermissionRequirement[] =>
  fields.split(' ').map((name) => ({
    field: `${object}.${name}`,
    editable: false,
    tier,
    reason:
      tier === 'required'
        ? 'Backstory cannot complete a data pull without these. Missing required fields will cause the integration to stop and return an error.'
        : 'Backstory uses these to enrich insights, but the data pull will not fail without them.',
    source: { line, quote },
  }));

/** A row of the "Inherited Field Permissions" table. */
const inherited = (object: string, fields: string, line: number, condition?: string): InheritedFieldNote[] =>
  fields.split(' ').map((name, _, all) => ({
    field: `${object}.${name}`,
    tier: condition ? 'recommended' : 'required',
    reason: 'Accessible automatically through permissions already granted; no manual configuration.',
    source: { line, quote: all.slice(0, 2).join(' ') },
    ...(condition ? { condition } : {}),
  }));

const objectRow = (object: string, access: ObjectPermissionRequirement['access'], line: number, reason: string): ObjectPermissionRequirement => ({
  object,
  access,
  tier: 'required',
  reason,
  source: { line, quote: `${object} | ✓ |` },
});

const SYSTEM_PERMISSIONS_REASON = 'Three permissions are required: View All Data, API Enabled, and View All Users.';
const MULTI_CURRENCY = 'These fields only exist if Multi-Currency is enabled in Salesforce.';
const VIEW_ALL_OBJECTS_QUOTE = 'Assign View All permission on Accounts, Contacts, Leads, and Opportunities.';
const LEAST_PRIVILEGE_REASON = "If your organization's security policies prohibit View All Data, you can use the least-privilege alternative below.";

/** Backstory (People.ai): "Salesforce Permissions" (shared/seeds/backstory-salesforce-permissions.txt). */
export const backstory: VendorProfile = {
  id: 'backstory',
  vendor: 'Backstory (People.ai)',
  summary: 'Backstory (People.ai) CRM sync: system, object and field permissions, with the page\'s options A, B, C and its least-privilege alternative.',
  pages: [
    {
      title: 'Backstory: Configure Salesforce Permissions',
      document: 'backstory-salesforce-permissions.txt',
      url: 'https://help.backstory.ai/en/articles/15252897-configure-salesforce-permissions',
    },
  ],
  permissionSet: {
    name: 'Backstory_Integration_User',
    label: 'Backstory Integration User',
    description: 'Object and field permissions the Backstory (People.ai) integration user needs to sync activities with Salesforce.',
    source: { line: 45, quote: "navigate to your integration user's profile or permission set" },
  },
  userProfile: {
    name: 'System Administrator',
    userLicense: 'Salesforce',
    reason: 'Option A (recommended): the System Administrator profile includes all three required system permissions.',
    source: { line: 19, quote: 'Option A: System Administrator Profile (Recommended)' },
  },
  userName: {
    firstName: 'Backstory',
    lastName: 'Integration User',
    source: { line: 13, quote: 'Name the user "Backstory Integration User."' },
  },
  objectPermissions: [
    objectRow('Account', ['viewAllRecords', 'allowEdit'], 51, 'Used to match activities to accounts and write aggregated fields.'),
    objectRow(
      'Contact',
      ['viewAllRecords', 'allowEdit', 'allowCreate', 'allowDelete'],
      54,
      'Used to match activities to contacts and update titles and phone numbers. Delete is reserved for contacts created by Backstory for support purposes.'
    ),
    objectRow(
      'Lead',
      ['viewAllRecords', 'allowEdit', 'allowCreate'],
      55,
      'Used to match activities to leads and write aggregated fields. Create is reserved for future enhancements.'
    ),
    objectRow('Opportunity', ['viewAllRecords', 'allowEdit'], 57, 'Used to match activities to opportunities and write aggregated fields.'),
  ],
  fieldPermissions: [
    ...readFields('required', 'Account', 'CreatedById Name OwnerId', 102, 'Account | CreatedById Name OwnerId'),
    ...readFields('recommended', 'Account', 'AnnualRevenue BillingAddress Industry NumberOfEmployees Ownership ParentId RecordTypeId ShippingAddress Type Website', 103, 'AnnualRevenue BillingAddress Industry'),
    ...readFields('required', 'Contact', 'AccountId CreatedDate Name OwnerId Title', 104, 'Contact | AccountId CreatedDate Name OwnerId Title'),
    ...readFields('recommended', 'Contact', 'AssistantPhone Department HomePhone MailingAddress MobilePhone OtherPhone Phone', 104, 'AssistantPhone Department HomePhone'),
    ...readFields('required', 'Event', 'ActivityDate CreatedById LastModifiedById OwnerId peopleai__Created_by_PeopleAI__c Type', 105, 'Event | ActivityDate CreatedById'),
    ...readFields('required', 'Lead', 'Company CreatedById Name OwnerId Status', 106, 'Lead | Company CreatedById Name OwnerId Status'),
    ...readFields('recommended', 'Lead', 'AnnualRevenue Industry MobilePhone Phone Rating Title Website', 106, 'AnnualRevenue Industry MobilePhone Phone Rating Title Website'),
    ...readFields('required', 'Opportunity', 'AccountId CloseDate CreatedById Name OwnerId StageName', 107, 'Opportunity | AccountId CloseDate'),
    ...readFields('recommended', 'Opportunity', 'Amount ExpectedRevenue ForecastCategoryName LeadSource Probability RecordTypeId Territory2Id Type', 107, 'Amount ExpectedRevenue ForecastCategoryName'),
    // The page runs "peopleai__Created_by_PeopleAI__c" and "WhatId" together; they are two fields.
    ...readFields('required', 'Task', 'CreatedById OwnerId peopleai__Created_by_PeopleAI__c WhatId WhoId', 108, 'Task | CreatedById OwnerId peopleai__Created_by_PeopleAI__cWhatId WhoId'),
    ...readFields('recommended', 'Task', 'Priority Status TaskSubtype', 108, 'Priority Status TaskSubtype'),
  ],
  inheritedFields: [
    ...inherited('Account', 'CreatedDate Id IsDeleted LastModifiedById SystemModstamp', 112),
    ...inherited('AccountTeamMember', 'AccountId CreatedDate Id IsDeleted SystemModstamp TeamMemberRole UserId', 113),
    ...inherited('Contact', 'AccountId CreatedDate Id IsDeleted SystemModstamp', 114),
    ...inherited('CurrencyType', 'CreatedDate DecimalPlaces Id IsActive IsCorporate IsoCode SystemModstamp', 116, MULTI_CURRENCY),
    ...inherited('DatedConversionRate', 'ConversionRate CreatedDate Id IsoCode NextStartDate StartDate SystemModstamp', 118, MULTI_CURRENCY),
    ...inherited('Event', 'CreatedDate Id SystemModstamp', 119),
    ...inherited('FiscalYearSettings', 'EndDate Id IsStandardYear Name StartDate SystemModstamp', 120),
    ...inherited('Group', 'CreatedDate Id Name OwnerId SystemModstamp Type', 121),
    ...inherited('Lead', 'ConvertedAccountId ConvertedContactId ConvertedDate ConvertedOpportunityId CreatedDate Id IsDeleted SystemModstamp', 122),
    ...inherited('LeadHistory', 'CreatedDate Field Id LeadId NewValue', 123),
    ...inherited('LeadStatus', 'ApiName CreatedDate IsConverted IsDefault SortOrder SystemModstamp', 124),
    ...inherited('Opportunity', 'CreatedDate Id IsClosed IsDeleted IsWon LastModifiedById SystemModstamp', 125),
    ...inherited('OpportunityContactRole', 'ContactId CreatedDate Id IsDeleted IsPrimary OpportunityId Role SystemModstamp', 126),
    ...inherited('OpportunityHistory', 'Amount CloseDate CreatedDate Id OpportunityId Probability StageName SystemModstamp', 127),
    ...inherited('OpportunityStage', 'ApiName CreatedDate IsActive IsClosed IsWon SortOrder SystemModstamp', 128),
    ...inherited('OpportunityTeamMember', 'CreatedDate Id IsDeleted Name OpportunityAccessLevel OpportunityId SystemModstamp TeamMemberRole Title UserId', 129),
    ...inherited('Profile', 'Id SystemModstamp UserLicenseId', 130),
    ...inherited('User', 'CreatedDate Id IsActive ProfileId SystemModstamp TimeZoneSidKey', 131),
    ...inherited('UserLicense', 'Id LicenseDefinitionKey SystemModstamp', 132),
    ...inherited('UserRole', 'Id LastModifiedById Name ParentRoleId PortalAccountId SystemModstamp', 133),
  ],
  caveats: [
    {
      id: 'dedicated-user',
      tier: 'recommended',
      reason: "Use a separate Salesforce user exclusively for Backstory, not an employee's account, so permissions stay stable when people leave or change roles.",
      source: { line: 11, quote: 'We strongly recommend setting up a separate Salesforce user account exclusively for Backstory' },
    },
    {
      id: 'role-hierarchy',
      tier: 'required',
      reason: 'Place the user at the top of your Salesforce Role Hierarchy.',
      source: { line: 15, quote: 'Place the user at the top of your Salesforce Role Hierarchy.' },
    },
    {
      id: 'private-sharing-modify-all',
      tier: 'recommended',
      condition: 'If your organization uses Private sharing settings on any object above.',
      reason:
        'The integration user also needs Modify All Records on each such object (Modify All also needs Read, Edit, Delete and View All there); without it, OCR creation and summary field pushes may fail.',
      source: { line: 60, quote: 'the integration user also needs the Modify All Records permission for that object' },
    },
    {
      id: 'all-fields-read-access',
      tier: 'recommended',
      reason:
        'Backstory recommends Read Access to all fields of Account, Contact, Event, Lead, Opportunity, Period and Task; which fields an org has, only the org can tell, so only the fields the page names are written.',
      source: { line: 82, quote: 'We recommend granting Read Access to all fields in the following objects' },
    },
    {
      id: 'validation-rules',
      tier: 'recommended',
      reason: "Validation rules or flows that block Backstory's updates need an exemption for the integration user, e.g. $Profile.Name != 'Backstory Integration User'.",
      source: { line: 146, quote: 'ask a Salesforce admin to update each affected validation rule to exempt the Backstory integration user' },
    },
  ],
  variants: [
    {
      id: 'a',
      summary: 'Option A (recommended): the System Administrator profile carries the system permissions; the permission set adds object and field permissions.',
      source: { line: 19, quote: 'Option A: System Administrator Profile (Recommended)' },
    },
    {
      id: 'b',
      summary: 'Option B: a custom profile; the permission set carries View All Data, API Enabled and View All Users. Name your profile with --profile-name.',
      source: { line: 21, quote: 'Option B: Custom Profile' },
      userProfile: {
        custom: true,
        reason: 'Option B uses a custom profile of your own; name it with --profile-name.',
        source: { line: 22, quote: 'Once you have a custom profile assigned to your integration user' },
      },
      userPermissions: [
        permission('ViewAllData', 'View All Data', { line: 25, quote: 'enable View All Data, API Enabled, and View All Users' }, SYSTEM_PERMISSIONS_REASON),
        permission('ApiEnabled', 'API Enabled', { line: 25, quote: 'enable View All Data, API Enabled, and View All Users' }, SYSTEM_PERMISSIONS_REASON),
        permission('ViewAllUsers', 'View All Users', { line: 25, quote: 'enable View All Data, API Enabled, and View All Users' }, SYSTEM_PERMISSIONS_REASON),
      ],
    },
    {
      id: 'c',
      summary: 'Option C: a standard profile with the "Backstory Standard Permissions" permission set.',
      source: { line: 26, quote: 'Option C: Standard Profile with Permission Set' },
      permissionSet: {
        name: 'Backstory_Standard_Permissions',
        label: 'Backstory Standard Permissions',
        source: { line: 28, quote: 'Create a new permission set named "Backstory Standard Permissions."' },
      },
      userProfile: {
        name: 'Standard User',
        userLicense: 'Salesforce',
        reason: 'Option C keeps a standard profile, whose permissions cannot be edited, and grants the rest by permission set.',
        source: { line: 27, quote: 'Standard profiles have fixed permissions and cannot be edited directly.' },
      },
      userPermissions: [
        permission('EditEvent', 'Edit Events', { line: 29, quote: 'enable Edit Events, Edit Tasks, and API Enabled' }, SYSTEM_PERMISSIONS_REASON),
        permission('EditTask', 'Edit Tasks', { line: 29, quote: 'enable Edit Events, Edit Tasks, and API Enabled' }, SYSTEM_PERMISSIONS_REASON),
        permission('ApiEnabled', 'API Enabled', { line: 29, quote: 'enable Edit Events, Edit Tasks, and API Enabled' }, SYSTEM_PERMISSIONS_REASON),
        permission('ViewAllData', 'View All Data', { line: 30, quote: 'enable View All Data and View All Users' }, SYSTEM_PERMISSIONS_REASON),
        permission('ViewAllUsers', 'View All Users', { line: 30, quote: 'enable View All Data and View All Users' }, SYSTEM_PERMISSIONS_REASON),
      ],
    },
    {
      id: 'least-privilege',
      summary:
        'Least privilege: no View All Data; View All on Accounts, Contacts, Leads and Opportunities, Edit Events, Edit Tasks and View Setup and Configuration instead.',
      source: { line: 37, quote: 'you can use the least-privilege alternative below' },
      userProfile: {
        reason:
          "The least-privilege alternative replaces View All Data, which option A's System Administrator profile includes; the page names no other profile.",
        source: { line: 37, quote: "If your organization's security policies prohibit View All Data" },
      },
      userPermissions: [
        permission('ApiEnabled', 'API Enabled', { line: 18, quote: 'View All Data, API Enabled, and View All Users' }, SYSTEM_PERMISSIONS_REASON),
        permission('ViewAllUsers', 'View All Users', { line: 18, quote: 'View All Data, API Enabled, and View All Users' }, SYSTEM_PERMISSIONS_REASON),
        permission('EditEvent', 'Edit Events', { line: 39, quote: 'Enable Edit Events and Edit Tasks under System Permissions.' }, LEAST_PRIVILEGE_REASON),
        permission('EditTask', 'Edit Tasks', { line: 39, quote: 'Enable Edit Events and Edit Tasks under System Permissions.' }, LEAST_PRIVILEGE_REASON),
        permission(
          'ViewSetup',
          'View Setup and Configuration',
          { line: 40, quote: 'Enable View Setup and Configuration under Administrative Permissions.' },
          LEAST_PRIVILEGE_REASON
        ),
        // A deploy disables every user permission a file leaves out, so the one View Setup grants in Setup is written too.
        permission(
          'ViewRoles',
          'View Roles and Role Hierarchy',
          { line: 40, quote: 'This automatically grants View Role and Role Hierarchy, which is also required.' },
          'This automatically grants View Role and Role Hierarchy, which is also required.'
        ),
      ],
      objectPermissions: ['Account', 'Contact', 'Lead', 'Opportunity'].map((object) => ({
        object,
        access: ['viewAllRecords'],
        tier: 'required',
        reason: LEAST_PRIVILEGE_REASON,
        source: { line: 38, quote: VIEW_ALL_OBJECTS_QUOTE },
      })),
      caveats: [
        {
          id: 'activities-view-all',
          tier: 'required',
          reason:
            'Tasks and Events have no object permissions of their own: access to them comes from Edit Tasks and Edit Events and the sharing of their parent records, so View All on them cannot be written to a permission set.',
          source: { line: 41, quote: 'including Tasks and Events' },
        },
        {
          id: 'trigger-exceptions',
          tier: 'required',
          reason: 'Without View All Data, troubleshooting trigger exceptions becomes your responsibility.',
          source: { line: 37, quote: 'troubleshooting trigger exceptions will become your responsibility' },
        },
      ],
    },
  ],
  defaultVariant: 'a',
};
