import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'chai';
import { isolatedSfEnv } from '../../scripts/sf-env.js';

/**
 * A project that moves on, through the real sf CLI: writes that fail part-way, runs that were killed.
 * Failures of the file system are injected into the sf process (test/fixtures/inject/fail-writes.mjs,
 * preloaded with NODE_OPTIONS): a full disk can't be made on demand, and CI runs as root, which writes anywhere.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SF_BIN = join(ROOT, 'node_modules', '.bin');
const FAIL_WRITES = pathToFileURL(join(ROOT, 'test', 'fixtures', 'inject', 'fail-writes.mjs')).href;
const PERMISSION_SETS = join('force-app', 'main', 'default', 'permissionsets');

type Run = { status: number; stdout: string; stderr: string };

describe('sf CLI end to end: a project that moves on', () => {
  let home: string;
  let project: string;
  let env: NodeJS.ProcessEnv;

  const sf = (args: string[], extraEnv: NodeJS.ProcessEnv = {}, cwd = project): Run => {
    try {
      const stdout = execFileSync(join(SF_BIN, 'sf'), args, { cwd, env: { ...env, ...extraEnv }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      return { status: 0, stdout, stderr: '' };
    } catch (error) {
      const failure = error as { status: number; stdout: string; stderr: string };
      return { status: failure.status, stdout: String(failure.stdout), stderr: String(failure.stderr) };
    }
  };
  const files = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).sort() : []);

  before(function () {
    this.timeout(300_000);
    expect(existsSync(join(ROOT, 'lib', 'commands', 'integration-user', 'generate.js')), 'build the plugin first (npm run build)').to.equal(true);
    home = mkdtempSync(join(tmpdir(), 'iu-e2e-project-'));
    env = isolatedSfEnv(home, SF_BIN);
    expect(sf(['plugins', 'link', ROOT, '--no-install'], {}, home).status).to.equal(0);
    expect(sf(['template', 'generate', 'project', '--name', 'moves-on', '--output-dir', home], {}, home).status).to.equal(0);
    project = join(home, 'moves-on');
  });

  after(() => rmSync(home, { recursive: true, force: true }));

  it('a full disk part-way through the write: no temporary file left, the file named, and a later run writes everything', () => {
    const full = sf(['integration-user', 'generate', '--vendor', 'grax', '--json'], {
      NODE_OPTIONS: `--import ${FAIL_WRITES}`,
      IU_FAIL_WRITE_CODE: 'ENOSPC',
      IU_FAIL_WRITE_PATH: 'grax-package-2-access.xml',
    });
    expect(full.status).to.equal(1);
    const body = JSON.parse(full.stdout) as { name: string; message: string; actions: string[] };
    expect(body.name).to.equal('WriteFailedError');
    expect(body.message).to.include(join(project, 'manifest', 'grax-package-2-access.xml')).and.include('ENOSPC');
    expect(body.actions.join(' ')).to.include('Free space');
    // Nothing at all: no temporary file, and not the directories the run would have made.
    expect(files(join(project, PERMISSION_SETS))).to.deep.equal([]);
    expect(existsSync(join(project, 'force-app', 'main', 'default', 'settings'))).to.equal(false);
    expect(existsSync(join(project, 'manifest'))).to.equal(false);
    expect(files(join(project, 'config')).filter((f) => f.includes('grax'))).to.deep.equal([]);

    expect(sf(['integration-user', 'generate', '--vendor', 'grax', '--json']).status).to.equal(0);
    expect(files(join(project, PERMISSION_SETS))).to.deep.equal(['GRAX_Integration_User.permissionset-meta.xml']);
  });

  it('removes what a killed run left behind, and only that', () => {
    // A process that has exited stands for the run that was killed (kill -9 leaves its temporary files).
    const dead = execFileSync(process.execPath, ['-p', 'process.pid'], { encoding: 'utf8' }).trim();
    const leftover = `.GRAX_Integration_User.permissionset-meta.xml.${dead}.0badc0de.integration-user.tmp`;
    const oldNaming = 'GRAX_Integration_User.permissionset-meta.xml.0123456789ab.tmp';
    writeFileSync(join(project, PERMISSION_SETS, leftover), '<?xml version="1.0" encoding="UTF-8"?>\n<Permiss');
    writeFileSync(join(project, PERMISSION_SETS, oldNaming), '<?xml');
    writeFileSync(join(project, PERMISSION_SETS, 'notes.tmp'), 'mine');
    const run = sf(['integration-user', 'generate', '--vendor', 'grax', '--json']);
    expect(run.status).to.equal(0);
    expect(files(join(project, PERMISSION_SETS))).to.deep.equal(['GRAX_Integration_User.permissionset-meta.xml', 'notes.tmp']);
  });

  it('after a sourceApiVersion bump: --check exits 100 on the manifest, the same command without --check updates it, then --check exits 0', () => {
    // GRAX deploys in two steps (settings, then the permission set): the version is checked in the permission set's manifest.
    expect(sf(['integration-user', 'generate', '--vendor', 'grax']).status).to.equal(0);
    const config = join(project, 'sfdx-project.json');
    const projectJson = JSON.parse(readFileSync(config, 'utf8')) as { sourceApiVersion: string };
    const bumped = `${Number(projectJson.sourceApiVersion) - 1}.0`;
    writeFileSync(config, JSON.stringify({ ...projectJson, sourceApiVersion: bumped }, null, 2));
    const check = sf(['integration-user', 'generate', '--vendor', 'grax', '--check']);
    expect(check.status).to.equal(100);
    expect(check.stdout).to.include(`+    <version>${bumped}</version>`);
    const dryRun = sf(['integration-user', 'generate', '--vendor', 'grax', '--dry-run']);
    expect(dryRun.status, dryRun.stderr).to.equal(0);
    const fixed = sf(['integration-user', 'generate', '--vendor', 'grax', '--json']);
    expect(fixed.status, fixed.stdout).to.equal(0);
    expect(readFileSync(join(project, 'manifest', 'grax-package-2-access.xml'), 'utf8')).to.include(`<version>${bumped}</version>`);
    expect(sf(['integration-user', 'generate', '--vendor', 'grax', '--check']).status).to.equal(0);
  });

  it('OwnBackup switched to --variant api-only: the user definition follows; a value of the user\'s is named, and --replace user-definition takes only that file', () => {
    const definition = join(project, 'config', 'ownbackup-integration-user-def.json');
    expect(sf(['integration-user', 'generate', '--vendor', 'ownbackup']).status).to.equal(0);
    const switched = sf(['integration-user', 'generate', '--vendor', 'ownbackup', '--variant', 'api-only', '--json']);
    expect(switched.status, switched.stdout).to.equal(0);
    expect((JSON.parse(readFileSync(definition, 'utf8')) as { profileName: string }).profileName).to.equal('Minimum Access - API Only Integrations');

    writeFileSync(definition, readFileSync(definition, 'utf8').replace('Minimum Access - API Only Integrations', 'Acme API Profile'));
    const refused = sf(['integration-user', 'generate', '--vendor', 'ownbackup', '--variant', 'api-only', '--include', 'recommended']);
    expect(refused.status).to.equal(1);
    expect(refused.stderr.replace(/\s+/g, ' ')).to.include('"profileName" is "Acme API Profile"');
    const dryRun = sf(['integration-user', 'generate', '--vendor', 'ownbackup', '--variant', 'api-only', '--include', 'recommended', '--dry-run']);
    expect(dryRun.status, dryRun.stderr).to.equal(0);
    expect(dryRun.stdout).to.include('conflict').and.include('--replace');
    expect(sf(['integration-user', 'generate', '--vendor', 'ownbackup', '--variant', 'api-only', '--replace', 'user-definition']).status).to.equal(0);
    expect((JSON.parse(readFileSync(definition, 'utf8')) as { profileName: string }).profileName).to.equal('Minimum Access - API Only Integrations');
  });

  it('--objects Account,Contact and --objects Account --objects Contact: the same plan, and no warning from sf', () => {
    const comma = sf(['integration-user', 'generate', '--vendor', 'salesforce-backup', '--objects', 'Account,Contact', '--task', 'backup,restore', '--dry-run', '--json']);
    const repeated = sf(['integration-user', 'generate', '--vendor', 'salesforce-backup', '--objects', 'Account', '--objects', 'Contact', '--task', 'backup', '--task', 'restore', '--dry-run', '--json']);
    expect(comma.status, comma.stdout).to.equal(0);
    type Plan = { result: { plan: { permissionSet: { objectPermissions: Array<{ object: string }> } } }; warnings: string[] };
    const objects = (run: Run): string[] => (JSON.parse(run.stdout) as Plan).result.plan.permissionSet.objectPermissions.map((o) => o.object);
    expect(objects(comma)).to.deep.equal(['Account', 'Contact']);
    expect(objects(repeated)).to.deep.equal(objects(comma));
    expect((JSON.parse(comma.stdout) as Plan).warnings).to.deep.equal([]);
    const human = sf(['integration-user', 'display', 'vendor', '--vendor', 'salesforce-backup', '--objects', 'Account,Contact']);
    expect(human.status).to.equal(0);
    expect(human.stderr + human.stdout).to.not.include('input format for array arguments');
  });

  it('a default org with no login is named, not silently replaced by the bundled graph', () => {
    const local = join(project, '.sf');
    mkdirSync(local, { recursive: true });
    writeFileSync(join(local, 'config.json'), JSON.stringify({ 'target-org': 'ghost-org' }));
    try {
      const run = sf(['integration-user', 'generate', '--vendor', 'grax', '--dry-run', '--json']);
      expect(run.status).to.equal(1);
      const body = JSON.parse(run.stdout) as { name: string; message: string; actions: string[] };
      expect(body.name).to.equal('DefaultOrgNoLoginError');
      expect(body.message).to.include('"ghost-org"').and.include("this project's .sf/config.json");
      expect(body.actions.join('\n')).to.include('sf org login web --alias ghost-org').and.include('sf config unset target-org');
      const byEnv = sf(['integration-user', 'display', 'vendor', '--vendor', 'grax', '--json'], { SF_TARGET_ORG: 'env-ghost' });
      expect((JSON.parse(byEnv.stdout) as { message: string }).message).to.include('"env-ghost"').and.include('SF_TARGET_ORG');
    } finally {
      rmSync(join(local, 'config.json'));
    }
    expect(sf(['integration-user', 'generate', '--vendor', 'grax', '--dry-run', '--json']).status).to.equal(0);
  });

  it('cites the vendor\'s page by title, line and address; tables fit 100 columns; counts agree', () => {
    const vendors = JSON.parse(sf(['integration-user', 'list', 'vendors', '--json']).stdout) as { result: Array<{ id: string; pages: Array<{ title: string; url?: string }> }> };
    for (const vendor of vendors.result) for (const page of vendor.pages) expect(page.url, `${vendor.id}: ${page.title}`).to.match(/^https:\/\//);
    // With CI set, sf's tables are plain text without borders; oclif's own switch keeps them drawn so they can be measured.
    const boxed = { OCLIF_TABLE_SKIP_CI_CHECK: 'true' };
    const display = sf(['integration-user', 'display', 'vendor', '--vendor', 'backstory'], boxed);
    expect(display.status).to.equal(0);
    expect(display.stdout).to.include('https://help.backstory.ai/').and.not.include('.txt:');
    // Tables are drawn only when they fit in 100 columns; the vendor's reasons make this one a list.
    const drawn = (out: string): string[] => out.split('\n').filter((line) => /^[│┌├└]/.test(line));
    const wide = drawn(display.stdout).filter((line) => line.length > 100);
    expect(wide, wide.join('\n')).to.deep.equal([]);
    expect(display.stdout).to.include('\n    Vendor\'s reason: Used to match activities to accounts');
    const generate = sf(['integration-user', 'generate', '--vendor', 'grax', '--dry-run'], boxed);
    expect(generate.stdout).to.include('GRAX: Integration User, line');
    expect(generate.stdout).to.not.include('grax-integration-user.txt');
    expect(drawn(generate.stdout).filter((line) => line.length > 100)).to.deep.equal([]);
    expect(drawn(generate.stdout).length, 'the entry table fits, so it is drawn').to.be.greaterThan(0);
    const backup = sf(['integration-user', 'generate', '--vendor', 'salesforce-backup', '--objects', 'Account', '--dry-run']);
    expect(backup.stdout).to.include('1 object permission');
    expect(backup.stdout).to.not.include('1 object permissions');
    expect(backup.stdout).to.not.match(/\b0 (user|object|field) permissions/);
  });

  it('format names every file it can\'t read, in one run, and writes nothing', () => {
    const dir = join(project, PERMISSION_SETS);
    const grax = join(dir, 'GRAX_Integration_User.permissionset-meta.xml');
    const before = readFileSync(grax, 'utf8');
    writeFileSync(grax, before.replace(/ {4}/g, '\t'));
    writeFileSync(join(dir, 'Empty.permissionset-meta.xml'), '');
    writeFileSync(join(dir, 'Conflicted.permissionset-meta.xml'), '<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet>\n<<<<<<< HEAD\n');
    const run = sf(['integration-user', 'format', '--source-dir', 'force-app', '--json']);
    expect(run.status).to.equal(1);
    const body = JSON.parse(run.stdout) as { name: string; message: string };
    expect(body.name).to.equal('UnreadablePermissionSetsError');
    expect(body.message).to.include('Empty.permissionset-meta.xml: is empty').and.include('Conflicted.permissionset-meta.xml:3:').and.not.include('undefined');
    expect(readFileSync(grax, 'utf8')).to.equal(before.replace(/ {4}/g, '\t'));
    rmSync(join(dir, 'Empty.permissionset-meta.xml'));
    rmSync(join(dir, 'Conflicted.permissionset-meta.xml'));
    writeFileSync(grax, before);
  });
});
