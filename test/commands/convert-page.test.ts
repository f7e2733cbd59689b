import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import sinon from 'sinon';
import { Ajv } from 'ajv';
import { stubSfCommandUx } from '@salesforce/sf-plugins-core';
import IntegrationUserConvertPage from '../../src/commands/integration-user/convert/page.js';
import IntegrationUserDisplayVendor from '../../src/commands/integration-user/display/vendor.js';
import { loadProfileFile } from '../../src/profiles/load-file.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/pages/acme-permissions.html', import.meta.url));
const SCHEMA = JSON.parse(readFileSync(new URL('../../schemas/integration-user-convert-page.json', import.meta.url), 'utf8')) as object;

// The command reads no org: a sinon sandbox stands in for TestContext, as for the other file-only commands.
describe('integration-user convert page', () => {
  const sandbox = sinon.createSandbox();
  let ux: ReturnType<typeof stubSfCommandUx>;
  let dir: string;
  let cwd: string;

  const output = (): string => [...ux.log.getCalls(), ...ux.table.getCalls().map((c) => ({ args: [JSON.stringify(c.args[0])] }))].flatMap((c) => c.args).join('\n');
  const failure = async (run: Promise<unknown>): Promise<Error & { actions?: string[] }> => {
    try {
      await run;
    } catch (error) {
      return error as Error & { actions?: string[] };
    }
    return expect.fail('expected an error');
  };
  const written = (): string[] => (existsSync(join(dir, 'config')) ? readdirSync(join(dir, 'config')) : []);

  beforeEach(() => {
    ux = stubSfCommandUx(sandbox);
    cwd = process.cwd();
    dir = mkdtempSync(join(tmpdir(), 'iu-convert-'));
    copyFileSync(FIXTURE, join(dir, 'acme.html'));
    process.chdir(dir);
  });
  afterEach(() => {
    process.chdir(cwd);
    sandbox.restore();
    rmSync(dir, { recursive: true, force: true });
  });

  it('drafts config/<vendor>.profile.yaml that display vendor reads as it is, and lists what it drafted and what is for review', async () => {
    const result = await IntegrationUserConvertPage.run(['--page', 'acme.html', '--vendor', 'acme', '--vendor-name', 'Acme Sync']);
    expect(result.outputFile).to.equal(join('config', 'acme.profile.yaml'));
    expect(result.status).to.equal('created');
    const names = result.items.map((i) => `${i.kind} ${i.name} ${i.access?.join(',') ?? ''}`.trim());
    expect(names).to.include.members([
      'userPermission ApiEnabled',
      'userPermission ViewSetup',
      'userPermission GovernNetworks',
      'objectPermission Account read,edit',
      'objectPermission Opportunity read',
      'fieldPermission Opportunity.StageName read',
    ]);
    const yaml = readFileSync(join(dir, 'config', 'acme.profile.yaml'), 'utf8');
    expect(yaml).to.include('name: Acme_Sync_User').and.include('source: { line: 15, quote: API Enabled }');
    expect(yaml).to.include('the page\'s "Manage Communities" is GovernNetworks');
    const governNetworks = result.items.find((i) => i.name === 'GovernNetworks');
    expect(governNetworks).to.include({ tier: 'recommended', condition: 'Optional: if you use Acme Forecasts' });
    expect(output()).to.include('Wrote config/acme.profile.yaml');
    const profile = loadProfileFile('config/acme.profile.yaml');
    expect(profile.vendor).to.equal('Acme Sync');
    const shown = await IntegrationUserDisplayVendor.run(['--profile-file', 'config/acme.profile.yaml', '--include', 'recommended']);
    expect(shown.resolved?.userPermissions.map((p) => p.name)).to.include.members(['ApiEnabled', 'ViewSetup', 'GovernNetworks']);
  });

  it('--json result matches its schema, review items included', async () => {
    writeFileSync(join(dir, 'page.md'), '# Acme\n\n- API Enabled\n- Read and Edit on Tasks\n- Account: DNC Flag field: Read\n');
    const result = await IntegrationUserConvertPage.run(['--page', 'page.md', '--vendor', 'acme']);
    const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(SCHEMA);
    expect(validate(JSON.parse(JSON.stringify(result))), JSON.stringify(validate.errors)).to.equal(true);
    expect(result.review.map((r) => `${r.kind} ${r.name} ${r.line}`)).to.include('objectPermission Task 4');
    const yaml = readFileSync(join(dir, 'config', 'acme.profile.yaml'), 'utf8');
    expect(yaml).to.match(/^# +REVIEW \(page line 4, "Tasks"\): Task: activities have no object permissions/m);
    expect(yaml).to.not.match(/^\s+- object: Task/m);
  });

  it('never replaces an existing file without --force, and with --force writes the same bytes for the same page', async () => {
    await IntegrationUserConvertPage.run(['--page', 'acme.html', '--vendor', 'acme']);
    const first = readFileSync(join(dir, 'config', 'acme.profile.yaml'), 'utf8');
    writeFileSync(join(dir, 'config', 'acme.profile.yaml'), 'mine: true\n');
    const error = await failure(IntegrationUserConvertPage.run(['--page', 'acme.html', '--vendor', 'acme']));
    expect(error.message).to.include(join('config', 'acme.profile.yaml')).and.include('exists');
    expect(error.actions?.join(' ')).to.include('--force');
    expect(readFileSync(join(dir, 'config', 'acme.profile.yaml'), 'utf8')).to.equal('mine: true\n');
    const again = await IntegrationUserConvertPage.run(['--page', 'acme.html', '--vendor', 'acme', '--force']);
    expect(again.status).to.equal('changed');
    expect(readFileSync(join(dir, 'config', 'acme.profile.yaml'), 'utf8')).to.equal(first);
    expect(readdirSync(join(dir, 'config'))).to.deep.equal(['acme.profile.yaml']);
  });

  it('--output-file writes elsewhere; a name that is not YAML is refused', async () => {
    const result = await IntegrationUserConvertPage.run(['--page', 'acme.html', '--vendor', 'acme', '--output-file', 'profiles/acme.yml']);
    expect(result.outputFile).to.equal(join('profiles', 'acme.yml'));
    expect(existsSync(join(dir, 'profiles', 'acme.yml'))).to.equal(true);
    const error = await failure(IntegrationUserConvertPage.run(['--page', 'acme.html', '--vendor', 'acme', '--output-file', 'acme.json']));
    expect(error.message).to.include('acme.json').and.include('.yaml');
  });

  it('refuses a vendor id a profile file cannot take, and a built-in vendor id, before reading the page', async () => {
    const invalid = await failure(IntegrationUserConvertPage.run(['--page', 'missing.html', '--vendor', 'Acme Sync']));
    expect(invalid.message).to.include('"Acme Sync" can\'t be a vendor id');
    const builtIn = await failure(IntegrationUserConvertPage.run(['--page', 'missing.html', '--vendor', 'grax']));
    expect(builtIn.message).to.include('built-in vendor GRAX');
    expect(builtIn.actions?.join(' ')).to.include('display vendor --vendor grax');
    expect(written()).to.deep.equal([]);
  });

  it('a page that names no permission, an empty page and a PDF: exit non-zero, nothing written', async () => {
    writeFileSync(join(dir, 'about.txt'), 'Acme is a company.\nWe make software for sales teams.\n');
    const none = await failure(IntegrationUserConvertPage.run(['--page', 'about.txt', '--vendor', 'acme']));
    expect(none.message).to.include('about.txt names no permission');
    writeFileSync(join(dir, 'empty.html'), '');
    expect((await failure(IntegrationUserConvertPage.run(['--page', 'empty.html', '--vendor', 'acme']))).message).to.include('has no text');
    writeFileSync(join(dir, 'guide.pdf'), '%PDF-1.4\n');
    expect((await failure(IntegrationUserConvertPage.run(['--page', 'guide.pdf', '--vendor', 'acme']))).message).to.include('not a text or HTML page');
    expect(written()).to.deep.equal([]);
  });

  it('a URL that fails names its status and writes nothing (server on 127.0.0.1)', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(503);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/permissions`;
    try {
      const error = await failure(IntegrationUserConvertPage.run(['--page', url, '--vendor', 'acme']));
      expect(error.message).to.include(url).and.include('HTTP 503').and.include('nothing was written');
      expect(written()).to.deep.equal([]);
    } finally {
      server.close();
    }
  });
});
