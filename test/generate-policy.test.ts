import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ComponentSet } from '@salesforce/source-deploy-retrieve';
import { findProfile } from '../src/profiles/index.js';
import type { GenerateOptions, GenerateResult } from '../src/generate.js';
import { generate } from '../src/generate.js';
import { resolveLayout } from '../src/layout.js';
import { SHARED, validateAgainstMetadataXsd } from './helpers/shared.js';

const POLICY = 'force-app/main/default/useraccesspolicies/OwnBackup_Authenticated_User_Policy.useraccesspolicy-meta.xml';
const USER_MANAGEMENT = 'force-app/main/default/settings/UserManagement.settings-meta.xml';

describe('generate --username: a User Access Policy for the integration user', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const project = (sourceApiVersion = '66.0'): string => {
    const dir = mkdtempSync(join(tmpdir(), 'iu-policy-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion }));
    mkdirSync(join(dir, 'force-app', 'main', 'default'), { recursive: true });
    return dir;
  };
  const run = async (dir: string, extra: Partial<GenerateOptions> = {}): Promise<GenerateResult> =>
    generate(findProfile('ownbackup'), { variant: 'api-only', username: 'u@acme.example', layout: await resolveLayout({ vendor: 'ownbackup', cwd: dir }), cwd: dir, ...extra });
  const read = (dir: string, path: string): string => readFileSync(join(dir, path), 'utf8');

  let dir: string;
  let result: GenerateResult;
  before(async () => {
    dir = project();
    result = await run(dir);
  });

  it('writes the policy and the User Management settings beside the permission set, resolved by source-deploy-retrieve and in the package.xml', async () => {
    expect(result.files.map((f) => `${f.type} ${f.path}`)).to.include.members([`UserAccessPolicy ${POLICY}`, `Settings ${USER_MANAGEMENT}`]);
    const set = ComponentSet.fromSource(join(dir, 'force-app'));
    const components = set.getSourceComponents().toArray().map((c) => `${c.type.name}:${c.fullName}`).sort();
    expect(components).to.deep.equal(['PermissionSet:OwnBackup_Authenticated_User', 'Settings:Security', 'Settings:UserManagement', 'UserAccessPolicy:OwnBackup_Authenticated_User_Policy']);
    // The policy deploys last, in a manifest of its own, after the settings that turn policies on and the permission set it grants.
    const policyOnly = new ComponentSet(set.getSourceComponents().toArray().filter((c) => c.type.name === 'UserAccessPolicy'));
    policyOnly.sourceApiVersion = '66.0';
    const manifest = read(dir, 'manifest/ownbackup-package-3-policies.xml');
    expect(manifest).to.equal(await policyOnly.getPackageXml());
    expect(manifest).to.include('<members>OwnBackup_Authenticated_User_Policy</members>\n        <name>UserAccessPolicy</name>');
    expect(read(dir, 'manifest/ownbackup-package-1-settings.xml')).to.include('<members>Security</members>').and.include('<members>UserManagement</members>');
  });

  it('grants the Salesforce API Integration license, then the OwnBackup permission sets, to the user with that Username, in Design status', () => {
    const xml = read(dir, POLICY);
    const actions = [...xml.matchAll(/<target>(\w+)<\/target>\s*<type>(\w+)<\/type>\s*<\/userAccessPolicyActions>/g)].map((m) => `${m[2]} ${m[1]}`);
    expect(actions).to.deep.equal([
      'PermissionSetLicense EinsteinAnalyticsPlusPsl',
      'PermissionSetLicense SalesforceAPIIntegrationPsl',
      'PermissionSet OwnBackup_Authenticated_User',
      'PermissionSet EinsteinAnalyticsPlusAdmin',
    ]);
    expect(xml).to.include('<columnName>Username</columnName>\n        <operation>equals</operation>').and.include('<value>u@acme.example</value>');
    expect(xml).to.include('<status>Design</status>').and.include('<triggerType>CreateAndUpdate</triggerType>');
  });

  it('writes schema-valid User Management settings, and a user definition with the username the policy selects', async () => {
    expect(await validateAgainstMetadataXsd([{ fileName: 'UserManagement.settings-meta.xml', contents: read(dir, USER_MANAGEMENT) }])).to.deep.equal([]);
    expect(JSON.parse(read(dir, 'config/ownbackup-integration-user-def.json'))).to.include({ Username: 'u@acme.example' });
  });

  it('says in the next steps that the policy deploys in Design, and how to activate and apply it in Setup', () => {
    const summaries = result.nextSteps.map((s) => s.summary).join('\n');
    expect(summaries).to.include('Design status').and.include('Preview Users').and.include("can't activate it or run it");
    const commands = result.nextSteps.flatMap((s) => s.commands.map((c) => c.command));
    expect(commands).to.include('sf project deploy start --manifest manifest/ownbackup-package-3-policies.xml');
    expect(commands.some((c) => c.includes('--on-behalf-of u@acme.example'))).to.equal(true);
    expect(commands.some((c) => c.includes('<integration-user-username>'))).to.equal(false);
  });

  it('changes nothing when run again', async () => {
    const again = await run(dir);
    expect(again.files.map((f) => f.status)).to.deep.equal(again.files.map(() => 'identical'));
  });

  it('refuses a username not in email form and a project API version before 57.0, writing nothing', async () => {
    const other = project();
    let message = '';
    await run(other, { username: 'ownbackup' }).catch((error: Error) => (message = error.message));
    expect(message).to.include('--username "ownbackup" isn\'t a Salesforce username');
    const old = project('56.0');
    await run(old).catch((error: Error) => (message = error.message));
    expect(message).to.include('from version 57.0').and.include('56.0');
    expect(() => read(old, POLICY)).to.throw();
  });

  it('refuses a policy file of the same name that selects another user, naming it', async () => {
    const other = project();
    await run(other, { username: 'someone@acme.example' });
    let message = '';
    await run(other).catch((error: Error) => (message = error.message));
    expect(message).to.include('OwnBackup_Authenticated_User_Policy.useraccesspolicy-meta.xml').and.include('Username equals someone@acme.example');
  });
});

describe('generate --scratch-def: the plan\'s org preferences in a scratch org definition', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('merges into a real scratch definition (AnimalShelterStarter), keeping the rest, idempotent; creates one where there is none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iu-scratch-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '66.0' }));
    mkdirSync(join(dir, 'force-app', 'main', 'default'), { recursive: true });
    mkdirSync(join(dir, 'config'));
    const original = readFileSync(`${SHARED}corpus/scratch-defs/SalesforceLabs__AnimalShelterStarter__dev-scratch-def.json`, 'utf8');
    writeFileSync(join(dir, 'config', 'project-scratch-def.json'), original);
    const run = async (): Promise<GenerateResult> =>
      generate(findProfile('grax'), { username: 'grax@acme.example', scratchDefinitionFile: 'config/project-scratch-def.json', layout: await resolveLayout({ vendor: 'grax', cwd: dir }), cwd: dir });
    const first = await run();
    expect(first.files.find((f) => f.type === 'ScratchOrgDefinition')).to.include({ path: 'config/project-scratch-def.json', status: 'changed' });
    const merged = JSON.parse(readFileSync(join(dir, 'config', 'project-scratch-def.json'), 'utf8')) as { settings: Record<string, Record<string, unknown>> };
    expect(merged.settings.securitySettings).to.deep.equal({ enableAdminLoginAsAnyUser: true, sessionSettings: { forceRelogin: false }, enableAuditFieldsInactiveOwner: true });
    expect(merged.settings.userManagementSettings).to.deep.equal({ enableNewProfileUI: true, enableEnhcUiUserAccessPolicies: true, userAccessPoliciesEnabled: true });
    expect(first.nextSteps[0].commands[0].command).to.equal('sf org create scratch --definition-file config/project-scratch-def.json --alias integration-user --set-default');
    const again = await run();
    expect(again.files.map((f) => f.status)).to.deep.equal(again.files.map(() => 'identical'));

    writeFileSync(join(dir, 'config', 'other.json'), '{ "settings": { "securitySettings": { "enableAuditFieldsInactiveOwner": false } } }\n');
    let message = '';
    await generate(findProfile('grax'), { username: 'grax@acme.example', scratchDefinitionFile: 'config/other.json', layout: await resolveLayout({ vendor: 'grax', cwd: dir }), cwd: dir }).catch(
      (error: Error) => (message = error.message)
    );
    expect(message).to.include('other.json: sets settings.securitySettings.enableAuditFieldsInactiveOwner to false');

    const created = await generate(findProfile('grax'), { username: 'grax@acme.example', scratchDefinitionFile: 'config/new-scratch-def.json', layout: await resolveLayout({ vendor: 'grax', cwd: dir }), cwd: dir });
    expect(created.files.find((f) => f.type === 'ScratchOrgDefinition')).to.include({ status: 'created' });
    expect(JSON.parse(readFileSync(join(dir, 'config', 'new-scratch-def.json'), 'utf8'))).to.deep.include({
      edition: 'Developer',
      settings: {
        securitySettings: { enableAuditFieldsInactiveOwner: true },
        userManagementSettings: { enableEnhcUiUserAccessPolicies: true, userAccessPoliciesEnabled: true },
      },
    });
  });
});
