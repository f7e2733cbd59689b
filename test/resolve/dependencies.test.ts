import { expect } from 'chai';
import type { DependencyGraph, Grant } from '../../src/resolve/dependencies.js';
import { bundledDependencyGraph, closeDependencies, grantKey } from '../../src/resolve/dependencies.js';

const user = (name: string): Grant => ({ kind: 'userPermission', name });
const obj = (object: string, access: Extract<Grant, { kind: 'objectPermission' }>['access']): Grant => ({ kind: 'objectPermission', object, access });
const keys = (grants: Grant[]): string[] => grants.map(grantKey).sort();

describe('permission dependency closure', () => {
  const graph = bundledDependencyGraph();

  it('adds what a permission depends on, transitively, with the evidence for each edge', () => {
    const { added } = closeDependencies([user('ManageUsers')], graph);
    const addedKeys = keys(added.map((a) => a.grant));
    // ManageUsers → ResetPasswords → ViewRoles is already direct; ManageUsers → ViewSetup; ResetPasswords → ViewSetup.
    expect(addedKeys).to.include.members(['AssignPermissionSets', 'ManageProfilesPermissionsets', 'ResetPasswords', 'ViewAllUsers', 'ViewRoles', 'ViewSetup']);
    const viewRoles = added.find((a) => grantKey(a.grant) === 'ViewRoles');
    expect(viewRoles?.evidence).to.include('jsforce/jsforce#749');
  });

  it("closes Modify All Data as GRAX's Apex retry loop would, including object permissions its dependencies need", () => {
    const { added } = closeDependencies([user('ModifyAllData')], graph);
    const addedKeys = keys(added.map((a) => a.grant));
    expect(addedKeys).to.include.members(['ViewAllData', 'ViewSetup', 'ConvertLeads', 'EditTask', 'EditEvent', 'ManageDashbdsInPubFolders', 'CreateDashboardFolders', 'EditPublicDocuments']);
    // Manage Public Documents depends on full access to Document, and Delete needs Edit, Create and Edit need Read.
    expect(addedKeys).to.include.members(['Document.allowCreate', 'Document.allowDelete', 'Document.allowEdit', 'Document.allowRead']);
    const requiredBy = new Map(added.map((a) => [grantKey(a.grant), grantKey(a.requiredBy)]));
    expect(requiredBy.get('EditPublicDocuments')).to.equal('ModifyAllData');
    expect(requiredBy.get('CreateDashboardFolders')).to.equal('ManageDashbdsInPubFolders');
  });

  it('reports, and does not add, permissions that exist only with a feature', () => {
    const { added, skipped } = closeDependencies([user('ModifyAllData')], graph);
    expect(keys(added.map((a) => a.grant))).to.not.include.members(['ManageQuotas', 'OverrideForecasts', 'ViewAllForecasts']);
    expect(keys(added.map((a) => a.grant))).to.not.include('ManageNetworks');
    expect(Object.fromEntries(skipped.map((s) => [grantKey(s.requires), s.feature]))).to.deep.equal({
      ManageNetworks: 'Digital Experiences',
      ManageQuotas: 'Collaborative Forecasts',
      OverrideForecasts: 'Collaborative Forecasts',
      ViewAllForecasts: 'Collaborative Forecasts',
    });
  });

  it('turns on the audit-fields org preference for CreateAuditFields and UpdateWithInactiveOwner', () => {
    for (const name of ['CreateAuditFields', 'UpdateWithInactiveOwner']) {
      const { added } = closeDependencies([user(name)], graph);
      expect(keys(added.map((a) => a.grant)), name).to.deep.equal(['SecuritySettings.enableAuditFieldsInactiveOwner']);
    }
  });

  it('applies object permission rules: Modify All needs Read, Edit, Delete and View All', () => {
    const { added } = closeDependencies([obj('Invoice__c', 'modifyAllRecords')], graph);
    expect(keys(added.map((a) => a.grant))).to.deep.equal([
      'Invoice__c.allowDelete',
      'Invoice__c.allowEdit',
      'Invoice__c.allowRead',
      'Invoice__c.viewAllRecords',
    ]);
  });

  it('follows named object-to-object rules and leaves master-detail ones to the org', () => {
    const { added } = closeDependencies([obj('ServiceTerritory', 'viewAllRecords')], graph);
    expect(keys(added.map((a) => a.grant))).to.include('OperatingHours.viewAllRecords');
    expect(keys(closeDependencies([obj('Child', 'allowRead')], graph).added.map((a) => a.grant))).to.deep.equal([]);
  });

  it('adds nothing already held, and gives the same result whatever the input order', () => {
    const a = closeDependencies([user('ModifyAllData'), user('ViewSetup'), user('ManageUsers')], graph);
    const b = closeDependencies([user('ManageUsers'), user('ViewSetup'), user('ModifyAllData')], graph);
    expect(a).to.deep.equal(b);
    expect(keys(a.added.map((x) => x.grant))).to.not.include('ViewSetup');
  });

  it('terminates on cycles', () => {
    const cyclic: DependencyGraph = {
      edgesOf: (g) => (g.kind === 'userPermission' ? [{ requires: user(g.name === 'A' ? 'B' : 'A'), evidence: 'test' }] : []),
    };
    expect(keys(closeDependencies([user('A')], cyclic).added.map((x) => x.grant))).to.deep.equal(['B']);
  });
});
