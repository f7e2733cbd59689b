import { expect } from 'chai';
import type { DependencyGraph, Grant } from '../../src/resolve/dependencies.js';
import { GraphBuilder, bundledDependencyGraph, bundledEdgeRows, closeDependencies, grantKey } from '../../src/resolve/dependencies.js';
import { readTable } from '../../src/reference/tables.js';

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

  it('reports, and does not add, permissions of a feature assumed off in an org not seen', () => {
    const { added, skipped } = closeDependencies([user('ModifyAllData')], graph);
    expect(keys(added.map((a) => a.grant))).to.not.include.members(['ManageQuotas', 'OverrideForecasts', 'ViewAllForecasts', 'ManageNetworks', 'ViewDataLeakageEvents', 'ViewPlatformEvents']);
    const feature = (why: string): string => /where (.+) is on/.exec(why)?.[1] ?? why;
    expect(Object.fromEntries(skipped.map((s) => [grantKey(s.requires), feature(s.why)]))).to.deep.equal({
      ManageNetworks: 'Digital Experiences',
      ManageQuotas: 'Collaborative Forecasts',
      OverrideForecasts: 'Collaborative Forecasts',
      ViewAllForecasts: 'Collaborative Forecasts',
      ViewDataLeakageEvents: 'Event Monitoring',
      ViewPlatformEvents: 'Event Monitoring',
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

  it('closes mutual dependencies (a cycle in the data), grants every member and reports the cycle', () => {
    const builder = new GraphBuilder();
    builder.add(user('A'), { requires: user('B'), evidence: 'test' });
    builder.add(user('B'), { requires: user('C'), evidence: 'test' });
    builder.add(user('C'), { requires: user('A'), evidence: 'test' });
    const cyclic: DependencyGraph = builder.build('bundled', () => undefined);
    const { added, cycles } = closeDependencies([user('A')], cyclic);
    expect(keys(added.map((x) => x.grant))).to.deep.equal(['B', 'C']);
    expect(cycles).to.deep.equal([['A', 'B', 'C', 'A']]);
    expect(closeDependencies([user('A')], graph).cycles, 'the bundled data has no cycle').to.deep.equal([]);
  });

  it('records the chain from the permission asked for to each one it brings in', () => {
    const { added } = closeDependencies([user('ModifyAllData')], graph);
    const chainOf = (name: string): string[] | undefined => added.find((a) => grantKey(a.grant) === name)?.chain;
    expect(chainOf('ManageDashbdsInPubFolders')).to.deep.equal(['ModifyAllData']);
    expect(chainOf('CreateDashboardFolders')).to.deep.equal(['ModifyAllData', 'ManageDashbdsInPubFolders']);
    expect(chainOf('CreateCustomizeDashboards')).to.deep.equal(['ModifyAllData', 'ManageDashbdsInPubFolders', 'CreateDashboardFolders']);
    for (const a of added) expect(a.chain.at(-1), grantKey(a.grant)).to.equal(grantKey(a.requiredBy));
  });

  it('honours every edge of data/permission-dependencies.tsv with the changes of data/permission-dependency-changes.tsv', () => {
    const rows = bundledEdgeRows();
    expect(rows.length).to.be.greaterThan(140);
    for (const row of rows) {
      const { added, skipped } = closeDependencies([user(row.permission)], graph);
      const direct = [...added, ...skipped.map((s) => ({ grant: s.requires, requiredBy: s.requiredBy }))].find(
        (a) => grantKey(a.grant) === row.requires && grantKey(a.requiredBy) === row.permission
      );
      expect(direct, `${row.permission} → ${row.requires}`).to.not.equal(undefined);
    }
  });

  it('honours every edge of data/object-permission-dependencies.tsv between named permissions', () => {
    for (const row of readTable('object-permission-dependencies.tsv').filter((r) => !r.permission.startsWith('obj:'))) {
      const { added } = closeDependencies([user(row.permission)], graph);
      expect(keys(added.map((a) => a.grant)), `${row.permission} → ${row['requires (Object.field)']}`).to.include(row['requires (Object.field)']);
    }
  });
});
