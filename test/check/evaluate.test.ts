import { expect } from 'chai';
import { findProfile } from '../../src/profiles/index.js';
import { resolvePlan } from '../../src/resolve/resolve.js';
import { createCatalog } from '../../src/resolve/catalog.js';
import type { IntegrationUserPlan } from '../../src/resolve/model.js';
import type { OrgSnapshot } from '../../src/check/read.js';
import { checkResult, outcomeOf } from '../../src/check/check.js';
import { missingPermissionSet } from '../../src/check/missing.js';
import type { CheckItem } from '../../src/check/model.js';
import type { FieldPermissionRow, ObjectPermissionRow, UserPermissionSet } from '../../src/org/user-access.js';
import type { OrgPolicyFilter, OrgUserAccessPolicy } from '../../src/org/user-access-policies.js';
import { filterLogic } from '../../src/check/policies.js';
import { toFault } from '../../src/check/faults.js';

/** The comparison on its own: plans from the real profiles, org snapshots written out by hand. */

const PROFILE_SET: UserPermissionSet = { id: '0PS1', name: 'X00e1', label: '00e1', ownedByProfile: true, profileName: 'Backstory Integration Profile' };
const BACKSTORY_SET: UserPermissionSet = { id: '0PS2', name: 'Backstory_Integration_User', label: 'Backstory Integration User', ownedByProfile: false };
const GROUP_SET: UserPermissionSet = { id: '0PS3', name: 'X0PG1', label: 'Integration Group', ownedByProfile: false, group: 'Integration_Access' };

const backstory = (): IntegrationUserPlan => resolvePlan(findProfile('backstory'), { includeRecommended: true });

const fullAccess = (plan: IntegrationUserPlan, parentId: string): ObjectPermissionRow[] =>
  plan.permissionSet.objectPermissions.map((o) => ({ parentId, object: o.object, access: { ...o.access }, viewAllFields: false }));
const readAll = (plan: IntegrationUserPlan, parentId: string): FieldPermissionRow[] =>
  plan.permissionSet.fieldPermissions.map((f) => ({ parentId, object: f.field.split('.')[0], field: f.field, readable: true, editable: f.editable }));

const snapshot = (plan: IntegrationUserPlan, change: Partial<OrgSnapshot> = {}): OrgSnapshot => ({
  user: { id: '005x', username: 'backstory@acme.com', name: 'Backstory', isActive: true, profileId: '00e1', profileName: 'Backstory Integration Profile', userLicense: 'Salesforce', fields: {} },
  userFieldsInOrg: new Set(),
  permissionSets: { ok: true, value: [PROFILE_SET, BACKSTORY_SET] },
  permissionSetLicenses: { ok: true, value: [] },
  permissionFieldsInOrg: { ok: true, value: createCatalog([]) },
  userPermissions: { ok: true, value: new Map() },
  objectPermissions: { ok: true, value: fullAccess(plan, BACKSTORY_SET.id) },
  fieldPermissions: { ok: true, value: readAll(plan, BACKSTORY_SET.id) },
  securitySettings: { ok: true, value: {} },
  userAccessPolicies: { ok: true, value: [] },
  ...change,
});

const find = (items: CheckItem[], requirement: string): CheckItem => {
  const found = items.find((i) => i.requirement === requirement);
  if (!found) throw new Error(`no "${requirement}" in ${items.map((i) => i.requirement).join(' | ')}`);
  return found;
};

describe('check: comparing a plan with the org', () => {
  it("Backstory: passes with the object table and every listed field readable, one row per object and tier", () => {
    const plan = backstory();
    const result = checkResult(plan, snapshot(plan), 'admin@acme.com');
    expect(result.items.filter((i) => i.status !== 'pass').map((i) => i.requirement)).to.deep.equal([]);
    expect(result.outcome).to.equal('pass');
    const fieldRows = result.items.filter((i) => i.kind === 'fieldPermission').map((i) => `${i.name} ${i.tier}`);
    expect(fieldRows).to.include.members(['Contact required', 'Contact recommended', 'Task required', 'Event required', 'Account recommended']);
    expect(find(result.items, 'field permissions on 2 fields of Contact the vendor lists').tier).to.equal('required');
  });

  it('fails a required listed field with no read access, names it, and leaves recommended misses out of the exit code', () => {
    const plan = backstory();
    const rows = readAll(plan, BACKSTORY_SET.id).filter((r) => r.field !== 'Contact.Title' && r.field !== 'Account.Website');
    const result = checkResult(plan, snapshot(plan, { fieldPermissions: { ok: true, value: rows } }), 'admin@acme.com');
    expect(find(result.items, 'field permissions on 2 fields of Contact the vendor lists')).to.include({ status: 'fail', detail: '1 of 2 fields unreadable: Contact.Title' });
    expect(find(result.items, 'field permissions on 9 fields of Account the vendor lists')).to.include({ tier: 'recommended', status: 'fail' });
    expect(result.required.fail).to.equal(1);
    expect(result.recommended.fail).to.equal(1);
    expect(result.outcome).to.equal('fail');
    // Only the unreadable fields go into the missing permission set, with the vendor's edit flags.
    expect(missingPermissionSet(plan, result.items).fieldPermissions.map((f) => f.field)).to.deep.equal(['Account.Website', 'Contact.Title']);
  });

  it('View All Fields on an object grants read on all its listed fields', () => {
    const plan = backstory();
    const objects = fullAccess(plan, BACKSTORY_SET.id).map((r) => (r.object === 'Contact' ? { ...r, viewAllFields: true } : r));
    const fields = readAll(plan, BACKSTORY_SET.id).filter((r) => r.object !== 'Contact');
    const result = checkResult(plan, snapshot(plan, { objectPermissions: { ok: true, value: objects }, fieldPermissions: { ok: true, value: fields } }), 'admin@acme.com');
    expect(find(result.items, 'field permissions on 2 fields of Contact the vendor lists')).to.include({ status: 'pass' });
  });

  it('names the profile and permission set groups as such where they grant something', () => {
    const plan = backstory();
    const objects = [...fullAccess(plan, PROFILE_SET.id).filter((r) => r.object === 'Lead'), ...fullAccess(plan, GROUP_SET.id).filter((r) => r.object !== 'Lead')];
    const result = checkResult(plan, snapshot(plan, { permissionSets: { ok: true, value: [PROFILE_SET, GROUP_SET] }, objectPermissions: { ok: true, value: objects } }), 'admin@acme.com');
    expect(find(result.items, 'Create, Edit, Read, View All on Lead').grantedBy).to.deep.equal(['profile: Backstory Integration Profile']);
    expect(find(result.items, 'Edit, Read, View All on Account').grantedBy).to.deep.equal(['group: Integration_Access']);
    // Backstory's own set is recommended (its permissions are checked one by one), so its absence isn't a failure.
    expect(find(result.items, 'permission set Backstory_Integration_User assigned')).to.include({ tier: 'recommended', status: 'fail' });
    expect(result.outcome).to.equal('pass');
  });

  it('a dependency takes the tier of what needs it', () => {
    const plan = resolvePlan(findProfile('grax'), { includeRecommended: true });
    const sets = new Map([[BACKSTORY_SET.id, new Set<string>()]]);
    const result = checkResult(
      plan,
      snapshot(plan, {
        permissionFieldsInOrg: { ok: true, value: createCatalog(plan.permissionSet.userPermissions.map((p) => ({ name: p.name, label: p.name }))) },
        userPermissions: { ok: true, value: sets },
        objectPermissions: { ok: true, value: [] },
        fieldPermissions: { ok: true, value: [] },
      }),
      'admin@acme.com'
    );
    // ViewSetup is on GRAX's list only because Modify All Data (required) needs it.
    expect(find(result.items, 'user permission ViewSetup')).to.include({ tier: 'required', reason: 'Needed by ModifyAllData (a permission dependency).' });
    expect(find(result.items, 'user permission ViewEncryptedData').tier).to.equal('recommended');
    expect(find(result.items, 'Create, Delete, Edit, Read on Document').tier).to.equal('required');
  });

  it('never reports a pass while a required item is unchecked, and reports a definite gap over an unknown one', () => {
    const item = (tier: CheckItem['tier'], status: CheckItem['status']): CheckItem => ({ kind: 'userPermission', name: 'X', requirement: 'X', tier, status, grantedBy: [], reason: '' });
    expect(outcomeOf([item('required', 'pass'), item('recommended', 'fail')], false)).to.equal('pass');
    expect(outcomeOf([item('required', 'pass'), item('required', 'unchecked')], false)).to.equal('incomplete');
    expect(outcomeOf([item('required', 'pass')], true)).to.equal('incomplete');
    expect(outcomeOf([item('required', 'unchecked'), item('required', 'not-in-org')], true)).to.equal('fail');
  });

  it('the missing permission set holds only what failed, with what it depends on, never recommended misses it was not asked for', () => {
    const plan = resolvePlan(findProfile('grax'));
    const failed = (name: string): CheckItem => ({ kind: 'userPermission', name, requirement: name, tier: 'required', status: 'fail', grantedBy: [], reason: '' });
    const missing = missingPermissionSet(plan, [failed('ManageDashbdsInPubFolders'), { ...failed('QueryAllFiles'), status: 'pass' }]);
    expect(missing.fullName).to.equal('GRAX_Integration_User_Missing');
    expect(missing.userPermissions.map((p) => p.name)).to.deep.equal([
      'CreateCustomizeDashboards',
      'CreateDashboardFolders',
      'EditMyDashboards',
      'ManageDashbdsInPubFolders',
      'ViewPublicDashboards',
    ]);
    expect(missing.objectPermissions).to.deep.equal([]);
  });

  describe('User Access Policies (the snapshot field; policies shaped as the Metadata API guide\'s UserAccessPolicy)', () => {
    const byUsername = (sortOrder: number, value: string, operation = 'equals'): OrgPolicyFilter => ({ sortOrder, type: 'User', target: 'User', columnName: 'Username', operation, value });
    const policy = (fullName: string, change: Partial<OrgUserAccessPolicy> = {}): OrgUserAccessPolicy => ({
      fullName,
      label: fullName.replace(/_/g, ' '),
      status: 'Design',
      triggerType: 'CreateAndUpdate',
      booleanFilter: '1',
      actions: [{ action: 'Grant', type: 'PermissionSet', target: 'Backstory_Integration_User' }],
      filters: [byUsername(1, 'backstory@acme.com')],
      ...change,
    });
    const policiesOf = (...value: OrgUserAccessPolicy[]): ReturnType<typeof checkResult>['userAccessPolicies'] => {
      const plan = backstory();
      return checkResult(plan, snapshot(plan, { userAccessPolicies: { ok: true, value } }), 'admin@acme.com').userAccessPolicies;
    };
    const names = (report: ReturnType<typeof policiesOf>): string[] => (report.read ? report.policies.map((p) => p.fullName) : []);

    it('no policy in the org, or none naming the user: read, and empty', () => {
      expect(policiesOf()).to.deep.equal({ read: true, inOrg: 0, policies: [] });
      // Another user's Username, a notEquals of another user and a profile alone don't select this user for the check.
      const others = policiesOf(
        policy('Other_User', { filters: [byUsername(1, 'etl@acme.com')] }),
        policy('Not_Etl', { filters: [byUsername(1, 'etl@acme.com', 'notEquals')] }),
        policy('By_Profile', { filters: [{ sortOrder: 1, type: 'Profile', target: 'Backstory Integration Profile', operation: 'equals' }] })
      );
      expect(others).to.deep.equal({ read: true, inOrg: 3, policies: [] });
    });

    it('a policy in Design that selects the user: not active, with what it grants and lacks of the plan', () => {
      const report = policiesOf(policy('Backstory_Integration_User_Policy'));
      expect(report).to.deep.equal({
        read: true,
        inOrg: 1,
        policies: [
          {
            fullName: 'Backstory_Integration_User_Policy',
            label: 'Backstory Integration User Policy',
            status: 'Design',
            active: false,
            triggerType: 'CreateAndUpdate',
            selectsUser: 'yes',
            otherFilters: [],
            grants: ['Backstory_Integration_User'],
            lacks: [],
            revokes: [],
          },
        ],
      });
    });

    it('an Active policy, matched whatever the case of the username, with the in operator, and one revoking what the plan assigns', () => {
      const report = policiesOf(
        policy('Integration_Users', { status: 'Active', order: 4, filters: [byUsername(1, 'etl@acme.com, BACKSTORY@acme.com', 'in')] }),
        policy('Cleanup', { actions: [{ action: 'Revoke', type: 'PermissionSet', target: 'backstory_integration_user' }] })
      );
      expect(report.read && report.policies.map((p) => [p.fullName, p.active, p.order, p.grants, p.lacks, p.revokes])).to.deep.equal([
        ['Integration_Users', true, 4, ['Backstory_Integration_User'], [], []],
        ['Cleanup', false, undefined, [], ['Backstory_Integration_User'], ['Backstory_Integration_User']],
      ]);
    });

    it('follows the filter logic: OR selects whatever else holds, AND depends on the other filters, AND NOT the user never selects', () => {
      const profile: OrgPolicyFilter = { sortOrder: 2, type: 'Profile', target: 'Backstory Integration Profile', operation: 'equals' };
      const report = policiesOf(
        policy('Either', { booleanFilter: '1 OR 2', filters: [byUsername(1, 'backstory@acme.com'), profile] }),
        policy('Both', { booleanFilter: '1 AND 2', filters: [byUsername(1, 'backstory@acme.com'), profile] }),
        policy('Two_Users', { booleanFilter: '1 AND 2', filters: [byUsername(1, 'backstory@acme.com'), byUsername(2, 'etl@acme.com')] }),
        policy('Excluded', { booleanFilter: '(1 OR 2) AND NOT 3', filters: [byUsername(1, 'etl@acme.com'), profile, byUsername(3, 'backstory@acme.com')] })
      );
      expect(report.read && report.policies.map((p) => [p.fullName, p.selectsUser, p.otherFilters])).to.deep.equal([
        ['Both', 'if-other-filters', ['Profile equals Backstory Integration Profile']],
        ['Either', 'yes', []],
      ]);
      expect(names(report)).to.not.include('Two_Users');
    });

    it('several Active policies: Salesforce applies the lowest order, the others are outranked', () => {
      const report = policiesOf(
        policy('Late', { status: 'Active', order: 9 }),
        policy('Early', { status: 'Active', order: 2 }),
        policy('Unordered', { status: 'Active' }),
        policy('Draft', { order: 1 })
      );
      expect(report.read && report.policies.map((p) => [p.fullName, p.outrankedBy])).to.deep.equal([
        ['Early', undefined],
        ['Late', 'Early'],
        ['Unordered', 'Early'],
        ['Draft', undefined],
      ]);
    });

    it("where the policies couldn't be read: the fault, and neither the outcome nor the faults change", () => {
      const plan = backstory();
      const fault = toFault('User Access Policies', Object.assign(new Error('INVALID_TYPE: Cannot use: UserAccessPolicy in this organization'), { name: 'sf:INVALID_TYPE' }), {
        INVALID_TYPE: 'policyType',
      });
      const result = checkResult(plan, snapshot(plan, { userAccessPolicies: { ok: false, fault } }), 'admin@acme.com');
      expect(result.userAccessPolicies).to.deep.equal({ read: false, fault });
      expect(fault.errorCode).to.equal('INVALID_TYPE');
      expect(fault.action).to.include('User Management Settings');
      expect(result).to.include({ outcome: 'pass', partial: false, exitCode: 0 });
      expect(result.faults).to.deep.equal([]);
    });

    it('filter logic in three values, with parentheses and NOT; logic it cannot follow is unknown', () => {
      const truth = (values: Record<number, boolean | undefined>) => (n: number): boolean | undefined => values[n];
      expect(filterLogic('1 AND (2 OR NOT 3)', truth({ 1: true, 2: false, 3: false }), [1, 2, 3])).to.equal(true);
      expect(filterLogic('1 AND (2 OR NOT 3)', truth({ 1: true, 2: undefined, 3: true }), [1, 2, 3])).to.equal(undefined);
      expect(filterLogic('1 and 2', truth({ 1: false, 2: undefined }), [1, 2])).to.equal(false);
      expect(filterLogic(undefined, truth({ 1: true, 2: true }), [1, 2])).to.equal(true);
      expect(filterLogic('1 AND (2', truth({ 1: true, 2: true }), [1, 2])).to.equal(undefined);
      expect(filterLogic('1 2', truth({ 1: true, 2: true }), [1, 2])).to.equal(undefined);
    });
  });
});
