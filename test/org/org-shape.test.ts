/*
 * `retrieve org-shape` against recorded responses: no org is reachable here. The responses are shaped as Salesforce
 * documents them (test/fixtures/org/README.md): the REST "sObject Describe" of PermissionSet, Tooling API queries of
 * PermissionDependency (keyset pages, the cursor re-serving a row), Describe Global and a REST query of PermissionSetLicense.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { Org, SfError } from '@salesforce/core';
import type { Connection } from '@salesforce/core';
import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import { retrieveAndWriteOrgShape } from '../../src/shape/write.js';
import { loadOrgShape } from '../../src/shape/load.js';

import { serveShapeOrg } from '../helpers/shape-org.js';

describe('retrieve org-shape: the org read once, written whole or not at all', () => {
  const $$ = new TestContext();
  const testOrg = new MockTestOrgData();
  let connection: Connection;
  let dir: string;

  beforeEach(async () => {
    await $$.stubAuths(testOrg);
    connection = (await Org.create({ aliasOrUsername: testOrg.username })).getConnection('67.0');
    dir = mkdtempSync(join(tmpdir(), 'iu-shape-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('pages PermissionDependency by keyset and writes a stable, sorted file that loads back', async () => {
    const requests = serveShapeOrg($$);
    const file = join(dir, 'config', 'prod.org-shape.json');
    const result = await retrieveAndWriteOrgShape(connection, file, dir);
    const dependencyQueries = requests.map((url) => new URL(url, 'https://recorded.invalid').searchParams.get('q') ?? '').filter((soql) => soql.includes('FROM PermissionDependency'));
    expect(dependencyQueries).to.have.length(3);
    expect(dependencyQueries[1]).to.include("WHERE Id > '2Pd5e0000000005AAA' ORDER BY Id");
    expect(result).to.include({ file: join('config', 'prod.org-shape.json'), status: 'created', userPermissions: 9, objects: 5, permissionSetLicenses: 2, permissionDependencies: 7, pages: 3 });

    const text = readFileSync(file, 'utf8');
    const data = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(data)).to.deep.equal(['formatVersion', 'retrievedFrom', 'userPermissions', 'permissionSetLicenses', 'objects', 'permissionDependencies']);
    expect(data.formatVersion).to.equal(1);
    expect(Object.keys(data.retrievedFrom as object)).to.deep.equal(['orgId', 'instanceUrl', 'apiVersion', 'retrievedAt']);
    expect(data.retrievedFrom).to.include({ orgId: testOrg.orgId, apiVersion: '67.0' });
    expect(data.userPermissions).to.deep.equal(['ApiEnabled', 'BrandNewThing', 'ConvertLeads', 'EditTask', 'ManageUsers', 'ModifyAllData', 'ViewAllData', 'ViewEncryptedData', 'ViewSetup']);
    expect(data.permissionSetLicenses).to.deep.equal(['EinsteinAnalyticsPlusPsl', 'SalesforceAPIIntegrationPsl']);
    // The row page 2 serves again is written once; user rows carry no types, object rows keep theirs.
    expect(data.permissionDependencies).to.deep.equal([
      { permission: 'Lead<update>', requiredPermission: 'Lead<read>', permissionType: 'Object Permission', requiredPermissionType: 'Object Permission' },
      { permission: 'ConvertLeads', requiredPermission: 'Lead<update>', requiredPermissionType: 'Object Permission' },
      { permission: 'ManageUsers', requiredPermission: 'ApiEnabled' },
      { permission: 'ManageUsers', requiredPermission: 'ViewSetup' },
      { permission: 'ModifyAllData', requiredPermission: 'ConvertLeads' },
      { permission: 'ModifyAllData', requiredPermission: 'ViewAllData' },
      { permission: 'ViewAllData', requiredPermission: 'ViewSetup' },
    ]);
    expect(text.endsWith('}\n')).to.equal(true);
    expect(text).to.not.match(/sessionId|accessToken|refreshToken|"Id"/);
    const shape = loadOrgShape(file, dir);
    expect(shape.permissionDependencies.find((r) => r.permission === 'ManageUsers')?.permissionType).to.equal('User Permission');

    // A second read of the unchanged org keeps the file, its retrieval time included: no churn in git.
    const again = await retrieveAndWriteOrgShape(connection, file, dir);
    expect(again.status).to.equal('identical');
    expect(readFileSync(file, 'utf8')).to.equal(text);
  });

  for (const [fail, read] of [
    ['describe', 'the describe of its PermissionSet object'],
    ['dependency-first', 'the Tooling API query of PermissionDependency'],
    ['global', 'the global describe'],
    ['licenses', 'the query of PermissionSetLicense'],
  ] as const) {
    it(`says which read the org refused (${read}) and writes nothing`, async () => {
      serveShapeOrg($$, fail);
      const file = join(dir, 'prod.org-shape.json');
      const error = await retrieveAndWriteOrgShape(connection, file, dir).then(
        () => undefined,
        (e: unknown) => e
      );
      expect(error).to.be.instanceOf(SfError);
      expect((error as SfError).message).to.include(`The org refused ${read}`).and.to.include('Nothing was written');
      expect(readdirSync(dir)).to.deep.equal([]);
    });
  }

  it('never writes part of a shape: a PermissionDependency page failing midway stops the retrieve', async () => {
    serveShapeOrg($$, 'dependency-midway');
    const file = join(dir, 'prod.org-shape.json');
    writeFileSync(file, '{"userPermissions": [], "permissionDependencies": [], "objects": []}\n');
    const error = await retrieveAndWriteOrgShape(connection, file, dir).catch((e: unknown) => e as SfError);
    expect((error as SfError).message).to.include('Read 1 page(s)').and.to.include('QUERY_TIMEOUT').and.to.include('Nothing was written');
    expect(readFileSync(file, 'utf8')).to.equal('{"userPermissions": [], "permissionDependencies": [], "objects": []}\n');
    expect(readdirSync(dir)).to.deep.equal(['prod.org-shape.json']);
  });

  it('refuses to replace a file that is not an org shape, before reading the org', async () => {
    const requests = serveShapeOrg($$);
    const file = join(dir, 'notes.json');
    writeFileSync(file, '{"mine": true}\n');
    const error = await retrieveAndWriteOrgShape(connection, file, dir).catch((e: unknown) => e as SfError);
    expect((error as SfError).message).to.include("notes.json exists and isn't an org shape file");
    expect(readFileSync(file, 'utf8')).to.equal('{"mine": true}\n');
    expect(requests).to.deep.equal([]);
    expect(existsSync(join(dir, 'config'))).to.equal(false);
  });
});
