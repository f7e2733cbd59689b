import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type sinon from 'sinon';
import { SfError } from '@salesforce/core';
import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import type { JsonMap } from '@salesforce/ts-types';
import { Progress, stubSfCommandUx, stubSpinner } from '@salesforce/sf-plugins-core';
import type { IntegrationUserGenerateResult } from '../../src/commands/integration-user/generate.js';
import IntegrationUserGenerate from '../../src/commands/integration-user/generate.js';
import { FakeOrg, fixture, recordedDescribe, recordedOrg } from '../helpers/org.js';
import { sharedAvailable, validateAgainstMetadataXsd } from '../helpers/shared.js';

/**
 * `generate --target-org --all-fields` against recorded responses shaped as the REST API Developer Guide documents
 * them (Describe Global, sObject Describe, Composite; the pages are in test/fixtures/org/README.md). Requests the
 * fake org has no answer for (the org's permission dependencies) fail, and generate falls back to the bundled graph.
 */
describe('integration-user generate --target-org --all-fields', () => {
  const $$ = new TestContext();
  const testOrg = new MockTestOrgData();
  let dir: string;
  let progress: { start: sinon.SinonStub; finish: sinon.SinonStub };

  beforeEach(async () => {
    await $$.stubAuths(testOrg);
    stubSfCommandUx($$.SANDBOX);
    stubSpinner($$.SANDBOX);
    progress = { start: $$.SANDBOX.stub(Progress.prototype, 'start'), finish: $$.SANDBOX.stub(Progress.prototype, 'finish') };
    $$.SANDBOX.stub(Progress.prototype, 'update');
    dir = mkdtempSync(join(tmpdir(), 'iu-all-fields-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (org: FakeOrg, ...args: string[]): Promise<IntegrationUserGenerateResult> => {
    $$.fakeConnectionRequest = org.handle;
    return IntegrationUserGenerate.run([
      '--target-org',
      testOrg.username,
      '--all-fields',
      '--api-version',
      '66.0',
      '--output-dir',
      join(dir, 'force-app'),
      '--user-def-file',
      join(dir, 'user-def.json'),
      '--manifest-file',
      join(dir, 'package.xml'),
      ...args,
    ]);
  };
  const composites = (org: FakeOrg): FakeOrg['requests'] => org.requests.filter((r) => r.url.endsWith('/composite'));

  it('writes field permissions for a multi-object org, in a permission set the Metadata API schema accepts', async () => {
    const org = recordedOrg();
    const result = await run(org, '--vendor', 'grax');
    const file = join(dir, 'force-app', 'permissionsets', 'GRAX_Integration_User.permissionset-meta.xml');
    const xml = readFileSync(file, 'utf8');
    expect(result.plan.permissionSet.fieldPermissions).to.have.length(18);
    expect(xml).to.contain(
      ['    <fieldPermissions>', '        <editable>false</editable>', '        <field>Invoice__c.Total__c</field>', '        <readable>true</readable>', '    </fieldPermissions>'].join('\n')
    );
    expect(xml).to.contain('<field>Contact.Email</field>');
    expect(xml).to.not.contain('<field>Invoice_Line__c.Invoice__c</field>');
    expect(xml).to.not.contain('<field>Contact.LastName</field>');
    if (sharedAvailable()) expect(await validateAgainstMetadataXsd([{ fileName: 'GRAX_Integration_User.permissionset-meta.xml', contents: xml }])).to.deep.equal([]);
    expect(composites(org)).to.have.length(1);
    expect(progress.start.firstCall.args[0]).to.equal(4);
    expect(progress.finish.callCount).to.equal(1);
  });

  it('reads an 800-object org in objects/25 Composite requests, at most 3 in flight', async () => {
    // Generated from the recorded describes, renamed: real shapes, 800 objects.
    const templates = ['Account', 'Contact', 'Invoice__c', 'Invoice_Line__c'].map(recordedDescribe);
    const global = fixture<{ sobjects: JsonMap[] }>('global-describe.json');
    const names = Array.from({ length: 800 }, (_, i) => `Generated${String(i).padStart(3, '0')}__c`);
    const org = new FakeOrg(
      new Map(names.map((name, i) => [name, { ...templates[i % templates.length], name }])),
      new Map(),
      { ...global, sobjects: names.map((name) => ({ ...global.sobjects[0], name, label: name, custom: true })) }
    );
    const result = await run(org, '--vendor', 'grax', '--dry-run');
    expect(composites(org)).to.have.length(Math.ceil(800 / 25));
    expect(composites(org).every((r) => r.subrequests <= 25)).to.equal(true);
    expect(org.requests.filter((r) => r.url.endsWith('/sobjects'))).to.have.length(1);
    expect(org.maxInFlight).to.be.at.most(3);
    expect(new Set(result.plan.permissionSet.fieldPermissions.map((f) => f.field.split('.')[0])).size).to.equal(800);
  });

  it('stops on a request that fails midway, says what was read is partial, and writes nothing', async () => {
    const stop = $$.SANDBOX.stub(Progress.prototype, 'stop');
    const template = recordedDescribe('Contact');
    const names = Array.from({ length: 100 }, (_, i) => `Obj${i}__c`);
    const org = new FakeOrg(new Map(names.map((name) => [name, { ...template, name }])));
    org.failComposite = 2;
    const error = await run(org, '--vendor', 'grax', '--objects', names.join(',')).then(
      () => undefined,
      (e: unknown) => e
    );
    expect(error).to.be.instanceOf(SfError);
    expect((error as SfError).message).to.match(
      /^Reading the org's schema stopped after \d+ of 100 objects: Session expired or invalid\. What was read so far is partial, so nothing was planned from it\.$/
    );
    expect(stop.callCount).to.equal(1);
    expect(readdirSync(dir)).to.deep.equal([]);
  });

  it("names Backstory's required fields this org lacks, and writes nothing", async () => {
    // The org lists Backstory's objects (the names check passes), and its describes of them fail.
    const listed = fixture<{ sobjects: JsonMap[] }>('global-describe.json');
    const names = new Set(listed.sobjects.map((o) => o.name));
    const more = ['Lead', 'Opportunity', 'Event', 'Task'].filter((name) => !names.has(name));
    const globalDescribe = { ...listed, sobjects: [...listed.sobjects, ...more.map((name) => ({ ...listed.sobjects[0], name, label: name, custom: false }))] };
    const org = new FakeOrg(new Map(['Account', 'Contact'].map((o) => [o, recordedDescribe(o)])), new Map(), globalDescribe);
    const error = await run(org, '--vendor', 'backstory').then(
      () => undefined,
      (e: unknown) => e
    );
    expect(error).to.be.instanceOf(SfError);
    expect((error as SfError).message).to.match(/^Backstory \(People\.ai\) needs read access to these fields, and this org can't give it: .*Event\.ActivityDate \(NOT_FOUND/);
    expect(readdirSync(dir)).to.deep.equal([]);
  });

  it('needs --target-org for --all-fields', async () => {
    const error = await IntegrationUserGenerate.run(['--vendor', 'grax', '--all-fields', '--output-dir', join(dir, 'force-app')]).then(
      () => undefined,
      (e: unknown) => e
    );
    expect((error as Error).message).to.contain('--target-org');
    expect(readdirSync(dir)).to.deep.equal([]);
  });
});
