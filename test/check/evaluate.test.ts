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
});
