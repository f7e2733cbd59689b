import { expect } from 'chai';
import { BUILT_IN_PROFILES, findProfile } from '../../src/profiles/index.js';
import type { VendorProfile } from '../../src/profiles/types.js';
import { resolvePlan } from '../../src/resolve/resolve.js';
import { bundledEdgeRows } from '../../src/resolve/dependencies.js';
import { OrgGuess, permissionAvailability } from '../../src/resolve/availability.js';
import { readTable } from '../../src/reference/tables.js';
import { bundledCatalog } from '../../src/resolve/catalog.js';
import type { IntegrationUserPlan } from '../../src/resolve/model.js';

const names = (plan: IntegrationUserPlan): string[] => plan.permissionSet.userPermissions.map((p) => p.name);
const leftOut = (plan: IntegrationUserPlan): string[] => plan.orgAssumptions.filter((a) => a.assumed === 'absent').map((a) => a.permission);

/** A profile of one user permission, as a profile file would give it. */
const only = (...permissions: string[]): VendorProfile => {
  const grax = findProfile('grax');
  return {
    ...grax,
    id: 'only',
    variants: undefined,
    defaultVariant: undefined,
    userPermissions: permissions.map((name) => ({ ...grax.userPermissions![0], name })),
    orgSettings: [],
    userFields: [],
  };
};

describe('what the plugin assumes about an org it has not seen (data/permission-availability.tsv)', () => {
  const rows = readTable('permission-availability.tsv');

  it('classifies every permission a bundled edge can add and every permission a built-in vendor asks for', () => {
    const asked = BUILT_IN_PROFILES.flatMap((p) => [...(p.userPermissions ?? []), ...(p.variants ?? []).flatMap((v) => v.userPermissions ?? [])]).map((p) => p.name);
    const targets = bundledEdgeRows().map((r) => r.requires);
    for (const name of new Set([...asked, ...targets])) expect(permissionAvailability(name), name).to.not.equal(undefined);
  });

  it('gives each row a known class and evidence, names only real permissions, and holds one assumed state per feature', () => {
    const catalog = bundledCatalog();
    const byFeature = new Map<string, Set<string>>();
    for (const row of rows) {
      expect(['every-org', 'edition', 'feature', 'unverified'], row.permission).to.include(row.availability);
      expect(['present', 'absent'], row.permission).to.include(row.assumed);
      expect(row.evidence.length, row.permission).to.be.greaterThan(20);
      expect(catalog.has(row.permission) || ['CreateAuditFields', 'UpdateWithInactiveOwner', 'ManageTranslation'].includes(row.permission), row.permission).to.equal(true);
      if (row.availability === 'feature' || row.availability === 'edition') expect(row.feature, row.permission).to.not.equal('');
      if (row.availability === 'every-org') expect(row.assumed, row.permission).to.equal('present');
      if (row.feature) byFeature.set(row.feature, (byFeature.get(row.feature) ?? new Set()).add(row.assumed));
    }
    for (const [feature, states] of byFeature) expect([...states], feature).to.have.length(1);
    // The pairs issue 10 names: one rule for each pair.
    expect(permissionAvailability('GovernNetworks')?.feature).to.equal(permissionAvailability('ManageNetworks')?.feature);
    expect(permissionAvailability('ManageQuotas')?.assumed).to.equal(permissionAvailability('ViewDataLeakageEvents')?.assumed);
  });

  it('closes GRAX offline without the off-by-default features, and says so up front with how to stop guessing', () => {
    const plan = resolvePlan(findProfile('grax'));
    expect(names(plan)).to.not.include.members(['ManageQuotas', 'OverrideForecasts', 'ViewAllForecasts', 'ManageNetworks', 'ViewDataLeakageEvents', 'ViewPlatformEvents']);
    expect(leftOut(plan)).to.deep.equal(['ManageNetworks', 'ManageQuotas', 'OverrideForecasts', 'ViewAllForecasts', 'ViewDataLeakageEvents', 'ViewPlatformEvents']);
    const written = plan.orgAssumptions.filter((a) => a.assumed === 'present');
    expect(written.map((a) => a.permission)).to.include.members(['AssignTopics', 'ConnectOrgToEnvironmentHub', 'ApiEnabled', 'ViewEventLogFiles']);
    for (const name of written.map((a) => a.permission)) expect(names(plan), name).to.include(name);
    expect(plan.orgAssumptions.find((a) => a.permission === 'ManageQuotas')).to.include({ feature: 'Collaborative Forecasts', availability: 'feature' });
    const omitted = plan.omitted.find((o) => o.grant === 'ManageQuotas');
    expect(omitted?.why).to.include('--org-shape');
    expect(plan.orgAssumptions.every((a) => a.evidence.length > 0)).to.equal(true);
  });

  it('applies one guess to all of a feature: a vendor asking for GovernNetworks brings ManageNetworks with it', () => {
    const ownbackup = findProfile('ownbackup');
    const required = resolvePlan(ownbackup);
    expect(names(required)).to.not.include('ManageNetworks');
    expect(leftOut(required)).to.include('ManageNetworks');
    const recommended = resolvePlan(ownbackup, { includeRecommended: true });
    expect(names(recommended)).to.include.members(['GovernNetworks', 'ManageNetworks']);
    const assumption = recommended.orgAssumptions.find((a) => a.permission === 'ManageNetworks');
    expect(assumption).to.include({ assumed: 'present', feature: 'Digital Experiences' });
    expect(assumption?.why).to.include('GovernNetworks');
    // Forecasting and Event Monitoring keep their assumed state: the same rule, and nothing asks for them.
    expect(leftOut(recommended)).to.include.members(['ManageQuotas', 'ViewDataLeakageEvents']);
  });

  it('lists a vendor permission no source classifies as an assumption, and writes it as asked', () => {
    const plan = resolvePlan(only('ApiEnabled', 'ManageOrchInstsAndWorkItems', 'ManageSandboxes'));
    expect(names(plan)).to.include.members(['ManageOrchInstsAndWorkItems', 'ManageSandboxes']);
    expect(plan.orgAssumptions.map((a) => [a.permission, a.availability])).to.deep.include.members([
      ['ManageOrchInstsAndWorkItems', 'unverified'],
      ['ManageSandboxes', 'unclassified'],
      ['ApiEnabled', 'edition'],
    ]);
  });

  it('gives a profile with only Query All Files View All Data (Salesforce Help, "Set Up Users to Query Salesforce Files")', () => {
    const plan = resolvePlan(only('QueryAllFiles'));
    const viewAllData = plan.permissionSet.userPermissions.find((p) => p.name === 'ViewAllData');
    expect(viewAllData?.because[0]).to.include({ from: 'dependency', requiredBy: 'QueryAllFiles' });
    expect(JSON.stringify(viewAllData?.because)).to.include('collab_files_query');
  });

  it('makes no guesses where the org decides', () => {
    const guess = new OrgGuess(['ModifyAllData']);
    expect(guess.unavailable({ kind: 'userPermission', name: 'ManageQuotas' })).to.be.a('string');
    expect(guess.unavailable({ kind: 'userPermission', name: 'ViewSetup' })).to.equal(undefined);
    const withOrg = resolvePlan(findProfile('grax'), { orgCatalog: bundledCatalog() });
    expect(withOrg.orgAssumptions).to.deep.equal([]);
  });
});

describe("the plugin's changes to the bundled dependency edges (data/permission-dependency-changes.tsv)", () => {
  const copy = readTable('permission-dependencies.tsv');
  const changes = readTable('permission-dependency-changes.tsv');
  const inCopy = (row: Record<string, string>): boolean => copy.some((c) => c.permission === row.permission && c.requires === row.requires);
  const edges = new Map(bundledEdgeRows().map((r) => [`${r.permission}>${r.requires}`, r.evidence]));

  it('gives each change a source; adds only edges the copy lacks, removes or re-rates only edges it has', () => {
    for (const row of changes) {
      expect(row.source.length, JSON.stringify(row)).to.be.greaterThan(20);
      expect(['add', 'remove', 'confidence'], JSON.stringify(row)).to.include(row.change);
      expect(inCopy(row), JSON.stringify(row)).to.equal(row.change !== 'add');
    }
  });

  it('imports the 46 edges of the newer Setup tooltip transcription, and drops what it refutes', () => {
    expect(changes.filter((c) => c.change === 'add' && c.source.startsWith('setup-ui-tooltips'))).to.have.length(46);
    expect(edges.has('AuthorApex>ModifyAllData')).to.equal(false);
    expect(edges.has('AuthorApex>ModifyMetadata') && edges.has('AuthorApex>ViewSetup')).to.equal(true);
    expect(edges.has('ResetPasswords>ViewRoles')).to.equal(false);
    expect(edges.get('QueryAllFiles>ViewAllData')).to.include('high confidence');
    expect(edges.get('ModifyAllData>ViewAllData')).to.include('Tooling API').and.to.include('high confidence');
    expect(edges.get('ManageAuthProviders>AuthorApex')).to.include('setup-ui-tooltips');
  });
});
