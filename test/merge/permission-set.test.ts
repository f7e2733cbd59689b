import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { GenerateOptions, GenerateResult } from '../../src/generate.js';
import { generate } from '../../src/generate.js';
import { resolveLayout } from '../../src/layout.js';
import { findProfile } from '../../src/profiles/index.js';
import type { PermissionSetEntryChange } from '../../src/merge/permission-set.js';
import { mergePermissionSet, permissionSetFileMerge, reportPermissionSet } from '../../src/merge/permission-set.js';
import { toPermissionSetSource } from '../../src/render/permission-set.js';
import type { ResolveOptions } from '../../src/resolve/resolve.js';
import { resolvePlan } from '../../src/resolve/resolve.js';
import { readSourceXml } from '../helpers/read-source.js';
import { PERMISSION_SET } from '../../src/metadata/schemas.js';
import type { TextPermissionSet } from '../helpers/permission-sets.js';
import { EVERY_ELEMENT, expectedCanonical, scrambledXml } from '../helpers/permission-sets.js';
import { validateAgainstMetadataXsd } from '../helpers/shared.js';

const PERMISSION_SETS = join('force-app', 'main', 'default', 'permissionsets');

type Entry = Record<string, string>;

describe('generate merges into a permission set file that exists', () => {
  const projects: string[] = [];
  after(() => projects.forEach((p) => rmSync(p, { recursive: true, force: true })));

  /** A project holding one permission set file of the user's. */
  const projectWith = (permissionSet: string, xml: string): { dir: string; path: string } => {
    const dir = mkdtempSync(join(tmpdir(), 'iu-merge-'));
    projects.push(dir);
    writeFileSync(join(dir, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '62.0' }));
    mkdirSync(join(dir, PERMISSION_SETS), { recursive: true });
    const path = join(dir, PERMISSION_SETS, `${permissionSet}.permissionset-meta.xml`);
    writeFileSync(path, xml);
    return { dir, path };
  };

  const run = async (dir: string, vendor: string, options: Partial<GenerateOptions> = {}): Promise<GenerateResult> =>
    generate(findProfile(vendor), { ...options, layout: await resolveLayout({ vendor, cwd: dir }), cwd: dir });

  const entries = (xml: string, element: string): Entry[] => (readSourceXml(PERMISSION_SET, xml)[element] ?? []) as Entry[];
  const reportOf = (result: GenerateResult): PermissionSetEntryChange[] => result.files.find((f) => f.type === 'PermissionSet')?.permissionSet?.entries ?? [];
  const statusOf = (result: GenerateResult): string | undefined => result.files.find((f) => f.type === 'PermissionSet')?.status;
  const withAction = (result: GenerateResult, action: string): string[] =>
    reportOf(result)
      .filter((e) => e.action === action)
      .map((e) => `${e.element}:${e.name}${e.grants?.length ? `(${e.grants.join(',')})` : ''}`);

  describe('a file with entries of every element type, and one from a newer API version', () => {
    // The user's file: every element of PermissionSet, tab-indented, out of order, with an element API 67.0 doesn't have.
    const mine: TextPermissionSet = { ...EVERY_ELEMENT, userPermissions: [{ enabled: 'true', name: 'ViewSetup' }, { enabled: 'true', name: 'ManageUsers' }] };
    const newer = '\t<zNewerAccesses>\n\t\t<enabled>true</enabled>\n\t\t<name>Z</name>\n\t</zNewerAccesses>\n';
    const original = scrambledXml(mine, { order: [4, 2, 7, 1], indent: '\t', declaration: '<?xml version="1.0" encoding="UTF-8" ?>', finalNewline: false }).replace(
      '</PermissionSet>',
      `${newer}</PermissionSet>`
    );
    let dir: string;
    let path: string;
    let first: GenerateResult;
    let merged: string;

    before(async () => {
      ({ dir, path } = projectWith('GRAX_Integration_User', original));
      first = await run(dir, 'grax');
      merged = readFileSync(path, 'utf8');
    });

    it('keeps every entry and value the file had', () => {
      for (const [element, value] of Object.entries(mine)) {
        if (!Array.isArray(value)) {
          expect(readSourceXml(PERMISSION_SET, merged)[element], element).to.equal(value);
          continue;
        }
        for (const entry of value) expect(entries(merged, element), element).to.deep.include(entry);
      }
      expect(merged).to.include('    <zNewerAccesses>\n        <enabled>true</enabled>\n        <name>Z</name>\n    </zNewerAccesses>\n</PermissionSet>\n');
    });

    it("adds the vendor's entries, and reports each as added or kept", () => {
      const plan = first.plan.permissionSet;
      const names = entries(merged, 'userPermissions').map((p) => p.name);
      expect(names).to.include.members(plan.userPermissions.map((p) => p.name));
      const report = reportOf(first).filter((e) => e.element === 'userPermissions');
      expect(report.filter((e) => e.action === 'kept').map((e) => e.name)).to.deep.equal(['ViewSetup']);
      expect(report.filter((e) => e.action === 'added').map((e) => e.name)).to.deep.equal(plan.userPermissions.map((p) => p.name).filter((n) => n !== 'ViewSetup'));
      expect(withAction(first, 'added')).to.include('objectPermissions:Document');
      // All of the file's entries but ViewSetup, which the plan asks for too.
      const fileEntries = Object.values(mine).filter(Array.isArray).flat().length;
      expect(first.files.find((f) => f.type === 'PermissionSet')?.permissionSet?.otherEntriesKept).to.equal(fileEntries - 1);
      expect(withAction(first, 'removed')).to.deep.equal([]);
      expect(statusOf(first)).to.equal('changed');
    });

    it('writes the canonical form, valid against the schema', async () => {
      const label = readSourceXml(PERMISSION_SET, merged).label as string;
      expect(merged.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">\n    <agentAccesses>')).to.equal(true);
      expect(label).to.equal('Team Admin');
      expect(await validateAgainstMetadataXsd([{ fileName: 'merged.xml', contents: merged.replace(/ {4}<zNewerAccesses>[\s\S]*<\/zNewerAccesses>\n/, '') }])).to.deep.equal([]);
    });

    it('is a no-op when run again: identical, not rewritten, every entry kept', async () => {
      const mtime = statSync(path).mtimeMs;
      const again = await run(dir, 'grax');
      expect(again.files.map((f) => f.status)).to.deep.equal(['identical', 'identical', 'identical', 'identical', 'identical']);
      expect(statSync(path).mtimeMs).to.equal(mtime);
      expect(readFileSync(path, 'utf8')).to.equal(merged);
      expect(reportOf(again).every((e) => e.action === 'kept')).to.equal(true);
      expect(reportOf(again).length).to.equal(first.plan.permissionSet.userPermissions.length + first.plan.permissionSet.objectPermissions.length);
    });

    it('--prune removes the user, object and field permissions the plan lacks, and nothing else', async () => {
      const pruned = await run(dir, 'grax', { prune: true });
      const after = readFileSync(path, 'utf8');
      expect(withAction(pruned, 'removed')).to.deep.equal([
        'fieldPermissions:Account.Rating(editable,readable)',
        'objectPermissions:Invoice__c(allowCreate,allowDelete,allowEdit,allowRead)',
        'userPermissions:ManageUsers(enabled)',
      ]);
      expect(entries(after, 'fieldPermissions')).to.deep.equal([]);
      expect(entries(after, 'objectPermissions').map((o) => o.object)).to.deep.equal(['Document']);
      expect(entries(after, 'userPermissions').map((p) => p.name)).to.not.include('ManageUsers');
      // Everything else the file had is still there.
      for (const [element, value] of Object.entries(mine)) {
        if (['fieldPermissions', 'objectPermissions', 'userPermissions'].includes(element) || !Array.isArray(value)) continue;
        expect(entries(after, element), element).to.deep.equal(value);
      }
      expect(after).to.include('<zNewerAccesses>');
      const again = await run(dir, 'grax', { prune: true });
      expect(statusOf(again)).to.equal('identical');
    });
  });

  it('never lowers a grant, and upgrades the ones the plan needs', async () => {
    const mine: TextPermissionSet = {
      label: 'Backups',
      objectPermissions: [
        // The plan for restore needs Create, Edit, Read; the file has Delete and Modify All on top, and no Create.
        { allowCreate: 'false', allowDelete: 'true', allowEdit: 'true', allowRead: 'true', modifyAllRecords: 'true', object: 'Account', viewAllRecords: 'true' },
      ],
      userPermissions: [{ enabled: 'false', name: 'ApiEnabled' }],
    };
    const { dir, path } = projectWith('Salesforce_Backup_Object_Access', expectedCanonical(mine));
    const result = await run(dir, 'salesforce-backup', { objects: ['Account'], tasks: ['restore'] });
    expect(withAction(result, 'upgraded')).to.deep.equal(['objectPermissions:Account(allowCreate)']);
    expect(entries(readFileSync(path, 'utf8'), 'objectPermissions')).to.deep.equal([
      { allowCreate: 'true', allowDelete: 'true', allowEdit: 'true', allowRead: 'true', modifyAllRecords: 'true', object: 'Account', viewAllRecords: 'true' },
    ]);
    // A user permission the file turns off stays off where the plan doesn't need it; --prune would remove it.
    expect(entries(readFileSync(path, 'utf8'), 'userPermissions')).to.deep.equal([{ enabled: 'false', name: 'ApiEnabled' }]);
  });

  it('turns on a user permission the file has turned off, and keeps editable field access', async () => {
    const mine: TextPermissionSet = {
      fieldPermissions: [{ editable: 'true', field: 'Contact.Title', readable: 'true' }],
      label: 'Backstory',
      userPermissions: [{ enabled: 'false', name: 'ApiEnabled' }],
    };
    const { dir, path } = projectWith('GRAX_Integration_User', expectedCanonical(mine));
    const result = await run(dir, 'grax');
    expect(withAction(result, 'upgraded')).to.deep.equal(['userPermissions:ApiEnabled(enabled)']);

    const backstory = projectWith('Backstory_Integration_User', expectedCanonical(mine));
    await run(backstory.dir, 'backstory');
    expect(entries(readFileSync(backstory.path, 'utf8'), 'fieldPermissions').find((f) => f.field === 'Contact.Title')).to.deep.equal({
      editable: 'true',
      field: 'Contact.Title',
      readable: 'true',
    });
    expect(entries(readFileSync(path, 'utf8'), 'userPermissions').find((p) => p.name === 'ApiEnabled')?.enabled).to.equal('true');
  });

  it('rewrites a file that holds what the plan needs in another form, and reports every entry kept', async () => {
    const { dir, path } = projectWith('Other', '');
    const fresh = await run(dir, 'grax');
    expect(reportOf(fresh).every((e) => e.action === 'added')).to.equal(true);
    const generatedPath = join(dir, PERMISSION_SETS, 'GRAX_Integration_User.permissionset-meta.xml');
    const canonical = readFileSync(generatedPath, 'utf8');
    writeFileSync(generatedPath, canonical.replace(/ {4}/g, '\t').replace('?>', ' ?>').trimEnd());
    const again = await run(dir, 'grax');
    expect(statusOf(again)).to.equal('changed');
    expect(readFileSync(generatedPath, 'utf8')).to.equal(canonical);
    expect(reportOf(again).map((e) => e.action)).to.deep.equal(reportOf(fresh).map(() => 'kept'));
    expect(readFileSync(path, 'utf8'), 'other permission sets are not touched').to.equal('');
  });

  it('--dry-run reports the merge entry by entry and writes nothing', async () => {
    const original = expectedCanonical({ label: 'Mine', userPermissions: [{ enabled: 'true', name: 'ManageUsers' }] });
    const { dir, path } = projectWith('GRAX_Integration_User', original);
    const result = await run(dir, 'grax', { dryRun: true, prune: true });
    expect(statusOf(result)).to.equal('changed');
    expect(withAction(result, 'removed')).to.deep.equal(['userPermissions:ManageUsers(enabled)']);
    expect(withAction(result, 'added')).to.include('userPermissions:ApiEnabled');
    expect(readFileSync(path, 'utf8')).to.equal(original);
    expect(existsSync(join(dir, 'config'))).to.equal(false);
  });

  it('--force replaces the file, and reports each entry it drops', async () => {
    const original = expectedCanonical({ label: 'Mine', tabSettings: [{ tab: 'Log__c', visibility: 'Visible' }], userPermissions: [{ enabled: 'true', name: 'ManageUsers' }] });
    const { dir, path } = projectWith('GRAX_Integration_User', original);
    const result = await run(dir, 'grax', { force: true });
    expect(withAction(result, 'removed')).to.deep.equal(['tabSettings:Log__c', 'userPermissions:ManageUsers(enabled)']);
    expect(readFileSync(path, 'utf8')).to.not.include('ManageUsers').and.not.include('Log__c').and.include('<label>GRAX Integration User</label>');
  });

  it('refuses a file it cannot read, naming the file and line, and writes nothing', async () => {
    const broken = expectedCanonical({ label: 'Mine', userPermissions: [{ enabled: 'true', name: 'ManageUsers' }] }).replace(
      '    <userPermissions>',
      '<<<<<<< HEAD\n    <userPermissions>'
    );
    const { dir, path } = projectWith('GRAX_Integration_User', broken);
    let error: Error | undefined;
    try {
      await run(dir, 'grax');
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).to.match(/^force-app\/main\/default\/permissionsets\/GRAX_Integration_User\.permissionset-meta\.xml:4:\d+: isn't well-formed XML/);
    expect(error?.message).to.include('Nothing was written');
    expect(readFileSync(path, 'utf8')).to.equal(broken);
    expect(existsSync(join(dir, 'config'))).to.equal(false);
    expect(existsSync(join(dir, 'force-app', 'main', 'default', 'settings'))).to.equal(false);
  });

  it('reports a new file as every entry added, as comparing it with nothing does', () => {
    const cases: Array<[string, ResolveOptions]> = [
      ['grax', {}],
      ['backstory', { includeRecommended: true }],
      ['salesforce-backup', { objects: ['Account', 'Contact'] }],
    ];
    for (const [vendor, options] of cases) {
      const source = toPermissionSetSource(resolvePlan(findProfile(vendor), options).permissionSet, '62.0');
      const fromNothing = reportPermissionSet(undefined, mergePermissionSet({}, source, 'merge'), source);
      expect(fromNothing.entries.length, vendor).to.be.greaterThan(0);
      expect(permissionSetFileMerge(source, 'merge').report(), vendor).to.deep.equal(fromNothing);
    }
  });
});

describe('generate --check: files on disk against what the command would write', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const project = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'iu-check-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '62.0' }));
    mkdirSync(join(dir, 'force-app', 'main', 'default'), { recursive: true });
    return dir;
  };
  const run = async (dir: string, options: Partial<GenerateOptions> = {}): Promise<GenerateResult> =>
    generate(findProfile('grax'), { ...options, layout: await resolveLayout({ vendor: 'grax', cwd: dir }), cwd: dir });
  const psPath = (dir: string): string => join(dir, PERMISSION_SETS, 'GRAX_Integration_User.permissionset-meta.xml');

  it('writes nothing, and shows each missing file as a diff from /dev/null', async () => {
    const dir = project();
    const result = await run(dir, { check: true });
    expect(result.check).to.equal(true);
    expect(result.files.map((f) => f.status)).to.deep.equal(['created', 'created', 'created', 'created', 'created']);
    expect(result.files[0].diff).to.match(/^--- \/dev\/null\n\+\+\+ b\/force-app\/main\/default\/permissionsets\/GRAX_Integration_User.permissionset-meta.xml\n@@ -0,0 \+1,\d+ @@\n\+<\?xml/);
    expect(existsSync(join(dir, PERMISSION_SETS))).to.equal(false);
    expect(existsSync(join(dir, 'config'))).to.equal(false);
  });

  it('passes, with no diff, once the files are written', async () => {
    const dir = project();
    await run(dir);
    const result = await run(dir, { check: true });
    expect(result.files.map((f) => f.status)).to.deep.equal(['identical', 'identical', 'identical', 'identical', 'identical']);
    expect(result.files.every((f) => f.diff === undefined)).to.equal(true);
  });

  it('shows a missing grant as the lines that would be added, and leaves the file alone', async () => {
    const dir = project();
    await run(dir);
    const written = readFileSync(psPath(dir), 'utf8');
    const edited = written.replace('    <userPermissions>\n        <enabled>true</enabled>\n        <name>ViewAllData</name>\n    </userPermissions>\n', '');
    expect(edited).to.not.equal(written);
    writeFileSync(psPath(dir), edited);
    const result = await run(dir, { check: true });
    expect(result.files.map((f) => f.status)).to.deep.equal(['changed', 'identical', 'identical', 'identical', 'identical']);
    const diff = result.files[0].diff ?? '';
    expect(diff.split('\n').filter((l) => /^[-+] /.test(l))).to.deep.equal([
      '+    <userPermissions>',
      '+        <enabled>true</enabled>',
      '+        <name>ViewAllData</name>',
      '+    </userPermissions>',
    ]);
    expect(withActions(result)).to.deep.equal(['userPermissions:ViewAllData']);
    expect(readFileSync(psPath(dir), 'utf8')).to.equal(edited);
  });

  it('shows a file not in canonical form, and a user definition value of the user\'s as a conflict naming the key', async () => {
    const dir = project();
    await run(dir);
    const written = readFileSync(psPath(dir), 'utf8');
    writeFileSync(psPath(dir), written.replace('?>', ' ?>'));
    writeFileSync(join(dir, 'config', 'grax-integration-user-def.json'), '{"LastName":"Mine"}\n');
    const result = await run(dir, { check: true });
    expect(result.files.map((f) => f.status)).to.deep.equal(['changed', 'identical', 'conflict', 'identical', 'identical']);
    expect(result.files[2].conflict).to.include('"LastName" is "Mine"').and.include('--replace user-definition');
    expect(result.files[0].diff?.split('\n').slice(2, 5)).to.deep.equal(['@@ -1,4 +1,4 @@', '-<?xml version="1.0" encoding="UTF-8" ?>', '+<?xml version="1.0" encoding="UTF-8"?>']);
    expect(result.files[2].diff).to.include('-{"LastName":"Mine"}');
    expect(readFileSync(join(dir, 'config', 'grax-integration-user-def.json'), 'utf8')).to.equal('{"LastName":"Mine"}\n');
  });
});

const withActions = (result: GenerateResult): string[] =>
  (result.files.find((f) => f.type === 'PermissionSet')?.permissionSet?.entries ?? []).filter((e) => e.action !== 'kept').map((e) => `${e.element}:${e.name}`);
