import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { XMLParser } from 'fast-xml-parser';
import { isolatedSfEnv } from '../../scripts/sf-env.js';

/**
 * End to end through the real Salesforce CLI (npm @salesforce/cli, a devDependency): link the built
 * plugin, generate a project, run the plugin for every vendor, then convert the result to Metadata API
 * format as a deploy would. The CLI runs in a HOME of its own, so no user's sf state is read or touched.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SF_BIN = join(ROOT, 'node_modules', '.bin');

type Json<T> = { status: number; result: T };

describe('sf CLI end to end', () => {
  let home: string;
  let project: string;
  let env: NodeJS.ProcessEnv;

  const sf = (args: string[], cwd = project): string =>
    execFileSync(join(SF_BIN, 'sf'), args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const sfJson = <T>(args: string[]): Json<T> => JSON.parse(sf([...args, '--json'])) as Json<T>;

  before(function () {
    this.timeout(300_000);
    expect(existsSync(join(ROOT, 'lib', 'commands', 'integration-user', 'generate.js')), 'build the plugin first (npm run build)').to.equal(true);
    home = mkdtempSync(join(tmpdir(), 'iu-e2e-'));
    env = isolatedSfEnv(home, SF_BIN);
    sf(['plugins', 'link', ROOT, '--no-install'], home);
    // `sf project generate` under its current name.
    sf(['template', 'generate', 'project', '--name', 'e2e', '--output-dir', home], home);
    project = join(home, 'e2e');
  });

  after(() => rmSync(home, { recursive: true, force: true }));

  it('shows the linked plugin in sf', () => {
    const vendors = sfJson<Array<{ id: string }>>(['integration-user', 'list', 'vendors']);
    expect(vendors.result.map((v) => v.id)).to.deep.equal(['backstory', 'grax', 'ownbackup', 'salesforce-backup']);
    expect(sf(['integration-user', 'generate', '--help'])).to.include('--vendor');
  });

  it('shows the closed permission set with each chain and the org-wide permissions', () => {
    type Resolved = {
      resolved: {
        dependencies: { graph: string };
        userPermissions: Array<{ name: string; because: Array<{ from: string; chain?: string[] }> }>;
        risks: Array<{ grant: string }>;
      };
    };
    const { result } = sfJson<Resolved>(['integration-user', 'display', 'vendor', '--vendor', 'grax']);
    expect(result.resolved.dependencies.graph).to.equal('bundled');
    const folders = result.resolved.userPermissions.find((p) => p.name === 'CreateDashboardFolders');
    expect(folders?.because[0].chain).to.deep.equal(['ModifyAllData', 'ManageDashbdsInPubFolders']);
    expect(result.resolved.risks.map((r) => r.grant)).to.include.members(['ModifyAllData', 'ViewAllData']);
  });

  it('refuses a --target-org that sf has no authorization for, before reading or writing anything', () => {
    let failure: { status?: number; stdout?: string } | undefined;
    try {
      sf(['integration-user', 'generate', '--vendor', 'grax', '--target-org', 'no-such-org@example.com', '--json']);
    } catch (error) {
      failure = error as { status?: number; stdout?: string };
    }
    expect(failure?.status).to.not.equal(0);
    const json = JSON.parse(failure?.stdout ?? '{}') as { status?: number; name?: string; message?: string };
    expect(json.status).to.not.equal(0);
    expect(json.message).to.include('no-such-org@example.com');
    expect(existsSync(join(project, 'force-app', 'main', 'default', 'permissionsets', 'GRAX_Integration_User.permissionset-meta.xml'))).to.equal(false);
  });

  it('check: lists its flags and exit codes in help, and refuses an org sf has no authorization for, exit code neither 0 nor a check result', () => {
    const help = sf(['integration-user', 'check', '--help']).replace(/\s+/g, ' ');
    expect(help).to.include('--username').and.include('--scan-objects').and.include('100 when a required item fails').and.include('User Access Policies that select the user by Username');
    let failure: { status?: number; stdout?: string } | undefined;
    try {
      sf(['integration-user', 'check', '--vendor', 'grax', '--target-org', 'no-such-org@example.com', '--username', 'integration@acme.com', '--json']);
    } catch (error) {
      failure = error as { status?: number; stdout?: string };
    }
    // A flag sf can't resolve is a usage error (2); 0, 68 and 100 are reserved for checks that ran.
    expect(failure?.status).to.not.be.oneOf([0, 68, 100, undefined]);
    const json = JSON.parse(failure?.stdout ?? '{}') as { status?: number; message?: string };
    expect(json.status).to.equal(failure?.status);
    expect(json.message).to.include('no-such-org@example.com');
  });

  it('org shapes: retrieve org-shape refuses an org sf has no authorization for and writes nothing; --org-shape closes offline', () => {
    expect(sf(['integration-user', 'retrieve', 'org-shape', '--help'])).to.include('--output-file').and.to.include('config/<alias or username>.org-shape.json');
    let failure: { status?: number; stdout?: string } | undefined;
    try {
      sf(['integration-user', 'retrieve', 'org-shape', '--target-org', 'no-such-org@example.com', '--json']);
    } catch (error) {
      failure = error as { status?: number; stdout?: string };
    }
    expect(failure?.status).to.not.be.oneOf([0, undefined]);
    expect((JSON.parse(failure?.stdout ?? '{}') as { message?: string }).message).to.include('no-such-org@example.com');
    expect(existsSync(join(project, 'config', 'no-such-org@example.com.org-shape.json'))).to.equal(false);

    const shape = fileURLToPath(new URL('../fixtures/org/shape/forecasting-experiences.org-shape.json', import.meta.url));
    type Plan = { plan: { dependencies: { graph: string }; orgAssumptions: unknown[]; permissionSet: { userPermissions: Array<{ name: string }> } } };
    const { result } = sfJson<Plan>(['integration-user', 'generate', '--vendor', 'grax', '--org-shape', shape, '--dry-run']);
    expect(result.plan.dependencies.graph).to.equal('org-shape');
    expect(result.plan.orgAssumptions).to.deep.equal([]);
    const names = result.plan.permissionSet.userPermissions.map((p) => p.name);
    expect(names).to.include.members(['ManageQuotas', 'ManageNetworks']).and.to.not.include('ViewPlatformEvents');
    // Without a shape, the guesses come first in the output.
    expect(sf(['integration-user', 'display', 'vendor', '--vendor', 'grax']).trimStart()).to.match(/^Assumed about the org/);
  });

  const runs: Array<{ vendor: string; args: string[]; permissionSet: string }> = [
    { vendor: 'grax', args: [], permissionSet: 'GRAX_Integration_User' },
    { vendor: 'ownbackup', args: ['--include', 'recommended'], permissionSet: 'OwnBackup_Authenticated_User' },
    { vendor: 'salesforce-backup', args: ['--objects', 'Account,Contact,Opportunity', '--task', 'restore'], permissionSet: 'Salesforce_Backup_Object_Access' },
    { vendor: 'backstory', args: ['--include', 'recommended'], permissionSet: 'Backstory_Integration_User' },
  ];

  it('generates for all four vendors in a fresh sf project', () => {
    for (const run of runs) {
      const out = sfJson<{ files: Array<{ path: string; status: string }> }>(['integration-user', 'generate', '--vendor', run.vendor, ...run.args]);
      expect(out.status, run.vendor).to.equal(0);
      const permissionSetPath = `force-app/main/default/permissionsets/${run.permissionSet}.permissionset-meta.xml`;
      expect(out.result.files.map((f) => f.path), run.vendor).to.include(permissionSetPath);
      expect(existsSync(join(project, permissionSetPath)), run.vendor).to.equal(true);
    }
  });

  it('changes nothing when run again', () => {
    for (const run of runs) {
      const out = sfJson<{ files: Array<{ status: string }> }>(['integration-user', 'generate', '--vendor', run.vendor, ...run.args]);
      expect(out.result.files.map((f) => f.status), run.vendor).to.deep.equal(out.result.files.map(() => 'identical'));
    }
  });

  it('format --check and generate --check: exit 0 on the generated files, 100 with the file named and a diff once one drifts', () => {
    /** Runs sf and returns its exit code and output, whatever the code. */
    const sfStatus = (args: string[]): { status: number; stdout: string } => {
      try {
        return { status: 0, stdout: sf(args) };
      } catch (error) {
        const failure = error as { status: number; stdout: string };
        return { status: failure.status, stdout: String(failure.stdout) };
      }
    };
    const grax = 'force-app/main/default/permissionsets/GRAX_Integration_User.permissionset-meta.xml';
    const clean = sfStatus(['integration-user', 'format', '--source-dir', 'force-app', '--check', '--json']);
    expect(clean.status).to.equal(0);
    expect((JSON.parse(clean.stdout) as Json<{ files: Array<{ status: string }> }>).result.files.map((f) => f.status)).to.deep.equal(runs.map(() => 'identical'));

    const canonical = readFileSync(join(project, grax), 'utf8');
    // Drift: an editor re-indents the file with tabs, and someone removes a grant by hand.
    writeFileSync(join(project, grax), canonical.replace(/ {4}/g, '\t').replace(/\t<userPermissions>\n\t\t<enabled>true<\/enabled>\n\t\t<name>ViewAllData<\/name>\n\t<\/userPermissions>\n/, ''));
    const format = sfStatus(['integration-user', 'format', '--source-dir', 'force-app', '--check', '--json']);
    expect(format.status).to.equal(100);
    const formatJson = JSON.parse(format.stdout) as Json<{ files: Array<{ path: string; status: string }> }>;
    expect(formatJson.status).to.equal(100);
    expect(formatJson.result.files.filter((f) => f.status === 'changed').map((f) => f.path)).to.deep.equal([grax]);

    const generate = sfStatus(['integration-user', 'generate', '--vendor', 'grax', '--check']);
    expect(generate.status).to.equal(100);
    expect(generate.stdout).to.include(`--- a/${grax}`).and.include('+        <name>ViewAllData</name>');

    expect(sfStatus(['integration-user', 'format', '--source-dir', 'force-app']).status).to.equal(0);
    expect(sfStatus(['integration-user', 'generate', '--vendor', 'grax']).status).to.equal(0);
    expect(readFileSync(join(project, grax), 'utf8')).to.equal(canonical);
    expect(sfStatus(['integration-user', 'generate', '--vendor', 'grax', '--check', '--json']).status).to.equal(0);
  });

  it('reports bad input with the sf error shape and a non-zero exit', () => {
    let stdout = '';
    try {
      sf(['integration-user', 'generate', '--vendor', 'salesforce-backup', '--objects', 'AccountHistory', '--json']);
    } catch (error) {
      stdout = String((error as { stdout: string }).stdout);
    }
    const body = JSON.parse(stdout) as { status: number; name: string; message: string; actions: string[] };
    expect(body.status).to.equal(1);
    expect(body.name).to.equal('UnsupportedObjectError');
    expect(body.message).to.include('AccountHistory');
    expect(body.actions).to.have.length.greaterThan(0);
  });

  it('refuses a misspelled object with the closest name, exit code 1, and writes nothing', () => {
    const manifest = join(project, 'manifest', 'salesforce-backup-package.xml');
    const before = existsSync(manifest) ? readFileSync(manifest, 'utf8') : undefined;
    let failure: { status: number; stdout: string } | undefined;
    try {
      sf(['integration-user', 'generate', '--vendor', 'salesforce-backup', '--objects', 'Acount,Contact', '--manifest-file', 'manifest/typo.xml', '--json']);
    } catch (error) {
      failure = error as { status: number; stdout: string };
    }
    expect(failure?.status).to.equal(1);
    const body = JSON.parse(String(failure?.stdout)) as { name: string; message: string; actions: string[] };
    expect(body.name).to.equal('UnknownNamesError');
    expect(body.message).to.include('--objects: "Acount" isn\'t a standard object; did you mean Account?');
    expect(existsSync(join(project, 'manifest', 'typo.xml'))).to.equal(false);
    expect(existsSync(manifest) ? readFileSync(manifest, 'utf8') : undefined).to.equal(before);
  });

  it('converts to Metadata API format as a deploy would, with every generated component', () => {
    const mdapi = join(home, 'mdapi');
    sf(['project', 'convert', 'source', '--source-dir', 'force-app', '--output-dir', mdapi]);
    const manifest = new XMLParser({ isArray: (name) => ['types', 'members'].includes(name) }).parse(readFileSync(join(mdapi, 'package.xml'), 'utf8')) as {
      Package: { types: Array<{ name: string; members: string[] }> };
    };
    const members = Object.fromEntries(manifest.Package.types.map((t) => [t.name, [...t.members].sort()]));
    expect(members.PermissionSet).to.deep.equal(runs.map((r) => r.permissionSet).sort());
    expect(members.Settings).to.deep.equal(['Security']);
    expect(readdirSync(join(mdapi, 'permissionsets')).sort()).to.deep.equal(runs.map((r) => `${r.permissionSet}.permissionset`).sort());
    expect(readFileSync(join(mdapi, 'settings', 'Security.settings'), 'utf8')).to.include('<enableAuditFieldsInactiveOwner>true</enableAuditFieldsInactiveOwner>');
  });

  it('--username: a User Access Policy that sf converts and lists, with User Management settings, in a project of its own', () => {
    const own = join(home, 'policy');
    sf(['template', 'generate', 'project', '--name', 'policy', '--output-dir', home], home);
    const run = (): Json<{ files: Array<{ path: string; type: string; status: string }> }> =>
      JSON.parse(sf(['integration-user', 'generate', '--vendor', 'ownbackup', '--variant', 'api-only', '--username', 'u@acme.example', '--json'], own)) as Json<{
        files: Array<{ path: string; type: string; status: string }>;
      }>;
    const out = run();
    expect(out.status).to.equal(0);
    const policyPath = 'force-app/main/default/useraccesspolicies/OwnBackup_Authenticated_User_Policy.useraccesspolicy-meta.xml';
    expect(out.result.files.map((f) => `${f.type} ${f.path}`)).to.include.members([
      `UserAccessPolicy ${policyPath}`,
      'Settings force-app/main/default/settings/UserManagement.settings-meta.xml',
    ]);
    expect(run().result.files.map((f) => f.status)).to.deep.equal(out.result.files.map(() => 'identical'));

    // Three deploys: the settings that turn policies on, the permission set, then the policy that grants it.
    const convert = (manifest: string): string => {
      const mdapi = join(home, `policy-mdapi-${manifest.replace(/\W/g, '-')}`);
      sf(['project', 'convert', 'source', '--manifest', manifest, '--output-dir', mdapi], own);
      return mdapi;
    };
    const settings = convert('manifest/ownbackup-package-1-settings.xml');
    expect(readFileSync(join(settings, 'settings', 'UserManagement.settings'), 'utf8')).to.include('<userAccessPoliciesEnabled>true</userAccessPoliciesEnabled>');
    expect(readFileSync(join(convert('manifest/ownbackup-package-2-access.xml'), 'package.xml'), 'utf8')).to.include('<name>PermissionSet</name>').and.not.include('UserAccessPolicy');
    const mdapi = convert('manifest/ownbackup-package-3-policies.xml');
    const policy = readFileSync(join(mdapi, 'useraccesspolicies', 'OwnBackup_Authenticated_User_Policy.useraccesspolicy'), 'utf8');
    expect(policy).to.include('<target>SalesforceAPIIntegrationPsl</target>').and.include('<value>u@acme.example</value>').and.include('<status>Design</status>');
    const manifest = readFileSync(join(mdapi, 'package.xml'), 'utf8');
    expect(manifest).to.include('<members>OwnBackup_Authenticated_User_Policy</members>').and.include('<name>UserAccessPolicy</name>').and.not.include('<name>Settings</name>');

    let stdout = '';
    try {
      sf(['integration-user', 'generate', '--vendor', 'ownbackup', '--username', 'ownbackup', '--json'], own);
    } catch (error) {
      stdout = String((error as { stdout: string }).stdout);
    }
    expect((JSON.parse(stdout) as { message: string }).message).to.include('--username "ownbackup"');
  });

  it('converts each deploy step from its own manifest: the Security settings of GRAX first, then its permission set alone; one manifest where no settings are needed', () => {
    const members = (manifest: string): Record<string, string[]> => {
      const out = join(home, `mdapi-${manifest.replace(/\W/g, '-')}`);
      sf(['project', 'convert', 'source', '--manifest', manifest, '--output-dir', out]);
      const parsed = new XMLParser({ isArray: (name) => ['types', 'members'].includes(name) }).parse(readFileSync(join(out, 'package.xml'), 'utf8')) as {
        Package: { types: Array<{ name: string; members: string[] }> };
      };
      return Object.fromEntries(parsed.Package.types.map((t) => [t.name, t.members]));
    };
    expect(members('manifest/grax-package-1-settings.xml')).to.deep.equal({ Settings: ['Security'] });
    expect(members('manifest/grax-package-2-access.xml')).to.deep.equal({ PermissionSet: ['GRAX_Integration_User'] });
    expect(existsSync(join(project, 'manifest', 'grax-package.xml'))).to.equal(false);
    expect(members('manifest/backstory-package.xml')).to.deep.equal({ PermissionSet: ['Backstory_Integration_User'] });
  });

  it('generates from a profile file for a vendor not built in, and points into the file when it is wrong', () => {
    const profileFile = join(project, 'config', 'acme-backup.profile.yaml');
    const text = readFileSync(fileURLToPath(new URL('../fixtures/profile-files/acme-backup.yaml', import.meta.url)), 'utf8');
    writeFileSync(profileFile, text);
    const out = sfJson<{ vendor: string; files: Array<{ path: string; status: string }> }>([
      'integration-user', 'generate', '--profile-file', 'config/acme-backup.profile.yaml', '--objects', 'Contact', '--task', 'restore',
    ]);
    expect(out.status).to.equal(0);
    expect(out.result.vendor).to.equal('acme-backup');
    expect(out.result.files.map((f) => f.path)).to.include.members([
      'force-app/main/default/permissionsets/Acme_Backup_Integration.permissionset-meta.xml',
      'config/acme-backup-integration-user-def.json',
      'manifest/acme-backup-package-1-settings.xml',
      'manifest/acme-backup-package-2-access.xml',
    ]);
    expect(existsSync(join(project, 'force-app/main/default/permissionsets/Acme_Backup_Integration.permissionset-meta.xml'))).to.equal(true);
    expect(readFileSync(profileFile, 'utf8')).to.equal(text);

    writeFileSync(profileFile, text.replace('- name: ViewAllData', '- name: View All Data'));
    let stdout = '';
    try {
      sf(['integration-user', 'generate', '--profile-file', 'config/acme-backup.profile.yaml', '--objects', 'Contact', '--json']);
    } catch (error) {
      stdout = String((error as { stdout: string }).stdout);
    }
    const body = JSON.parse(stdout) as { status: number; name: string; data: { problems: Array<{ path: string; line: number; message: string }> } };
    expect(body.status).to.equal(1);
    expect(body.name).to.equal('InvalidProfileFileError');
    const [problem] = body.data.problems;
    expect(problem).to.include({ path: 'userPermissions[1].name', line: 23, column: 11 });
    expect(problem.message).to.include('No user permission is named "View All Data"; did you mean ViewAllData (View All Data)');
  });
  it("refuses an 81-character label and a control character in a profile file, and a metadata file holding one, writing nothing", () => {
    /** The --json body of a run that fails. */
    const failed = (args: string[]): { status: number; name: string; message: string; data?: { problems: Array<{ path: string; line: number; message: string }> } } => {
      try {
        sf([...args, '--json']);
      } catch (error) {
        return JSON.parse(String((error as { stdout: string }).stdout)) as ReturnType<typeof failed>;
      }
      return expect.fail(`expected sf ${args.join(' ')} to fail`);
    };
    const text = readFileSync(fileURLToPath(new URL('../fixtures/profile-files/acme-backup.yaml', import.meta.url)), 'utf8')
      .replace('name: Acme_Backup_Integration', 'name: Acme_Values_Check')
      .replace('label: Acme Backup Integration', `label: ${'L'.repeat(81)}`)
      .replace(/description: What the Acme.*/, 'description: "Backs up\\u0001 this org"');
    writeFileSync(join(project, 'config', 'acme-values.profile.yaml'), text);
    const body = failed(['integration-user', 'generate', '--profile-file', 'config/acme-values.profile.yaml', '--objects', 'Contact']);
    expect(body.status).to.equal(1);
    expect(body.name).to.equal('InvalidProfileFileError');
    expect(body.data?.problems.map((p) => [p.path, p.line])).to.deep.equal([
      ['permissionSet.label', 10],
      ['permissionSet.description', 11],
    ]);
    expect(body.message).to.include('acme-values.profile.yaml:10:10 permissionSet.label: Too long: 81 characters, and Salesforce takes at most 80');
    expect(body.message).to.include("acme-values.profile.yaml:11:16 permissionSet.description: Holds U+0001 (character 9), which XML 1.0 can't carry");
    expect(existsSync(join(project, 'force-app/main/default/permissionsets/Acme_Values_Check.permissionset-meta.xml'))).to.equal(false);

    // A file someone else wrote with one, raw or as an XML 1.1 reference: refused by the reader at its line and column.
    const stray = join(project, 'force-app/main/default/permissionsets/Values_Check.permissionset-meta.xml');
    const file = (label: string): string =>
      `<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>${label}</label>\n</PermissionSet>\n`;
    try {
      for (const [label, detail] of [['Values\u0001', "it holds U+0001, a character XML 1.0 can't carry"], ['Values&#1;', '&#1; refers to a character XML 1.0']]) {
        writeFileSync(stray, file(label));
        const format = failed(['integration-user', 'format', '--source-dir', 'force-app', '--check']);
        expect(format.status, label).to.equal(1);
        expect(format.message).to.include(`Values_Check.permissionset-meta.xml:3:18: isn't well-formed XML: ${detail}`);
        expect(readFileSync(stray, 'utf8')).to.equal(file(label));
      }
    } finally {
      rmSync(stray);
    }
  });

  it('convert page: drafts a profile from a vendor page, which display vendor and generate take as it is', () => {
    const page = fileURLToPath(new URL('../fixtures/pages/acme-permissions.html', import.meta.url));
    const converted = sfJson<{ outputFile: string; items: Array<{ kind: string; name: string }>; review: unknown[] }>([
      'integration-user', 'convert', 'page', '--page', page, '--vendor', 'acme-sync', '--vendor-name', 'Acme Sync',
    ]);
    expect(converted.status).to.equal(0);
    expect(converted.result.outputFile).to.equal(join('config', 'acme-sync.profile.yaml'));
    expect(converted.result.items.filter((i) => i.kind === 'userPermission').map((i) => i.name)).to.include.members(['ApiEnabled', 'ViewSetup']);
    const shown = sfJson<{ resolved: { userPermissions: Array<{ name: string }> } }>(['integration-user', 'display', 'vendor', '--profile-file', 'config/acme-sync.profile.yaml']);
    expect(shown.result.resolved.userPermissions.map((p) => p.name)).to.include.members(['ApiEnabled', 'ViewSetup']);
    const generated = sfJson<{ files: Array<{ path: string }> }>(['integration-user', 'generate', '--profile-file', 'config/acme-sync.profile.yaml']);
    expect(generated.result.files.map((f) => f.path)).to.include('force-app/main/default/permissionsets/Acme_Sync_User.permissionset-meta.xml');
    const xml = readFileSync(join(project, 'force-app/main/default/permissionsets/Acme_Sync_User.permissionset-meta.xml'), 'utf8');
    expect(xml).to.include('<name>ApiEnabled</name>').and.include('<object>Account</object>');

    let stdout = '';
    try {
      sf(['integration-user', 'convert', 'page', '--page', page, '--vendor', 'acme-sync', '--json']);
    } catch (error) {
      stdout = String((error as { stdout: string }).stdout);
    }
    const refused = JSON.parse(stdout) as { status: number; message: string };
    expect(refused.status).to.equal(1);
    expect(refused.message).to.include('exists; nothing was written');
  });
});
