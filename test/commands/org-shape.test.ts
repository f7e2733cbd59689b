/*
 * retrieve org-shape, then generate and display vendor with --org-shape, through the commands, against a recorded
 * org (no org is reachable here): responses shaped as Salesforce documents them, see test/fixtures/org/README.md.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import { stubSfCommandUx, stubSpinner } from '@salesforce/sf-plugins-core';
import IntegrationUserRetrieveOrgShape from '../../src/commands/integration-user/retrieve/org-shape.js';
import IntegrationUserGenerate from '../../src/commands/integration-user/generate.js';
import IntegrationUserDisplayVendor from '../../src/commands/integration-user/display/vendor.js';
import { serveShapeOrg } from '../helpers/shape-org.js';

const FORECASTING_SHAPE = new URL('../fixtures/org/shape/forecasting-experiences.org-shape.json', import.meta.url).pathname;

/** Every file under `dir`, relative path → bytes. */
const filesUnder = (dir: string, prefix = ''): Record<string, string> =>
  Object.fromEntries(
    readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
      const path = join(prefix, entry.name);
      return entry.isDirectory() ? Object.entries(filesUnder(dir, path)) : [[path, readFileSync(join(dir, path), 'utf8')]];
    })
  );

describe('org shapes through the commands: retrieve once, generate offline', () => {
  const $$ = new TestContext();
  const testOrg = new MockTestOrgData();
  let project: string;
  let cwd: string;

  beforeEach(async () => {
    await $$.stubAuths(testOrg);
    stubSfCommandUx($$.SANDBOX);
    stubSpinner($$.SANDBOX);
    cwd = process.cwd();
    project = mkdtempSync(join(tmpdir(), 'iu-shape-cmd-'));
    writeFileSync(join(project, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '66.0' }));
    process.chdir(project);
  });
  afterEach(() => {
    process.chdir(cwd);
    rmSync(project, { recursive: true, force: true });
  });

  /** Generate into a directory of its own, so two runs can be compared file by file. */
  const generateInto = async (out: string, ...args: string[]) =>
    IntegrationUserGenerate.run([
      '--vendor',
      'grax',
      '--output-dir',
      join(out, 'force-app'),
      '--user-def-file',
      join(out, 'user-def.json'),
      '--manifest-file',
      join(out, 'package.xml'),
      '--api-version',
      '66.0',
      ...args,
    ]);

  it('writes config/<alias>.org-shape.json by default', async () => {
    $$.stubAliases({ prod: testOrg.username });
    serveShapeOrg($$);
    const result = await IntegrationUserRetrieveOrgShape.run(['--target-org', 'prod']);
    expect(result).to.include({ file: join('config', 'prod.org-shape.json'), status: 'created', pages: 3 });
    expect(JSON.parse(readFileSync(join(project, 'config', 'prod.org-shape.json'), 'utf8'))).to.have.property('formatVersion', 1);
  });

  it('generate --org-shape writes the same bytes as generate --target-org for the same org', async () => {
    serveShapeOrg($$);
    const shape = join(project, 'config', 'recorded.org-shape.json');
    await IntegrationUserRetrieveOrgShape.run(['--target-org', testOrg.username, '--output-file', shape]);
    const offline = await generateInto(join(project, 'offline'), '--org-shape', shape);
    const requests = serveShapeOrg($$);
    const live = await generateInto(join(project, 'live'), '--target-org', testOrg.username);
    expect(requests.length).to.be.greaterThan(0);

    const offlineFiles = filesUnder(join(project, 'offline'));
    // Security settings, the permission set, the user definition and the two step manifests.
    expect(Object.keys(offlineFiles)).to.have.length(5);
    expect(offlineFiles).to.deep.equal(filesUnder(join(project, 'live')));
    // The same plan, down to what was left out and why; only the evidence names the shape rather than the org.
    expect(offline.plan.dependencies).to.deep.include({ graph: 'org-shape', edgeCount: live.plan.dependencies.edgeCount });
    expect(live.plan.dependencies.graph).to.equal('org');
    expect(offline.plan.omitted).to.deep.equal(live.plan.omitted);
    expect(offline.plan.omitted.find((o) => o.grant === 'QueryAllFiles')).to.include({ notInOrg: true });
    expect(offline.plan.orgAssumptions).to.deep.equal([]);
    const names = (r: typeof live): string[] => r.plan.permissionSet.userPermissions.map((p) => p.name);
    expect(names(offline)).to.deep.equal(names(live));
  });

  it('closes GRAX for an org with forecasting and Experiences on and Event Monitoring off', async () => {
    const result = await generateInto(join(project, 'out'), '--org-shape', FORECASTING_SHAPE);
    const xml = readFileSync(join(project, 'out', 'force-app', 'permissionsets', 'GRAX_Integration_User.permissionset-meta.xml'), 'utf8');
    for (const name of ['ManageQuotas', 'OverrideForecasts', 'ViewAllForecasts', 'ManageNetworks', 'ViewAllData']) expect(xml, name).to.include(`<name>${name}</name>`);
    for (const name of ['ViewDataLeakageEvents', 'ViewPlatformEvents', 'ConnectOrgToEnvironmentHub']) expect(xml, name).to.not.include(`<name>${name}</name>`);
    expect(result.plan.orgAssumptions).to.deep.equal([]);
    expect(result.plan.dependencies.graph).to.equal('org-shape');
  });

  it('an explicit --org-shape wins over a default org, which the command never reads; beside an explicit --target-org it is refused', async () => {
    await $$.stubConfig({ 'target-org': testOrg.username });
    const requests = serveShapeOrg($$);
    const result = await IntegrationUserDisplayVendor.run(['--vendor', 'grax', '--org-shape', FORECASTING_SHAPE]);
    // sf-plugins-core loads the default org while parsing (its Organization query, refused here, is harmless);
    // the command itself reads nothing from it.
    const fromTheCommand = (urls: string[]): string[] => urls.filter((url) => !/FROM%20Organization$/.test(url));
    expect(fromTheCommand(requests)).to.deep.equal([]);
    expect(result.resolved?.dependencies.graph).to.equal('org-shape');
    expect(result.resolved?.userPermissions.map((p) => p.name)).to.include('ManageQuotas');

    const refused = await IntegrationUserGenerate.run(['--vendor', 'grax', '--org-shape', FORECASTING_SHAPE, '--target-org', testOrg.username]).catch((e: Error) => e);
    expect((refused as Error).message).to.include('--target-org=').and.to.include('cannot also be provided when using --org-shape');
    expect(fromTheCommand(requests)).to.deep.equal([]);
  });

  it('refuses a bad shape before anything is written', async () => {
    mkdirSync(join(project, 'config'));
    writeFileSync(join(project, 'config', 'bad.org-shape.json'), '{"userPermissions": ["ViewAllData"], "objects": []}\n');
    const error = await generateInto(join(project, 'out'), '--org-shape', join('config', 'bad.org-shape.json')).catch((e: Error) => e);
    expect((error as Error).message).to.include("bad.org-shape.json isn't a valid org shape file").and.to.include('permissionDependencies: Missing.');
    expect(readdirSync(project).sort()).to.deep.equal(['config', 'sfdx-project.json']);
  });
});
