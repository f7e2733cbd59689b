import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ComponentSet } from '@salesforce/source-deploy-retrieve';
import { findProfile } from '../src/profiles/index.js';
import type { GenerateOptions, GenerateResult } from '../src/generate.js';
import { generate } from '../src/generate.js';
import { resolveLayout } from '../src/layout.js';
import { PERMISSION_SET } from '../src/metadata/schemas.js';
import { readSourceXml } from './helpers/read-source.js';
import { validateAgainstMetadataXsd } from './helpers/shared.js';
import { readTable } from '../src/reference/tables.js';

type Case = { vendor: string; options: Omit<GenerateOptions, 'layout'> };

/** Each vendor with options that exercise it; Salesforce Backup needs objects. */
const CASES: Case[] = [
  { vendor: 'grax', options: {} },
  { vendor: 'grax', options: { includeRecommended: true } },
  { vendor: 'ownbackup', options: { includeRecommended: true } },
  { vendor: 'ownbackup', options: { variant: 'api-only' } },
  { vendor: 'salesforce-backup', options: { objects: ['Account', 'Contact', 'Invoice__c'], tasks: ['backup', 'restore'] } },
  { vendor: 'backstory', options: { includeRecommended: true } },
  { vendor: 'backstory', options: { variant: 'least-privilege' } },
  { vendor: 'backstory', options: { variant: 'c' } },
];

const makeProject = (sourceApiVersion = '66.0'): string => {
  const dir = mkdtempSync(join(tmpdir(), 'iu-project-'));
  writeFileSync(join(dir, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion }));
  mkdirSync(join(dir, 'force-app', 'main', 'default'), { recursive: true });
  return dir;
};

const run = async (project: string, c: Case, extra: Partial<GenerateOptions> = {}): Promise<GenerateResult> => {
  const layout = await resolveLayout({ vendor: c.vendor, cwd: project });
  return generate(findProfile(c.vendor), { ...c.options, layout, cwd: project, ...extra });
};

const read = (project: string, path: string): string => readFileSync(join(project, path), 'utf8');

const snapshot = (project: string, result: GenerateResult): Record<string, string> =>
  Object.fromEntries(result.files.map((f) => [f.path, read(project, f.path)]));

describe('generate: vendor profile to deployable files', () => {
  const projects: string[] = [];
  const project = (apiVersion?: string): string => {
    const dir = makeProject(apiVersion);
    projects.push(dir);
    return dir;
  };
  after(() => projects.forEach((p) => rmSync(p, { recursive: true, force: true })));

  /** The manifests, in deploy order: org settings in a deploy of their own where there are any. */
  const manifests = (vendor: string, settings: boolean): string[] =>
    settings ? [`manifest/${vendor}-package-1-settings.xml`, `manifest/${vendor}-package-2-access.xml`] : [`manifest/${vendor}-package.xml`];

  for (const c of CASES) {
    describe(`${c.vendor} ${JSON.stringify(c.options)}`, () => {
      let dir: string;
      let result: GenerateResult;
      before(async () => {
        dir = project();
        result = await run(dir, c);
      });

      it('writes the permission set, settings where needed, the user definition and the manifest where sf expects them', () => {
        const ps = result.plan.permissionSet.fullName;
        const expected = [
          `force-app/main/default/permissionsets/${ps}.permissionset-meta.xml`,
          ...(result.plan.orgSettings.length ? ['force-app/main/default/settings/Security.settings-meta.xml'] : []),
          `config/${c.vendor}-integration-user-def.json`,
          ...manifests(c.vendor, result.plan.orgSettings.length > 0),
        ];
        expect(result.files.map((f) => f.path)).to.deep.equal(expected);
        expect(result.files.every((f) => f.status === 'created')).to.equal(true);
        for (const path of expected) expect(existsSync(join(dir, path)), path).to.equal(true);
      });

      it('holds exactly the plan: the profile items for its tiers and the permissions they depend on', () => {
        const file = result.files.find((f) => f.type === 'PermissionSet');
        const record = readSourceXml(PERMISSION_SET, read(dir, file?.path ?? ''));
        const entries = (name: string) => (record[name] ?? []) as Array<Record<string, string>>;
        const planned = result.plan.permissionSet;
        expect(entries('userPermissions').map((p) => p.name)).to.deep.equal(planned.userPermissions.map((p) => p.name));
        expect(entries('userPermissions').every((p) => p.enabled === 'true')).to.equal(true);
        expect(entries('objectPermissions').map((o) => o.object)).to.deep.equal(planned.objectPermissions.map((o) => o.object));
        for (const o of planned.objectPermissions) {
          const written = entries('objectPermissions').find((e) => e.object === o.object) ?? {};
          for (const [access, granted] of Object.entries(o.access)) expect(written[access], `${o.object}.${access}`).to.equal(String(granted));
        }
        expect(entries('fieldPermissions').map((f) => f.field)).to.deep.equal(planned.fieldPermissions.map((f) => f.field));
        expect(record.label).to.equal(planned.label);
      });

      it("holds the vendor's permissions for the tiers asked for, and beyond them only what they depend on", () => {
        const file = result.files.find((f) => f.type === 'PermissionSet');
        const written = ((readSourceXml(PERMISSION_SET, read(dir, file?.path ?? '')).userPermissions ?? []) as Array<Record<string, string>>).map((p) => p.name);
        // Straight from the profile, not from the plan.
        const profile = findProfile(c.vendor);
        const variant = profile.variants?.find((v) => v.id === (c.options.variant ?? profile.defaultVariant));
        const tiers = c.options.includeRecommended ? ['required', 'recommended'] : ['required'];
        const asked = [...(profile.userPermissions ?? []), ...(variant?.userPermissions ?? [])].filter((p) => tiers.includes(p.tier)).map((p) => p.name);
        expect(written).to.include.members(asked);
        // Everything else must be reachable from what was asked through the bundled dependency table.
        const edges = readTable('permission-dependencies.tsv');
        const reachable = new Set(asked);
        for (let grew = true; grew; ) {
          grew = false;
          for (const edge of edges) {
            if (reachable.has(edge.permission) && !reachable.has(edge.requires)) {
              reachable.add(edge.requires);
              grew = true;
            }
          }
        }
        for (const name of written) expect(reachable.has(name), `${name} is neither asked for nor a dependency`).to.equal(true);
      });

      it('validates against the Metadata API schema', async () => {
        const xml = result.files.filter((f) => f.type === 'PermissionSet' || f.type === 'Settings');
        const errors = await validateAgainstMetadataXsd(xml.map((f) => ({ fileName: f.path.split('/').pop() ?? f.path, contents: read(dir, f.path) })));
        expect(errors).to.deep.equal([]);
      });

      it('resolves, from disk, as the metadata types source-deploy-retrieve deploys', async () => {
        const set = ComponentSet.fromSource(join(dir, 'force-app'));
        const components = set
          .getSourceComponents()
          .toArray()
          .map((component) => `${component.type.name}:${component.fullName}`)
          .sort();
        const expected = result.files.filter((f) => f.fullName).map((f) => `${f.type}:${f.fullName ?? ''}`).sort();
        expect(components).to.deep.equal(expected);
        // One manifest per deploy step, each as source-deploy-retrieve writes it for that step's components on disk.
        const settings = result.plan.orgSettings.length > 0;
        const [first, last] = manifests(c.vendor, settings);
        const step = (types: (type: string) => boolean): ComponentSet => {
          const part = new ComponentSet(set.getSourceComponents().toArray().filter((component) => types(component.type.name)));
          part.sourceApiVersion = '66.0';
          return part;
        };
        if (settings) {
          expect(read(dir, first)).to.equal(await step((type) => type === 'Settings').getPackageXml());
          expect(read(dir, last)).to.equal(await step((type) => type !== 'Settings').getPackageXml());
          expect(read(dir, last)).to.not.include('<name>Settings</name>');
        } else {
          set.sourceApiVersion = '66.0';
          expect(read(dir, first)).to.equal(await set.getPackageXml());
        }
      });

      it('writes a user definition for sf org create user, with nothing secret', () => {
        const definition = JSON.parse(read(dir, `config/${c.vendor}-integration-user-def.json`)) as Record<string, unknown>;
        expect(definition.profileName).to.equal(result.plan.userProfile.name);
        const apiOnly = c.options.variant === 'api-only';
        // An API-only user takes no permission set before its license, so none is assigned at creation.
        expect(definition.permsets).to.deep.equal(apiOnly ? [] : [result.plan.permissionSet.fullName]);
        for (const field of result.plan.userFields) expect(definition[field.field]).to.equal(field.value);
        expect(Object.keys(definition).filter((k) => /password|username|email/i.test(k))).to.deep.equal([]);
      });

      it('is byte-for-byte stable: a second run changes nothing, and a fresh project gets the same bytes', async () => {
        const first = snapshot(dir, result);
        const mtimes = result.files.map((f) => statSync(join(dir, f.path)).mtimeMs);
        const again = await run(dir, c);
        expect(again.files.map((f) => f.status)).to.deep.equal(result.files.map(() => 'identical'));
        expect(result.files.map((f) => statSync(join(dir, f.path)).mtimeMs)).to.deep.equal(mtimes);
        const other = project();
        expect(snapshot(other, await run(other, c))).to.deep.equal(first);
      });
    });
  }

  it('dry run reports what would be written and writes nothing', async () => {
    const dir = project();
    const result = await run(dir, CASES[0], { dryRun: true });
    expect(result.dryRun).to.equal(true);
    expect(result.files.map((f) => f.status)).to.deep.equal(['created', 'created', 'created', 'created', 'created']);
    expect(existsSync(join(dir, 'force-app', 'main', 'default', 'permissionsets'))).to.equal(false);
    expect(existsSync(join(dir, 'config'))).to.equal(false);
  });

  it('adds the preference to Security settings the project already has', async () => {
    const dir = project();
    const settings = join(dir, 'force-app', 'main', 'default', 'settings');
    mkdirSync(settings, { recursive: true });
    const existing = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<SecuritySettings xmlns="http://soap.sforce.com/2006/04/metadata">',
      '    <sessionSettings>',
      '        <sessionTimeout>TwoHours</sessionTimeout>',
      '    </sessionSettings>',
      '</SecuritySettings>',
      '',
    ];
    writeFileSync(join(settings, 'Security.settings-meta.xml'), existing.join('\n'));
    const result = await run(dir, CASES[0]);
    expect(result.files.find((f) => f.type === 'Settings')?.status).to.equal('changed');
    expect(readFileSync(join(settings, 'Security.settings-meta.xml'), 'utf8')).to.equal(
      [...existing.slice(0, 2), '    <enableAuditFieldsInactiveOwner>true</enableAuditFieldsInactiveOwner>', ...existing.slice(2)].join('\n')
    );
  });

  it('leaves a user definition file with other content alone, and writes nothing else either', async () => {
    const dir = project();
    mkdirSync(join(dir, 'config'));
    writeFileSync(join(dir, 'config', 'grax-integration-user-def.json'), '{"LastName":"Mine"}\n');
    let message = '';
    try {
      await run(dir, CASES[0]);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.include('grax-integration-user-def.json').and.include('--user-def-file');
    expect(readFileSync(join(dir, 'config', 'grax-integration-user-def.json'), 'utf8')).to.equal('{"LastName":"Mine"}\n');
    expect(existsSync(join(dir, 'force-app', 'main', 'default', 'permissionsets'))).to.equal(false);
  });

  it('writes viewAllFields only from API version 63.0, as a retrieve at that version does', async () => {
    const backstory: Case = { vendor: 'backstory', options: {} };
    const old = project('62.0');
    const recent = project('63.0');
    const path = 'force-app/main/default/permissionsets/Backstory_Integration_User.permissionset-meta.xml';
    await run(old, backstory);
    await run(recent, backstory);
    expect(read(old, path)).to.not.include('viewAllFields');
    expect(read(recent, path)).to.include('<viewAllFields>false</viewAllFields>');
    expect(read(old, 'manifest/backstory-package.xml')).to.include('<version>62.0</version>');
  });
});
