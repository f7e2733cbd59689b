import { expect } from 'chai';
import { SfError } from '@salesforce/core';
import { findProfile } from '../../src/profiles/index.js';
import type { IntegrationUserPlan } from '../../src/resolve/model.js';
import type { VendorProfile } from '../../src/profiles/types.js';
import { resolvePlan } from '../../src/resolve/resolve.js';
import { readTable } from '../../src/reference/tables.js';
import { bundledEdgeRows } from '../../src/resolve/dependencies.js';

const vendorNames = (plan: IntegrationUserPlan): string[] =>
  plan.permissionSet.userPermissions.filter((p) => p.because.some((b) => b.from === 'vendor')).map((p) => p.name).sort();

/** Reported, not added, by the bundled graph: a feature data/permission-availability.tsv assumes off. */
const FEATURE_GATED = readTable('permission-availability.tsv').filter((r) => r.assumed === 'absent').map((r) => r.permission);

const allNames = (plan: IntegrationUserPlan): string[] => plan.permissionSet.userPermissions.map((p) => p.name);

/** Each user permission the vendor didn't ask for must be needed, per the bundled table, by one that's in the set. */
const expectEveryAdditionExplained = (plan: IntegrationUserPlan): void => {
  const edges = new Set(bundledEdgeRows().map((r) => `${r.permission}>${r.requires}`));
  const names = new Set(allNames(plan));
  for (const permission of plan.permissionSet.userPermissions) {
    for (const because of permission.because) {
      if (because.from !== 'dependency') continue;
      expect(names.has(because.requiredBy), `${permission.name} is needed by ${because.requiredBy}`).to.equal(true);
      expect(edges.has(`${because.requiredBy}>${permission.name}`), `${because.requiredBy} → ${permission.name} is a known edge`).to.equal(true);
    }
  }
};

const source = { line: 1, quote: 'x' };

/** The smallest profile, with the items a test gives it. */
const testProfile = (items: Partial<VendorProfile>): VendorProfile => ({
  id: 'test',
  vendor: 'Test',
  summary: 's',
  pages: [{ title: 't', document: 'grax-integration-user.txt' }],
  permissionSet: { name: 'Test', label: 'Test', description: 'd', source },
  userProfile: { reason: 'r' },
  ...items,
});

const errorName = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(SfError);
    expect((error as SfError).actions?.length ?? 0, (error as SfError).message).to.be.greaterThan(0);
    return (error as SfError).name;
  }
  throw new Error('expected an error');
};

describe('resolving a vendor profile into a plan', () => {
  describe('grax', () => {
    const grax = findProfile('grax');

    it('asks for the five required permissions, then closes their dependencies', () => {
      const plan = resolvePlan(grax);
      expect(vendorNames(plan)).to.deep.equal(['ApiEnabled', 'CreateAuditFields', 'ModifyAllData', 'QueryAllFiles', 'ViewAllData']);
      expect(allNames(plan)).to.include.members(['ViewSetup', 'ConvertLeads', 'EditTask']);
      expectEveryAdditionExplained(plan);
      expect(plan.permissionSet).to.include({ fullName: 'GRAX_Integration_User', label: 'GRAX INTEGRATION USER Permission' });
    });

    it('closes over Modify All Data and View All Data per the bundled graph: everything either needs, transitively, is in', () => {
      const plan = resolvePlan(grax);
      const edges = bundledEdgeRows();
      const needed = new Set<string>();
      const walk = (name: string): void => {
        for (const edge of edges.filter((e) => e.permission === name)) {
          if (needed.has(edge.requires) || FEATURE_GATED.includes(edge.requires)) continue;
          needed.add(edge.requires);
          walk(edge.requires);
        }
      };
      walk('ModifyAllData');
      walk('ViewAllData');
      expect(needed.size).to.be.greaterThan(20);
      expect(allNames(plan)).to.include.members([...needed]);
      // Each addition's chain starts at a permission GRAX asked for.
      for (const permission of plan.permissionSet.userPermissions) {
        for (const because of permission.because) {
          if (because.from === 'dependency') expect(vendorNames(plan), permission.name).to.include(because.chain[0]);
        }
      }
      expect(plan.dependencies).to.deep.equal({ graph: 'bundled', edgeCount: plan.dependencies.edgeCount, cycles: [] });
    });

    it('adds View Encrypted Data only with the recommended tier, and lists it as left out otherwise', () => {
      expect(allNames(resolvePlan(grax))).to.not.include('ViewEncryptedData');
      expect(resolvePlan(grax).omitted.map((o) => o.item)).to.include('user permission ViewEncryptedData');
      expect(vendorNames(resolvePlan(grax, { includeRecommended: true }))).to.include('ViewEncryptedData');
    });

    it('needs the audit-fields org preference and sets Marketing User and CRM Content User on the user', () => {
      const plan = resolvePlan(grax);
      expect(plan.orgSettings.map((s) => `${s.settings}.${s.field}=${String(s.value)}`)).to.deep.equal(['Security.enableAuditFieldsInactiveOwner=true']);
      expect(plan.userFields.map((f) => f.field)).to.deep.equal(['UserPermissionsMarketingUser', 'UserPermissionsSFContentUser']);
      expect(plan.userProfile.name).to.equal('Standard User');
    });

    it('is deterministic', () => {
      expect(JSON.stringify(resolvePlan(grax, { includeRecommended: true }))).to.equal(JSON.stringify(resolvePlan(grax, { includeRecommended: true })));
    });
  });

  describe('ownbackup', () => {
    const ownbackup = findProfile('ownbackup');

    it('asks for every required permission of its table, and the conditional ones only with the recommended tier', () => {
      const required = [
        'AllowViewEditConvertedLeads',
        'CanAccessCE',
        'CreateAuditFields',
        'EditReadonlyFields',
        'ManageInteraction',
        'ManageOrchInstsAndWorkItems',
        'ManagePvtRptsAndDashbds',
        'ModifyAllData',
        'QueryAllFiles',
        'UpdateWithInactiveOwner',
        'ViewAllCustomSettings',
        'ViewAllForeignKeyNames',
        'ViewEncryptedData',
      ];
      expect(vendorNames(resolvePlan(ownbackup))).to.deep.equal(required);
      const withRecommended = resolvePlan(ownbackup, { includeRecommended: true });
      expect(vendorNames(withRecommended)).to.deep.equal([...required, 'CanEditPrompts', 'GovernNetworks'].sort());
      const conditions = withRecommended.permissionSet.userPermissions
        .filter((p) => ['CanEditPrompts', 'GovernNetworks'].includes(p.name))
        .map((p) => p.because[0].from === 'vendor' && p.because[0].condition);
      expect(conditions).to.deep.equal(['If using Salesforce Prompts (In App Guidance).', 'Needed if using Experience Cloud (formerly Community Cloud).']);
      expectEveryAdditionExplained(withRecommended);
    });

    it('assigns CRM Analytics Plus Admin after its license, not as a user permission', () => {
      const plan = resolvePlan(ownbackup);
      expect(allNames(plan)).to.not.include('EinsteinAnalyticsPlusAdmin');
      expect(plan.permissionSetAssignments).to.deep.include({ ...plan.permissionSetAssignments[0], name: 'EinsteinAnalyticsPlusAdmin', requiresLicense: 'EinsteinAnalyticsPlusPsl' });
      expect(plan.permissionSetLicenses.map((l) => l.name)).to.deep.equal(['EinsteinAnalyticsPlusPsl']);
    });

    it('offers the API-only integration license path as a variant', () => {
      const plan = resolvePlan(ownbackup, { variant: 'api-only' });
      expect(plan.variant?.id).to.equal('api-only');
      expect(plan.userProfile).to.include({ name: 'Minimum Access - API Only Integrations', userLicense: 'Salesforce Integration' });
      expect(plan.permissionSetLicenses.map((l) => l.name)).to.deep.equal(['EinsteinAnalyticsPlusPsl', 'SalesforceAPIIntegrationPsl']);
      expect(vendorNames(plan)).to.deep.equal(vendorNames(resolvePlan(ownbackup)));
    });
  });

  describe('salesforce-backup', () => {
    const backup = findProfile('salesforce-backup');
    const access = (plan: IntegrationUserPlan, object: string) => plan.permissionSet.objectPermissions.find((o) => o.object === object)?.access;

    it("grants each chosen object what the page's task table says", () => {
      const expectations: Record<string, string[]> = {
        backup: ['allowRead'],
        restore: ['allowCreate', 'allowEdit', 'allowRead'],
        'restore-existing': ['allowEdit', 'allowRead'],
        'restore-deleted': ['allowCreate', 'allowRead'],
      };
      for (const [task, granted] of Object.entries(expectations)) {
        const plan = resolvePlan(backup, { objects: ['Account', 'Invoice__c'], tasks: [task] });
        for (const object of ['Account', 'Invoice__c']) {
          const a = access(plan, object) ?? {};
          expect(Object.keys(a).filter((k) => a[k as keyof typeof a]).sort(), `${task} on ${object}`).to.deep.equal(granted);
        }
      }
    });

    it('backs up by default and combines several tasks', () => {
      expect(access(resolvePlan(backup, { objects: ['Account'] }), 'Account')).to.include({ allowRead: true, allowEdit: false });
      expect(access(resolvePlan(backup, { objects: ['Account'], tasks: ['backup', 'restore-existing'] }), 'Account')).to.include({ allowRead: true, allowEdit: true, allowCreate: false });
    });

    it('assigns BackupRestore after the Backup and Restore User license, outside the generated permission set', () => {
      const plan = resolvePlan(backup, { objects: ['Account'] });
      expect(plan.permissionSetLicenses.map((l) => l.name)).to.deep.equal(['Backup and Restore User']);
      expect(plan.permissionSetAssignments.map((a) => [a.name, a.requiresLicense])).to.deep.equal([['BackupRestore', 'Backup and Restore User']]);
      expect(plan.permissionSet.fullName).to.equal('Salesforce_Backup_Object_Access');
      expect(plan.permissionSet.userPermissions).to.deep.equal([]);
    });

    it("refuses objects the page says Backup can't act on, with the page's reason", () => {
      for (const [object, kind] of [
        ['Archive__b', 'big object'],
        ['AccountHistory', 'history object'],
        ['Invoice__History', 'history object'],
        ['AccountFeed', 'feed object'],
      ]) {
        expect(() => resolvePlan(backup, { objects: ['Account', object] }), object).to.throw(new RegExp(`${object}.*${kind}`));
        expect(errorName(() => resolvePlan(backup, { objects: [object] }))).to.equal('UnsupportedObjectError');
      }
    });

    it('refuses names that are not objects, or objects without object permissions', () => {
      expect(errorName(() => resolvePlan(backup, { objects: ['Account;DROP'] }))).to.equal('InvalidObjectNameError');
      for (const object of ['Task', 'Setting__mdt', 'User', 'Group', 'AccountShare', 'Invoice__Share', 'AccountChangeEvent']) {
        expect(errorName(() => resolvePlan(backup, { objects: [object] })), object).to.equal('NoObjectPermissionsError');
      }
      expect(() => resolvePlan(backup, { objects: ['ns__Invoice__c', 'Invoice_Line__c', 'Market_Share__c'] })).to.not.throw();
    });

    it('matches object names as Salesforce does, without regard to case', () => {
      expect(errorName(() => resolvePlan(backup, { objects: ['accounthistory'] }))).to.equal('UnsupportedObjectError');
      expect(errorName(() => resolvePlan(backup, { objects: ['archive__B'] }))).to.equal('UnsupportedObjectError');
      expect(errorName(() => resolvePlan(backup, { objects: ['Account', 'account'] }))).to.equal('ObjectSpelledTwiceError');
      expect(resolvePlan(backup, { objects: ['Account', 'Account'] }).permissionSet.objectPermissions.map((o) => o.object)).to.deep.equal(['Account']);
    });

    it('needs objects, and a known task', () => {
      expect(errorName(() => resolvePlan(backup))).to.equal('ObjectsRequiredError');
      try {
        resolvePlan(backup);
      } catch (error) {
        // The suggestion names the vendor, not a literal %s.
        expect((error as SfError).actions).to.deep.equal(['Name the objects to back up or restore with --objects, e.g. --vendor salesforce-backup --objects Account,Contact,Opportunity.']);
      }
      expect(errorName(() => resolvePlan(backup, { objects: ['Account'], tasks: ['archive'] }))).to.equal('UnknownTaskError');
    });
  });

  describe('backstory', () => {
    const backstory = findProfile('backstory');
    const fields = (plan: IntegrationUserPlan): string[] => plan.permissionSet.fieldPermissions.map((f) => f.field);

    it("option A (default): the page's object table, and read access on required fields that take field-level security", () => {
      const plan = resolvePlan(backstory);
      expect(plan.variant?.id).to.equal('a');
      expect(plan.userProfile.name).to.equal('System Administrator');
      expect(plan.permissionSet.userPermissions).to.deep.equal([]);
      const contact = plan.permissionSet.objectPermissions.find((o) => o.object === 'Contact');
      expect(contact?.access).to.deep.equal({ allowCreate: true, allowDelete: true, allowEdit: true, allowRead: true, modifyAllRecords: false, viewAllRecords: true });
      expect(plan.permissionSet.objectPermissions.map((o) => o.object)).to.deep.equal(['Account', 'Contact', 'Lead', 'Opportunity']);
      expect(fields(plan)).to.deep.equal([
        'Contact.AccountId',
        'Contact.Title',
        'Event.ActivityDate',
        'Event.Type',
        'Event.peopleai__Created_by_PeopleAI__c',
        'Lead.Company',
        'Opportunity.AccountId',
        'Task.WhatId',
        'Task.WhoId',
        'Task.peopleai__Created_by_PeopleAI__c',
      ]);
      expect(plan.permissionSet.fieldPermissions.every((f) => f.readable && !f.editable)).to.equal(true);
      expect(plan.coveredFields.map((f) => f.field)).to.include.members(['Account.Name', 'Opportunity.StageName', 'Lead.Status', 'AccountTeamMember.UserId']);
    });

    it('adds recommended fields with --include recommended, leaving out Territory2Id', () => {
      const plan = resolvePlan(backstory, { includeRecommended: true });
      expect(fields(plan)).to.include.members(['Account.AnnualRevenue', 'Contact.MobilePhone', 'Opportunity.Amount', 'Task.TaskSubtype']);
      expect(fields(plan)).to.not.include.members(['Opportunity.Territory2Id', 'Account.RecordTypeId', 'Task.Status']);
      expect(plan.omitted.map((o) => o.item)).to.include('field permission Opportunity.Territory2Id');
    });

    it('options B and C carry the system permissions; C uses its own permission set name', () => {
      expect(vendorNames(resolvePlan(backstory, { variant: 'b', profileName: 'Backstory Profile' }))).to.deep.equal(['ApiEnabled', 'ViewAllData', 'ViewAllUsers']);
      const c = resolvePlan(backstory, { variant: 'c' });
      expect(vendorNames(c)).to.deep.equal(['ApiEnabled', 'EditEvent', 'EditTask', 'ViewAllData', 'ViewAllUsers']);
      expect(c.permissionSet).to.include({ fullName: 'Backstory_Standard_Permissions', label: 'Backstory Standard Permissions' });
      expect(c.userProfile.name).to.equal('Standard User');
      expectEveryAdditionExplained(c);
    });

    it('option B needs the name of your custom profile', () => {
      expect(errorName(() => resolvePlan(backstory, { variant: 'b' }))).to.equal('ProfileNameRequiredError');
      expect(resolvePlan(backstory, { variant: 'b', profileName: 'Backstory Profile' }).userProfile.name).to.equal('Backstory Profile');
    });

    it('least privilege: no View All Data; View Setup, View Roles, Edit Events, Edit Tasks and View All on the four objects', () => {
      const plan = resolvePlan(backstory, { variant: 'least-privilege' });
      expect(allNames(plan)).to.not.include('ViewAllData');
      expect(vendorNames(plan)).to.deep.equal(['ApiEnabled', 'EditEvent', 'EditTask', 'ViewAllUsers', 'ViewRoles', 'ViewSetup']);
      // The page names no profile for it, and option A's System Administrator would bring View All Data back.
      expect(plan.userProfile.name).to.equal('Standard User');
      expect(plan.userProfile.reason).to.include('names no other profile');
      for (const o of plan.permissionSet.objectPermissions) expect(o.access.viewAllRecords, o.object).to.equal(true);
      expect(plan.caveats.map((c) => c.id)).to.include('activities-view-all');
    });
  });

  it('does not report a recommended permission as left out when a required one brings it in', () => {
    const profile = testProfile({
      userPermissions: [
        { name: 'ModifyAllData', label: 'Modify All Data', tier: 'required', reason: 'r', source, apiName: 'a' },
        { name: 'ViewSetup', label: 'View Setup and Configuration', tier: 'recommended', reason: 'r', source, apiName: 'a' },
        { name: 'ViewEncryptedData', label: 'View Encrypted Data', tier: 'recommended', reason: 'r', source, apiName: 'a' },
      ],
    });
    const plan = resolvePlan(profile);
    expect(allNames(plan)).to.include('ViewSetup');
    expect(plan.omitted.map((o) => o.item)).to.include('user permission ViewEncryptedData').and.not.include('user permission ViewSetup');
  });

  it('reports the user items of a tier not chosen as left out, and writes them with it', () => {
    const profile = testProfile({
      userFields: [{ field: 'UserPermissionsMarketingUser', label: 'Marketing User', value: true, tier: 'recommended', reason: 'r', source, apiName: 'a' }],
      permissionSetLicenses: [{ name: 'SalesforceCPQ_CPQStandardPerm', label: 'CPQ', tier: 'recommended', reason: 'r', source, apiName: 'a' }],
      permissionSetAssignments: [{ name: 'Acme_Reports', label: 'Acme Reports', tier: 'recommended', reason: 'r', source, apiName: 'a' }],
    });
    const required = resolvePlan(profile);
    expect(required.userFields).to.deep.equal([]);
    expect(required.omitted.map((o) => o.item)).to.deep.equal([
      'user field UserPermissionsMarketingUser',
      'permission set license SalesforceCPQ_CPQStandardPerm',
      'permission set Acme_Reports',
    ]);
    const all = resolvePlan(profile, { includeRecommended: true });
    expect(all.omitted).to.deep.equal([]);
    expect(all.userFields.map((f) => f.field)).to.deep.equal(['UserPermissionsMarketingUser']);
    expect(all.permissionSetLicenses.map((l) => l.name)).to.deep.equal(['SalesforceCPQ_CPQStandardPerm']);
    expect(all.permissionSetAssignments.map((a) => a.name)).to.deep.equal(['Acme_Reports']);
  });

  it('refuses an unknown variant, and a variant, objects or task for a vendor without them', () => {
    expect(errorName(() => resolvePlan(findProfile('backstory'), { variant: 'd' }))).to.equal('UnknownVariantError');
    expect(errorName(() => resolvePlan(findProfile('grax'), { variant: 'a' }))).to.equal('NoVariantsError');
    expect(errorName(() => resolvePlan(findProfile('grax'), { objects: ['Account'] }))).to.equal('ObjectsNotApplicableError');
    expect(errorName(() => resolvePlan(findProfile('grax'), { tasks: ['backup'] }))).to.equal('TasksNotApplicableError');
    expect(errorName(() => findProfile('nope'))).to.equal('UnknownVendorError');
  });
});
