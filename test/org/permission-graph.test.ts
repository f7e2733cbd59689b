/*
 * Org-facing code against recorded responses: no org is reachable here. The responses in test/fixtures/org are
 * shaped as Salesforce documents them (see test/fixtures/org/README.md): the REST "sObject Describe" of
 * PermissionSet and Tooling API queries of PermissionDependency.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { AnyJson } from '@salesforce/ts-types';
import { Org } from '@salesforce/core';
import type { Connection } from '@salesforce/core';
import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import { parsePermission, readOrgPermissions } from '../../src/org/permission-graph.js';
import { closeDependencies, grantKey } from '../../src/resolve/dependencies.js';
import { resolveForTarget } from '../../src/generate.js';
import { grax } from '../../src/profiles/vendors/grax.js';
import type { VendorProfile } from '../../src/profiles/types.js';

const fixture = (name: string): AnyJson => JSON.parse(readFileSync(new URL(`../fixtures/org/${name}`, import.meta.url), 'utf8')) as AnyJson;

type Request = { method?: string; url: string };
const urlOf = (request: AnyJson): string => (typeof request === 'string' ? request : (request as Request).url);
const soqlOf = (url: string): string | undefined => new URL(url).searchParams.get('q') ?? undefined;

/** An error as jsforce raises it for an API error response: name and errorCode are the API's errorCode. */
const apiError = (errorCode: string, message: string): Error => Object.assign(new Error(message), { name: errorCode, errorCode });

describe('reading the org: PermissionSet describe and PermissionDependency', () => {
  const $$ = new TestContext();
  const testOrg = new MockTestOrgData();
  let connection: Connection;
  let requests: string[];

  /** Answers describe and the keyset pages in order; `fail` replaces the answer to the Nth PermissionDependency query. */
  const serve = (fail?: { query: number; error: Error } | { describe: Error }, globalDescribe = false): void => {
    requests = [];
    let queries = 0;
    $$.fakeConnectionRequest = (request: AnyJson): Promise<AnyJson> => {
      const url = urlOf(request);
      requests.push(url);
      // Describe Global (REST API Developer Guide): answered where the test asks for it, refused otherwise.
      if (/\/sobjects$/.test(url) && globalDescribe) return Promise.resolve(fixture('global-describe.json'));
      if (url.endsWith('/sobjects/PermissionSet/describe')) {
        return fail && 'describe' in fail ? Promise.reject(fail.describe) : Promise.resolve(fixture('permissionset-describe.json'));
      }
      const soql = soqlOf(url);
      if (url.includes('/tooling/query') && soql?.includes('FROM PermissionDependency')) {
        queries++;
        if (fail && 'query' in fail && fail.query === queries) return Promise.reject(fail.error);
        const after = /WHERE Id > '(\w+)'/.exec(soql)?.[1];
        const page = after === undefined ? 1 : after.endsWith('00005AAA') ? 2 : 3;
        return Promise.resolve(fixture(`permission-dependency-page-${page}.json`));
      }
      return Promise.reject(new Error(`unexpected request ${url}`));
    };
  };

  beforeEach(async () => {
    await $$.stubAuths(testOrg);
    connection = (await Org.create({ aliasOrUsername: testOrg.username })).getConnection('67.0');
  });

  it('reads every page by keyset until an empty one, through the cursor re-serving rows', async () => {
    serve();
    const org = await readOrgPermissions(connection);
    const queries = requests.map(soqlOf).filter((q): q is string => q !== undefined);
    expect(queries).to.deep.equal([
      'SELECT Id, Permission, PermissionType, RequiredPermission, RequiredPermissionType FROM PermissionDependency ORDER BY Id',
      "SELECT Id, Permission, PermissionType, RequiredPermission, RequiredPermissionType FROM PermissionDependency WHERE Id > '2Pd5e0000000005AAA' ORDER BY Id",
      "SELECT Id, Permission, PermissionType, RequiredPermission, RequiredPermissionType FROM PermissionDependency WHERE Id > '2Pd5e0000000007AAA' ORDER BY Id",
    ]);
    expect(requests.filter((u) => u.includes('/tooling/query'))).to.have.length(3);
    expect(org.pages).to.equal(3);
    expect(org.fallback).to.equal(undefined);
    expect(org.graph.source).to.equal('org');
    // Rows from both pages are edges; the re-served row counts once.
    const closed = closeDependencies([{ kind: 'userPermission', name: 'ManageUsers' }], org.graph).added.map((a) => grantKey(a.grant));
    expect(closed).to.deep.equal(['ViewSetup', 'ApiEnabled']);
  });

  it("closes against the org's graph: user permissions, then object permissions they need", async () => {
    serve();
    const org = await readOrgPermissions(connection);
    const { added } = closeDependencies([{ kind: 'userPermission', name: 'ModifyAllData' }], org.graph);
    expect(added.map((a) => [grantKey(a.grant), a.chain.join(' > ')])).to.deep.equal([
      ['ViewAllData', 'ModifyAllData'],
      ['ConvertLeads', 'ModifyAllData'],
      ['ViewSetup', 'ModifyAllData > ViewAllData'],
      ['Lead.allowEdit', 'ModifyAllData > ConvertLeads'],
      ['Lead.allowRead', 'ModifyAllData > ConvertLeads > Lead.allowEdit'],
    ]);
    expect(added[0].evidence).to.equal('PermissionDependency in the target org');
  });

  it("plans GRAX against the org: its own dependencies, and what the org doesn't have reported, not written", async () => {
    serve();
    const { plan } = await resolveForTarget(grax, { connection });
    expect(plan.dependencies.graph).to.equal('org');
    expect(plan.permissionSet.userPermissions.map((p) => p.name)).to.deep.equal([
      'ApiEnabled',
      'ConvertLeads',
      // Not in the describe: the audit-fields preference brings it, and the plan deploys the preference first.
      'CreateAuditFields',
      'ModifyAllData',
      'ViewAllData',
      'ViewSetup',
    ]);
    expect(plan.permissionSet.objectPermissions.map((o) => [o.object, o.access.allowRead, o.access.allowEdit])).to.deep.equal([['Lead', true, true]]);
    const missing = plan.omitted.filter((o) => o.notInOrg);
    expect(missing.map((o) => o.item)).to.deep.equal(['user permission QueryAllFiles']);
    expect(missing[0].why).to.include('no field PermissionsQueryAllFiles');
    expect(plan.orgSettings.map((s) => s.field)).to.deep.equal(['enableAuditFieldsInactiveOwner']);
  });

  it('accepts a name the org has and the bundled catalog lacks, and suggests from the org for a typo', async () => {
    serve();
    const [first] = grax.userPermissions ?? [];
    const profile: VendorProfile = { ...grax, userPermissions: [{ ...first, name: 'BrandNewThing' }] };
    const { plan } = await resolveForTarget(profile, { connection });
    expect(plan.permissionSet.userPermissions.map((p) => p.name)).to.include('BrandNewThing');

    serve();
    const typo: VendorProfile = { ...grax, userPermissions: [{ ...first, name: 'Brand New Thng' }] };
    const error = await resolveForTarget(typo, { connection }).then(
      () => undefined,
      (e: unknown) => e as Error & { actions?: string[] }
    );
    expect(error?.name).to.equal('UnknownPermissionsError');
    expect(error?.actions?.join('\n')).to.include('did you mean BrandNewThing (Brand New Thing)');
  });

  it("checks objects against the org's global describe, as --org-shape does, without --all-fields", async () => {
    const invoice = { object: 'Invoice__c', access: ['allowRead' as const], tier: 'required' as const, reason: 'r', source: { line: 1, quote: 'q' } };
    serve(undefined, true);
    const { plan } = await resolveForTarget({ ...grax, objectPermissions: [invoice] }, { connection });
    expect(requests.filter((u) => /\/sobjects$/.test(u))).to.have.length(1);
    expect(plan.permissionSet.objectPermissions.find((o) => o.object === 'Invoice__c')?.verified).to.equal(true);

    // A custom object of the right form that the org lacks, and a wrong case of one it has.
    for (const [object, words] of [['Widget__c', 'Widget__c'], ['invoice__c', 'Invoice__c']]) {
      serve(undefined, true);
      const error = await resolveForTarget({ ...grax, objectPermissions: [{ ...invoice, object }] }, { connection }).then(
        () => undefined,
        (e: unknown) => e as Error
      );
      expect(error?.message, object).to.include(words);
    }

    // Where the org refuses its global describe, objects are checked as without an org: a custom object is unverified.
    serve();
    const offline = await resolveForTarget({ ...grax, objectPermissions: [invoice] }, { connection });
    expect(offline.plan.permissionSet.objectPermissions.find((o) => o.object === 'Invoice__c')?.verified).to.equal(false);
  });

  it('falls back to the bundled graph, and says why, where PermissionDependency is denied', async () => {
    serve({ query: 1, error: apiError('INSUFFICIENT_ACCESS', 'insufficient access rights on object id') });
    const org = await readOrgPermissions(connection);
    expect(org.graph.source).to.equal('bundled');
    expect(org.fallback).to.include('INSUFFICIENT_ACCESS').and.include('View Setup and Configuration');
    // The org still decides which permissions exist.
    expect(org.graph.unavailable({ kind: 'userPermission', name: 'QueryAllFiles' })).to.include('Not in this org');

    serve({ query: 1, error: apiError('INVALID_TYPE', "sObject type 'PermissionDependency' is not supported.") });
    const { plan } = await resolveForTarget(grax, { connection });
    expect(plan.dependencies).to.include({ graph: 'bundled' });
    expect(plan.dependencies.fallback).to.include('INVALID_TYPE');
  });

  it('never closes against part of the graph: a query failing midway falls back and names how far it got', async () => {
    serve({ query: 2, error: apiError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.') });
    const org = await readOrgPermissions(connection);
    expect(org.graph.source).to.equal('bundled');
    expect(org.pages).to.equal(1);
    expect(org.fallback).to.include('Read 1 page(s)').and.include('REQUEST_LIMIT_EXCEEDED');
  });

  it('falls back without org checks where the PermissionSet describe fails', async () => {
    serve({ describe: apiError('INVALID_SESSION_ID', 'Session expired or invalid') });
    const org = await readOrgPermissions(connection);
    expect(org.catalog).to.equal(undefined);
    expect(org.graph.source).to.equal('bundled');
    expect(org.fallback).to.include('INVALID_SESSION_ID');
    expect(requests.some((u) => u.includes('/tooling/query'))).to.equal(false);
  });
});

describe('PermissionDependency names', () => {
  it('reads user permissions with or without the field prefix, and object permissions as Object<verb>', () => {
    expect(parsePermission('ModifyAllData', 'User Permission')).to.deep.equal({ kind: 'userPermission', name: 'ModifyAllData' });
    expect(parsePermission('PermissionsModifyAllData', 'User Permission')).to.deep.equal({ kind: 'userPermission', name: 'ModifyAllData' });
    expect(parsePermission('Account<read>', 'Object Permission')).to.deep.equal({ kind: 'objectPermission', object: 'Account', access: 'allowRead' });
    expect(parsePermission('Invoice__c<update>', 'Object Permission')).to.deep.equal({ kind: 'objectPermission', object: 'Invoice__c', access: 'allowEdit' });
    expect(parsePermission('Account<viewAllRecords>', 'Object Permission')).to.deep.equal({ kind: 'objectPermission', object: 'Account', access: 'viewAllRecords' });
    expect(parsePermission('Account<transfer>', 'Object Permission')).to.equal(undefined);
    expect(parsePermission('Something', 'Custom Permission')).to.equal(undefined);
  });
});
