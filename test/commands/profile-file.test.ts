import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import sinon from 'sinon';
import { stubSfCommandUx } from '@salesforce/sf-plugins-core';
import { ComponentSet } from '@salesforce/source-deploy-retrieve';
import IntegrationUserGenerate from '../../src/commands/integration-user/generate.js';
import IntegrationUserDisplayVendor from '../../src/commands/integration-user/display/vendor.js';
import { PERMISSION_SET } from '../../src/metadata/schemas.js';
import { readSourceXml } from '../helpers/read-source.js';
import { validateAgainstMetadataXsd } from '../helpers/shared.js';

const FULL = fileURLToPath(new URL('../fixtures/profile-files/acme-backup.yaml', import.meta.url));

const SMALLEST = `{
  "vendor": "acme-backup",
  "name": "Acme Backup",
  "permissionSet": { "name": "Acme_Backup_Integration", "label": "Acme Backup Integration" },
  "userPermissions": [ { "name": "ApiEnabled", "tier": "required", "reason": "Calls the REST and Bulk APIs" } ]
}
`;

// These commands read no org, so a plain sinon sandbox stands in for TestContext, whose project stubs would hide the real sfdx-project.json.
describe('integration-user commands with --profile-file', () => {
  const sandbox = sinon.createSandbox();
  let ux: ReturnType<typeof stubSfCommandUx>;
  let project: string;
  let cwd: string;

  const output = (): string => ux.log.getCalls().flatMap((c) => c.args).join('\n');
  const read = (path: string): string => readFileSync(join(project, path), 'utf8');
  const failure = async (run: Promise<unknown>): Promise<Error> => {
    try {
      await run;
    } catch (error) {
      return error as Error;
    }
    return expect.fail('expected an error');
  };

  beforeEach(() => {
    ux = stubSfCommandUx(sandbox);
    cwd = process.cwd();
    project = mkdtempSync(join(tmpdir(), 'iu-profile-file-cmd-'));
    writeFileSync(join(project, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '66.0' }));
    mkdirSync(join(project, 'force-app', 'main', 'default'), { recursive: true });
    mkdirSync(join(project, 'config'));
    copyFileSync(FULL, join(project, 'config', 'acme-backup.profile.yaml'));
    writeFileSync(join(project, 'config', 'acme-backup.profile.json'), SMALLEST);
    process.chdir(project);
  });

  afterEach(() => {
    process.chdir(cwd);
    rmSync(project, { recursive: true, force: true });
    sandbox.restore();
  });

  it('generate: the smallest file writes what a built-in vendor would, under the file\'s vendor id', async () => {
    const result = await IntegrationUserGenerate.run(['--profile-file', 'config/acme-backup.profile.json']);
    expect(result.vendor).to.equal('acme-backup');
    expect(result.files.map((f) => `${f.status} ${f.path}`)).to.deep.equal([
      'created force-app/main/default/permissionsets/Acme_Backup_Integration.permissionset-meta.xml',
      'created config/acme-backup-integration-user-def.json',
      'created manifest/acme-backup-package.xml',
    ]);
    const record = readSourceXml(PERMISSION_SET, read('force-app/main/default/permissionsets/Acme_Backup_Integration.permissionset-meta.xml'));
    expect(record.label).to.equal('Acme Backup Integration');
    expect((record.userPermissions as Array<Record<string, string>>).map((p) => p.name)).to.deep.equal(['ApiEnabled']);
    expect(output()).to.include('sf project deploy start --manifest manifest/acme-backup-package.xml');
    expect(read('config/acme-backup.profile.json')).to.equal(SMALLEST);
  });

  it('generate: a file with every kind of item gives deployable, schema-valid files, and a second run changes nothing', async () => {
    const profileFile = join(project, 'config', 'acme-backup.profile.yaml');
    const before = { text: readFileSync(profileFile, 'utf8'), mtime: statSync(profileFile).mtimeMs };
    const args = ['--profile-file', 'config/acme-backup.profile.yaml', '--include', 'recommended', '--objects', 'Contact', '--task', 'restore'];
    const result = await IntegrationUserGenerate.run(args);
    expect(result.files.map((f) => f.path)).to.deep.equal([
      'force-app/main/default/permissionsets/Acme_Backup_Integration.permissionset-meta.xml',
      'force-app/main/default/settings/Security.settings-meta.xml',
      'config/acme-backup-integration-user-def.json',
      'manifest/acme-backup-package-1-settings.xml',
      'manifest/acme-backup-package-2-access.xml',
    ]);
    const xml = result.files.filter((f) => f.type === 'PermissionSet' || f.type === 'Settings');
    expect(await validateAgainstMetadataXsd(xml.map((f) => ({ fileName: f.path.split('/').pop() ?? f.path, contents: read(f.path) })))).to.deep.equal([]);
    const components = ComponentSet.fromSource(join(project, 'force-app'))
      .getSourceComponents()
      .toArray()
      .map((c) => `${c.type.name}:${c.fullName}`)
      .sort();
    expect(components).to.deep.equal(['PermissionSet:Acme_Backup_Integration', 'Settings:Security']);

    const record = readSourceXml(PERMISSION_SET, read('force-app/main/default/permissionsets/Acme_Backup_Integration.permissionset-meta.xml'));
    expect((record.objectPermissions as Array<Record<string, string>>).map((o) => o.object)).to.deep.equal(['Account', 'Contact']);
    expect(JSON.parse(read('config/acme-backup-integration-user-def.json'))).to.include({ FirstName: 'Acme', LastName: 'Backup Integration', UserPermissionsMarketingUser: true });
    const steps = result.nextSteps.flatMap((s) => s.commands.map((c) => c.command));
    expect(steps).to.include('sf org assign permset --name Acme_Backup_Integration --name acme__Backup_Connector --on-behalf-of <integration-user-username>');

    const again = await IntegrationUserGenerate.run(args);
    expect(again.files.map((f) => f.status)).to.deep.equal(['identical', 'identical', 'identical', 'identical', 'identical']);
    expect({ text: readFileSync(profileFile, 'utf8'), mtime: statSync(profileFile).mtimeMs }).to.deep.equal(before);
  });

  it('generate: refuses an invalid file before writing anything, naming the file, line and what is allowed', async () => {
    writeFileSync(join(project, 'config', 'bad.yaml'), readFileSync(FULL, 'utf8').replace('    tier: recommended\n    condition', '    tier: optional\n    condition'));
    const error = await failure(IntegrationUserGenerate.run(['--profile-file', 'config/bad.yaml', '--objects', 'Contact']));
    expect(error.name).to.equal('InvalidProfileFileError');
    expect(error.message).to.include('config/bad.yaml:31:11 userPermissions[3].tier: "optional" isn\'t allowed here. Allowed: required, recommended.');
    expect(ux.table.called).to.equal(false);
    expect(() => statSync(join(project, 'manifest'))).to.throw();
  });

  it('generate: takes exactly one of --vendor and --profile-file', async () => {
    expect((await failure(IntegrationUserGenerate.run([]))).message).to.include('Exactly one of the following must be provided: --profile-file, --vendor');
    const both = await failure(IntegrationUserGenerate.run(['--vendor', 'grax', '--profile-file', 'config/acme-backup.profile.json']));
    expect(both.message).to.include('--vendor cannot also be provided when using --profile-file');
  });

  it('display vendor: shows the file as generate reads it, each item with its source', async () => {
    const result = await IntegrationUserDisplayVendor.run(['--profile-file', 'config/acme-backup.profile.yaml']);
    expect(result.id).to.equal('acme-backup');
    expect(result.chosenObjects?.unsupported.map((u) => u.pattern)).to.deep.equal(['__b$']);
    const flat = output().replace(/\s+/g, ' ');
    expect(flat).to.include("user permission ViewAllData (View All Data) Tier: required Vendor's reason: Reads every record for backup Source: acme-backup.profile.yaml:23 ");
    expect(flat).to.match(/user permission ApiEnabled \([^)]+\) Tier: \w+ Vendor's reason: [^:]+ Source: https:\/\/docs\.example\.com\/acme-backup\/salesforce-permissions:20 /);
    expect(ux.styledHeader.firstCall.args[0]).to.equal('Acme Backup (acme-backup)');
    expect(output()).to.include('Page: Acme Backup: Connect your Salesforce org (https://docs.example.com/acme-backup/salesforce-permissions)');
  });
});
