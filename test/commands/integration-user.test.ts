import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import sinon from 'sinon';
import { stubSfCommandUx } from '@salesforce/sf-plugins-core';
import type { SfError } from '@salesforce/core';
import IntegrationUserGenerate from '../../src/commands/integration-user/generate.js';
import IntegrationUserListVendors from '../../src/commands/integration-user/list/vendors.js';
import IntegrationUserDisplayVendor from '../../src/commands/integration-user/display/vendor.js';
import IntegrationUserFormat from '../../src/commands/integration-user/format.js';

// These commands read no org, so a plain sinon sandbox stands in for TestContext, whose project stubs would hide the real sfdx-project.json.
describe('integration-user commands', () => {
  const sandbox = sinon.createSandbox();
  let ux: ReturnType<typeof stubSfCommandUx>;
  let project: string;
  let cwd: string;

  const output = (): string => ux.log.getCalls().flatMap((c) => c.args).join('\n');
  /** The output with its line breaks and indents as single spaces: a table too wide for 100 columns is a wrapped list. */
  const flat = (): string => output().replace(/\s+/g, ' ');

  beforeEach(() => {
    ux = stubSfCommandUx(sandbox);
    cwd = process.cwd();
    project = mkdtempSync(join(tmpdir(), 'iu-cmd-'));
    writeFileSync(join(project, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '66.0' }));
    mkdirSync(join(project, 'force-app', 'main', 'default'), { recursive: true });
    process.chdir(project);
  });

  afterEach(() => {
    process.exitCode = undefined;
    process.chdir(cwd);
    rmSync(project, { recursive: true, force: true });
    sandbox.restore();
  });

  describe('list vendors', () => {
    it('lists the four built-in vendors with their variants', async () => {
      const result = await IntegrationUserListVendors.run([]);
      expect(result.map((v) => v.id)).to.deep.equal(['backstory', 'grax', 'ownbackup', 'salesforce-backup']);
      expect(result.find((v) => v.id === 'backstory')?.variants.map((v) => `${v.id}${v.default ? '*' : ''}`)).to.deep.equal(['a*', 'b', 'c', 'least-privilege']);
      // Its summaries make the table wider than 100 columns: a list, each vendor's id heading its lines.
      expect(ux.table.called).to.equal(false);
      expect(output().split('\n').filter((line) => /^\S/.test(line))).to.deep.equal(['backstory', 'grax', 'ownbackup', 'salesforce-backup']);
      expect(output().split('\n').every((line) => line.length <= 100)).to.equal(true);
      expect(flat()).to.include('backstory Vendor: Backstory (People.ai) Variants: a (default), b, c, least-privilege What it covers:');
    });
  });

  describe('display vendor', () => {
    it("shows each item with its tier, reason and page line, and returns the profile as JSON", async () => {
      const result = await IntegrationUserDisplayVendor.run(['--vendor', 'salesforce-backup']);
      expect(result.chosenObjects?.unsupported.map((u) => u.pattern)).to.deep.equal(['__b$', 'History$', 'Feed$']);
      expect(JSON.parse(JSON.stringify(result))).to.deep.equal(result);
      expect(flat()).to.include(
        "assign permission set BackupRestore Tier: required Vendor's reason: Gives users access to the Salesforce Backup app. Source: Salesforce Help: Assign the Salesforce Backup License and Permission Set, line 52"
      );
      expect(output()).to.include('restore-deleted: Restore only deleted records (allowCreate)');
      // Its object permissions follow --objects, so there's no set to close without them.
      expect(result.resolved).to.equal(undefined);
      expect(output()).to.include('Pass --objects');
    });

    it('shows the closed permission set: who asks for each permission, the chain for dependencies, org-wide power', async () => {
      const result = await IntegrationUserDisplayVendor.run(['--vendor', 'grax']);
      const dashboards = result.resolved?.userPermissions.find((p) => p.name === 'CreateCustomizeDashboards');
      expect(dashboards?.because).to.deep.equal([
        {
          from: 'dependency',
          requiredBy: 'CreateDashboardFolders',
          chain: ['ModifyAllData', 'ManageDashbdsInPubFolders', 'CreateDashboardFolders'],
          evidence: dashboards?.because[0].from === 'dependency' ? dashboards.because[0].evidence : '',
        },
      ]);
      expect(result.resolved?.dependencies).to.include({ graph: 'bundled' });
      expect(result.resolved?.risks.map((r) => r.grant)).to.include.members(['ModifyAllData', 'ViewAllData']);
      const text = output();
      expect(text).to.include("Dependencies closed with the plugin's bundled graph");
      expect(text).to.include('Org-wide power');
      expect(flat()).to.match(/ ModifyAllData \([^)]+\) Org-wide: yes Why: /);
      expect(flat()).to.match(/ CreateCustomizeDashboards \([^)]+\) Why: required by ModifyAllData → ManageDashbdsInPubFolders → CreateDashboardFolders /);
    });

    it('says first which permissions are guesses about the org, and how to stop guessing; --json carries them', async () => {
      const result = await IntegrationUserDisplayVendor.run(['--vendor', 'grax']);
      const first = ux.log.getCalls().map((c) => String(c.args[0]));
      expect(first[0]).to.include('Assumed about the org (no --org-shape or --target-org');
      expect(first[1]).to.include('Written, assumed present:').and.to.include('AssignTopics, CreateTopics, DeleteTopics, EditTopics (Chatter)');
      expect(first[2]).to.include('Left out, assumed absent:').and.to.include('ManageQuotas, OverrideForecasts, ViewAllForecasts (Collaborative Forecasts)');
      expect(first[3]).to.include('sf integration-user retrieve org-shape').and.to.include('--org-shape');
      expect(result.resolved?.orgAssumptions.map((a) => a.permission)).to.include.members(['ManageNetworks', 'ViewDataLeakageEvents', 'ConnectOrgToEnvironmentHub']);
    });

    it("offers Backstory's least-privilege option against View All Data", async () => {
      const result = await IntegrationUserDisplayVendor.run(['--vendor', 'backstory', '--variant', 'b']);
      expect(result.resolved?.variant).to.equal('b');
      expect(result.resolved?.risks.find((r) => r.grant === 'ViewAllData')?.avoidedBy.map((a) => a.variant)).to.include('least-privilege');
      expect(output()).to.include('--variant least-privilege');
    });
  });

  describe('generate', () => {
    it('writes the files into the project and prints them with the next steps in deploy order', async () => {
      const result = await IntegrationUserGenerate.run(['--vendor', 'grax']);
      expect(result.files.map((f) => `${f.status} ${f.path}`)).to.deep.equal([
        'created force-app/main/default/permissionsets/GRAX_Integration_User.permissionset-meta.xml',
        'created force-app/main/default/settings/Security.settings-meta.xml',
        'created config/grax-integration-user-def.json',
        'created manifest/grax-package-1-settings.xml',
        'created manifest/grax-package-2-access.xml',
      ]);
      const text = output();
      const order = [
        'Turn on the org settings first',
        'sf project deploy start --manifest manifest/grax-package-1-settings.xml',
        'Deploy PermissionSet GRAX_Integration_User',
        'sf project deploy start --manifest manifest/grax-package-2-access.xml',
        'sf org create user',
        'sf org assign permset',
      ].map((s) => text.indexOf(s));
      expect(order.every((i) => i >= 0), text).to.equal(true);
      expect([...order].sort((a, b) => a - b)).to.deep.equal(order);
      // The guesses about the org come before the files.
      expect(text.indexOf('Assumed about the org')).to.be.lessThan(text.indexOf('GRAX_Integration_User.permissionset-meta.xml'));
      expect(result.plan.orgAssumptions.filter((a) => a.assumed === 'absent').map((a) => a.permission)).to.include('ViewPlatformEvents');
      const xml = readFileSync(join(project, 'force-app/main/default/permissionsets/GRAX_Integration_User.permissionset-meta.xml'), 'utf8');
      expect(xml).to.not.include('<name>ViewPlatformEvents</name>');
      expect(xml).to.include('<name>AssignTopics</name>');
    });

    it('merges into a permission set file the project has, and prints each entry with what happened to it', async () => {
      const dir = join(project, 'force-app', 'main', 'default', 'permissionsets');
      mkdirSync(dir);
      const mine = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">',
        '    <label>GRAX</label>',
        '    <tabSettings>',
        '        <tab>Log__c</tab>',
        '        <visibility>Visible</visibility>',
        '    </tabSettings>',
        '    <userPermissions>',
        '        <enabled>false</enabled>',
        '        <name>ApiEnabled</name>',
        '    </userPermissions>',
        '</PermissionSet>',
        '',
      ].join('\n');
      writeFileSync(join(dir, 'GRAX_Integration_User.permissionset-meta.xml'), mine);
      const result = await IntegrationUserGenerate.run(['--vendor', 'grax', '--dry-run']);
      expect(result.files[0].status).to.equal('changed');
      const table = ux.table.getCalls().map((c) => c.args[0] as { data: Array<Record<string, string>> }).find((t) => t.data.some((row) => 'action' in row));
      expect(table?.data).to.deep.include({ action: 'upgraded', element: 'userPermissions', entry: 'ApiEnabled', grants: 'enabled' });
      expect(table?.data).to.deep.include({ action: 'added', element: 'userPermissions', entry: 'ViewAllData', grants: '' });
      expect(output()).to.include("Entries the vendor doesn't ask for, kept as they are: 1.");
    });

    it('--check exits with 100 and prints a diff per file while files differ, and with 0 once they are written', async () => {
      const check = await IntegrationUserGenerate.run(['--vendor', 'grax', '--check']);
      expect(check.files.map((f) => f.status)).to.deep.equal(['created', 'created', 'created', 'created', 'created']);
      expect(process.exitCode).to.equal(100);
      expect(output()).to.include('+++ b/force-app/main/default/permissionsets/GRAX_Integration_User.permissionset-meta.xml');
      expect(output()).to.include("Of 5 files, 5 differ from what the command would write; run it without --check to write them.");
      process.exitCode = undefined;
      await IntegrationUserGenerate.run(['--vendor', 'grax']);
      const again = await IntegrationUserGenerate.run(['--vendor', 'grax', '--check']);
      expect(again.files.map((f) => f.status)).to.deep.equal(['identical', 'identical', 'identical', 'identical', 'identical']);
      expect(process.exitCode).to.equal(undefined);
      expect(output()).to.include('Every file is as the command would write it.');
    });

    it('takes --prune or --force, not both', async () => {
      try {
        await IntegrationUserGenerate.run(['--vendor', 'grax', '--prune', '--force']);
        expect.fail('expected an error');
      } catch (error) {
        expect((error as Error).message).to.include('--force=true cannot also be provided when using --prune');
      }
    });

    it('assigns licenses before the permission sets that need them', async () => {
      const result = await IntegrationUserGenerate.run(['--vendor', 'salesforce-backup', '--objects', 'Account,Contact', '--task', 'restore', '--dry-run']);
      const commands = result.nextSteps.flatMap((s) => s.commands.map((c) => c.command));
      const license = commands.findIndex((c) => c.startsWith('sf org assign permsetlicense --name "Backup and Restore User"'));
      const backupRestore = commands.findIndex((c) => c.startsWith('sf org assign permset --name BackupRestore --on-behalf-of'));
      expect(license).to.be.greaterThan(-1);
      expect(backupRestore).to.be.greaterThan(license);
      // The generated one comes with the user definition; only an existing user needs it assigned.
      const last = result.nextSteps[result.nextSteps.length - 1].commands;
      expect(last.find((c) => c.command.includes('--name Salesforce_Backup_Object_Access'))?.when).to.include('existing user');
      expect(result.dryRun).to.equal(true);
    });

    it('assigns every permission set after the API-only license, none at user creation', async () => {
      const result = await IntegrationUserGenerate.run(['--vendor', 'ownbackup', '--variant', 'api-only', '--dry-run']);
      const steps = result.nextSteps.map((s) => s.commands.map((c) => c.command).join(' | '));
      const license = steps.findIndex((s) => s.includes('sf org assign permsetlicense --name EinsteinAnalyticsPlusPsl --name SalesforceAPIIntegrationPsl'));
      expect(license).to.be.greaterThan(-1);
      expect(steps[license + 1]).to.equal(
        'sf org assign permset --name OwnBackup_Authenticated_User --name EinsteinAnalyticsPlusAdmin --on-behalf-of <integration-user-username>'
      );
      expect(result.plan.userProfile.name).to.equal('Minimum Access - API Only Integrations');
    });

    it('fails with the flag to use when an object is unsupported, and writes nothing', async () => {
      try {
        await IntegrationUserGenerate.run(['--vendor', 'salesforce-backup', '--objects', 'Account,Archive__b']);
        expect.fail('expected an error');
      } catch (error) {
        expect((error as Error).message).to.include('Archive__b').and.include('Records stored in Big Objects');
      }
      expect(ux.table.called).to.equal(false);
    });

    it('refuses an unknown vendor before doing anything', async () => {
      try {
        await IntegrationUserGenerate.run(['--vendor', 'acme']);
        expect.fail('expected an error');
      } catch (error) {
        expect((error as Error).message).to.include('Expected --vendor=acme to be one of: backstory, grax, ownbackup, salesforce-backup');
      }
    });

    it('needs --output-dir outside a project', async () => {
      const outside = mkdtempSync(join(tmpdir(), 'iu-outside-'));
      process.chdir(outside);
      try {
        await IntegrationUserGenerate.run(['--vendor', 'grax']);
        expect.fail('expected an error');
      } catch (error) {
        expect((error as Error).name).to.equal('NoProjectError');
      }
      const result = await IntegrationUserGenerate.run(['--vendor', 'grax', '--output-dir', 'src', '--json']);
      expect(result.files[0].path).to.equal('src/permissionsets/GRAX_Integration_User.permissionset-meta.xml');
      process.chdir(project);
      rmSync(outside, { recursive: true, force: true });
    });
  });

  describe('format', () => {
    const DIR = join('force-app', 'main', 'default', 'permissionsets');
    const canonical = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">',
      '    <label>A</label>',
      '    <userPermissions>',
      '        <enabled>true</enabled>',
      '        <name>ApiEnabled</name>',
      '    </userPermissions>',
      '</PermissionSet>',
      '',
    ].join('\n');
    const tabbed = canonical.replace(/ {4}/g, '\t').replace('<label>A</label>', '<label>B</label>');

    beforeEach(() => {
      mkdirSync(join(project, DIR));
      writeFileSync(join(project, DIR, 'A.permissionset-meta.xml'), canonical);
      writeFileSync(join(project, DIR, 'B.permissionset-meta.xml'), tabbed);
    });

    it('--check names each file not in canonical form, writes nothing, and exits with 100', async () => {
      const result = await IntegrationUserFormat.run(['--source-dir', 'force-app', '--check']);
      expect(result).to.deep.equal({
        check: true,
        files: [
          { path: `${DIR}/A.permissionset-meta.xml`, status: 'identical', commentsDropped: 0 },
          { path: `${DIR}/B.permissionset-meta.xml`, status: 'changed', commentsDropped: 0 },
        ],
      });
      expect(process.exitCode).to.equal(100);
      const table = ux.table.firstCall.args[0] as { data: Array<Record<string, string>> };
      expect(table.data).to.deep.equal([{ status: 'not canonical', path: `${DIR}/B.permissionset-meta.xml` }]);
      expect(output()).to.include("Of 2 permission sets, 1 not in canonical form. Rewrite with: sf integration-user format --source-dir force-app");
      expect(readFileSync(join(project, DIR, 'B.permissionset-meta.xml'), 'utf8')).to.equal(tabbed);
    });

    it('rewrites them, after which --check passes with exit code 0', async () => {
      const result = await IntegrationUserFormat.run(['--source-dir', 'force-app']);
      expect(result.files.map((f) => f.status)).to.deep.equal(['identical', 'changed']);
      expect(process.exitCode).to.equal(undefined);
      expect(readFileSync(join(project, DIR, 'B.permissionset-meta.xml'), 'utf8')).to.equal(canonical.replace('<label>A</label>', '<label>B</label>'));
      await IntegrationUserFormat.run(['--source-dir', 'force-app', '--check']);
      expect(process.exitCode).to.equal(undefined);
      expect(output()).to.include('2 permission sets in canonical form.');
    });

    it('names every file it can\'t read, an empty one among them, in one run, and writes nothing', async () => {
      writeFileSync(join(project, DIR, 'C.permissionset-meta.xml'), '');
      writeFileSync(join(project, DIR, 'D.permissionset-meta.xml'), canonical.replace('</userPermissions>', '<<<<<<< HEAD\n</userPermissions>'));
      let error: SfError | undefined;
      try {
        await IntegrationUserFormat.run(['--source-dir', 'force-app']);
      } catch (e) {
        error = e as SfError;
      }
      expect(error?.name).to.equal('UnreadablePermissionSetsError');
      expect(error?.message).to.include("2 permission set files can't be read; nothing was written");
      expect(error?.message).to.include(`${DIR}/C.permissionset-meta.xml: is empty, with no <PermissionSet> element`);
      expect(error?.message).to.match(new RegExp(`${DIR}/D\\.permissionset-meta\\.xml:\\d+:\\d+: isn't well-formed XML`));
      expect(error?.message).to.not.include('undefined');
      expect(readFileSync(join(project, DIR, 'B.permissionset-meta.xml'), 'utf8')).to.equal(tabbed);
    });

    it('counts one file as one', async () => {
      rmSync(join(project, DIR, 'B.permissionset-meta.xml'));
      await IntegrationUserFormat.run(['--source-dir', 'force-app', '--check']);
      expect(output()).to.include('1 permission set in canonical form.').and.not.include('1 permission sets');
    });
  });
});
