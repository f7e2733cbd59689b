import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { expect } from 'chai';
import { ComponentSet, MetadataConverter, RegistryAccess } from '@salesforce/source-deploy-retrieve';
import { SfProject } from '@salesforce/core';
import { findProfile } from '../../src/profiles/index.js';
import type { GenerateOptions, GenerateResult } from '../../src/generate.js';
import { generate } from '../../src/generate.js';
import { resolveLayout } from '../../src/layout.js';
import { formatPermissionSets } from '../../src/format.js';
import { readPermissionSet } from '../../src/read/permission-set.js';
import { renderPermissionSet } from '../../src/render/permission-set.js';
import { findStoredPermissionSet, permissionSetPaths, readStoredPermissionSet } from '../../src/source-format/stored.js';
import { EVERY_ELEMENT, expectedCanonical } from '../helpers/permission-sets.js';

/**
 * Decomposed permission sets (sfdx-project.json sourceBehaviorOptions): source-deploy-retrieve's own registry
 * presets and converter are the reference for the layout; the e2e test compares with `sf project convert mdapi`.
 */
const PRESETS = ['decomposePermissionSetBeta2', 'decomposePermissionSetBeta'] as const;
const PS = join('force-app', 'main', 'default', 'permissionsets');
const GRAX = 'GRAX_Integration_User';
const ACCESS_MANIFEST = join('manifest', 'grax-package-2-access.xml');

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const makeProject = (presets: readonly string[]): string => {
  const dir = mkdtempSync(join(tmpdir(), 'iu-decomposed-'));
  dirs.push(dir);
  writeProject(dir, presets);
  mkdirSync(join(dir, PS), { recursive: true });
  return dir;
};

/** sfdx-project.json with these presets; SfProject caches projects, so the cache is cleared as `sf` starts afresh. */
const writeProject = (dir: string, presets: readonly string[]): void => {
  const config = { packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '66.0', ...(presets.length > 0 ? { sourceBehaviorOptions: presets } : {}) };
  writeFileSync(join(dir, 'sfdx-project.json'), JSON.stringify(config, null, 2));
  SfProject.clearInstances();
};

const run = async (dir: string, options: Partial<GenerateOptions> = {}): Promise<GenerateResult> =>
  generate(findProfile('grax'), { layout: await resolveLayout({ vendor: 'grax', cwd: dir }), cwd: dir, ...options });

const filesUnder = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((p) => statSync(join(dir, p)).isFile())
        .sort()
    : [];

const tree = (dir: string): Record<string, string> => Object.fromEntries(filesUnder(dir).map((p) => [p, readFileSync(join(dir, p), 'utf8')]));

/** What source-deploy-retrieve writes for a Metadata API permission set in a project with these presets, as `sf project convert mdapi` does. */
const sdrSource = async (project: string, fullName: string, content: string): Promise<Record<string, string>> => {
  const temp = mkdtempSync(join(tmpdir(), 'iu-sdr-'));
  dirs.push(temp);
  mkdirSync(join(temp, 'mdapi', 'permissionsets'), { recursive: true });
  writeFileSync(join(temp, 'mdapi', 'permissionsets', `${fullName}.permissionset`), content);
  const registry = new RegistryAccess(undefined, project);
  const set = ComponentSet.fromSource({ fsPaths: [join(temp, 'mdapi')], registry });
  await new MetadataConverter(registry).convert(set, 'source', { type: 'directory', outputDirectory: join(temp, 'out'), genUniqueDir: false });
  return tree(join(temp, 'out', 'main', 'default', 'permissionsets'));
};

/** What source-deploy-retrieve makes of a project's source permission set for a deploy (Metadata API format). */
const sdrMetadata = async (project: string, fullName: string): Promise<string> => {
  const temp = mkdtempSync(join(tmpdir(), 'iu-sdr-'));
  dirs.push(temp);
  const registry = new RegistryAccess(undefined, project);
  const set = ComponentSet.fromSource({ fsPaths: [join(project, PS)], registry });
  await new MetadataConverter(registry).convert(set, 'metadata', { type: 'directory', outputDirectory: temp, genUniqueDir: false });
  return readFileSync(join(temp, 'permissionsets', `${fullName}.permissionset`), 'utf8');
};

/** The package.xml source-deploy-retrieve writes for source in a project, as `sf project generate manifest --source-dir` does. */
const sdrManifest = async (project: string, sourceDir: string): Promise<string> => {
  const set = ComponentSet.fromSource({ fsPaths: [join(project, sourceDir)], registry: new RegistryAccess(undefined, project) });
  set.sourceApiVersion = '66.0';
  return set.getPackageXml();
};

/** A permission set as its Metadata API record, whatever the file's layout: what a deploy grants. */
const granted = (xml: string): unknown => readPermissionSet(xml, 'x').permissionSet;

for (const preset of PRESETS) {
  describe(`decomposed permission sets: ${preset}`, () => {
    it('generate writes the files source-deploy-retrieve writes for the same permission set, and a second run and --check find nothing', async () => {
      const reference = makeProject([]);
      await run(reference);
      const monolithic = readFileSync(join(reference, PS, `${GRAX}.permissionset-meta.xml`), 'utf8');

      const dir = makeProject([preset]);
      const first = await run(dir);
      expect(existsSync(join(dir, PS, `${GRAX}.permissionset-meta.xml`))).to.equal(false);
      expect(tree(join(dir, PS))).to.deep.equal(await sdrSource(dir, GRAX, monolithic));
      const parent = join(PS, GRAX, `${GRAX}.permissionset-meta.xml`);
      expect(first.files.find((f) => f.path === parent)).to.include({ type: 'PermissionSet', fullName: GRAX, status: 'created' });
      expect(first.files.find((f) => f.path === parent)?.permissionSet?.entries.every((e) => e.action === 'added')).to.equal(true);
      // The permission set's deploy step: GRAX deploys its Security settings first.
      expect(first.nextSteps.flatMap((s) => s.commands ?? []).map((c) => c.command)).to.include(`sf project deploy start --manifest ${ACCESS_MANIFEST}`);
      // What a deploy of the folder grants is exactly the monolithic file.
      expect(granted(await sdrMetadata(dir, GRAX))).to.deep.equal(granted(monolithic));

      const second = await run(dir);
      expect(second.files.map((f) => f.status)).to.deep.equal(second.files.map(() => 'identical'));
      const check = await run(dir, { check: true });
      expect(check.files.filter((f) => f.status !== 'identical')).to.deep.equal([]);
      // The step's manifest is what source-deploy-retrieve makes of the folder, as sf project generate manifest does:
      // the PermissionSet, none of its child types.
      expect(readFileSync(join(dir, ACCESS_MANIFEST), 'utf8')).to.equal(await sdrManifest(dir, join(PS, GRAX)));
      expect(readFileSync(join(dir, ACCESS_MANIFEST), 'utf8')).to.include(`<members>${GRAX}</members>`).and.not.include('ObjectSettings');
    });

    it('each file source-deploy-retrieve writes is in the canonical writer form (its root without the namespace, as sf writes children)', async () => {
      const dir = makeProject([preset]);
      const content = expectedCanonical(EVERY_ELEMENT);
      const files = await sdrSource(dir, 'Team_Admin', content);
      const write = makeProject([]);
      for (const [path, xml] of Object.entries(files)) {
        writeFileSync(join(write, 'child-meta.xml'), xml);
        const read = await readStoredPermissionSet({ children: [join(write, 'child-meta.xml')] }, { decomposedFirst: true, show: (p) => p, skipUnreadable: false });
        const canonical = renderPermissionSet(read?.permissionSet ?? { label: '' });
        const root = /<(?![?!])([^\s/>]+)/.exec(xml)?.[1];
        // Beta2 writes <PermissionSet> documents, children without the namespace; Beta one entry under its type's root.
        const expected =
          root === 'PermissionSet'
            ? xml.includes('xmlns=')
              ? canonical
              : canonical.replace(' xmlns="http://soap.sforce.com/2006/04/metadata"', '')
            : canonical
                .split('\n')
                .filter((line) => /^ {8}/.test(line))
                .map((line) => line.slice(4))
                .reduce((out, line) => `${out}${line}\n`, `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="http://soap.sforce.com/2006/04/metadata">\n`) + `</${root}>\n`;
        expect(xml, path).to.equal(expected);
      }
      // And every element survives the split, including those the preset leaves in the parent file.
      mkdirSync(join(dir, PS, 'Team_Admin'), { recursive: true });
      for (const [path, xml] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, PS, path)), { recursive: true });
        writeFileSync(join(dir, PS, path), xml);
      }
      const paths = permissionSetPaths(join(dir, 'force-app', 'main', 'default'), 'Team_Admin');
      const read = await readStoredPermissionSet(await findStoredPermissionSet(paths), { decomposedFirst: true, show: (p) => p, skipUnreadable: false });
      expect(renderPermissionSet(read?.permissionSet ?? { label: '' })).to.equal(content);
      expect(granted(await sdrMetadata(dir, 'Team_Admin'))).to.deep.equal(granted(content));
    });

    it("merge keeps the user's entries in child files, raises what the plan needs, and removes nothing", async () => {
      const dir = makeProject([preset]);
      await run(dir);
      const folder = join(dir, PS, GRAX);
      // The user's own entries, as a retrieve would add them: Apex class access, and an object with a field and a tab.
      const reference = makeProject([]);
      await run(reference);
      const monolithic = readFileSync(join(reference, PS, `${GRAX}.permissionset-meta.xml`), 'utf8')
        .replace('<description>', '<classAccesses>\n        <apexClass>Invoice_Service</apexClass>\n        <enabled>true</enabled>\n    </classAccesses>\n    <description>')
        .replace(
          '<hasActivationRequired>',
          '<fieldPermissions>\n        <editable>false</editable>\n        <field>Account.Rating</field>\n        <readable>true</readable>\n    </fieldPermissions>\n    <hasActivationRequired>'
        )
        .replace('<userPermissions>', '<userPermissions>\n        <enabled>true</enabled>\n        <name>AllowViewKnowledge</name>\n    </userPermissions>\n    <userPermissions>')
        .replace('</PermissionSet>', '    <tabSettings>\n        <tab>standard-Account</tab>\n        <visibility>Visible</visibility>\n    </tabSettings>\n</PermissionSet>');
      const withUser = await sdrSource(dir, GRAX, monolithic);
      rmSync(folder, { recursive: true });
      for (const [path, xml] of Object.entries(withUser)) {
        mkdirSync(dirname(join(dir, PS, path)), { recursive: true });
        writeFileSync(join(dir, PS, path), xml);
      }
      // A grant the plan needs, turned off by the user in a child file, is turned back on.
      const userPermissionFile = filesUnder(folder).find((p) => p.includes('userPermission') && readFileSync(join(folder, p), 'utf8').includes('ViewAllData'));
      expect(userPermissionFile).to.not.equal(undefined);
      const path = join(folder, userPermissionFile ?? '');
      writeFileSync(path, readFileSync(path, 'utf8').replace(/<enabled>true<\/enabled>(\s*<name>ViewAllData<\/name>)/, '<enabled>false</enabled>$1'));

      const result = await run(dir);
      expect(tree(join(dir, PS))).to.deep.equal(withUser);
      const report = result.files.find((f) => f.permissionSet)?.permissionSet;
      expect(report?.entries.find((e) => e.name === 'ViewAllData')).to.deep.include({ action: 'upgraded', grants: ['enabled'] });
      expect(report?.otherEntriesKept).to.equal(4);
      expect(result.files.filter((f) => f.status === 'deleted')).to.deep.equal([]);
    });

    it('--prune removes the child files of entries the plan does not have; --dry-run and --check only name them', async () => {
      const dir = makeProject([preset]);
      await run(dir);
      const folder = join(dir, PS, GRAX);
      const before = tree(folder);
      const extra = preset === 'decomposePermissionSetBeta2' ? join('objectSettings', 'Invoice__c.objectSettings-meta.xml') : join('objectPermissions', 'Invoice__c.objectPermission-meta.xml');
      mkdirSync(dirname(join(folder, extra)), { recursive: true });
      writeFileSync(
        join(folder, extra),
        '<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet>\n    <objectPermissions>\n        <allowCreate>false</allowCreate>\n        <allowDelete>false</allowDelete>\n        <allowEdit>false</allowEdit>\n        <allowRead>true</allowRead>\n        <modifyAllRecords>false</modifyAllRecords>\n        <object>Invoice__c</object>\n        <viewAllFields>false</viewAllFields>\n        <viewAllRecords>false</viewAllRecords>\n    </objectPermissions>\n</PermissionSet>\n'
      );
      const check = await run(dir, { prune: true, check: true });
      const removed = check.files.filter((f) => f.status === 'deleted');
      expect(removed.map((f) => f.path)).to.deep.equal([join(PS, GRAX, extra)]);
      expect(removed[0].diff).to.include('-        <object>Invoice__c</object>');
      await run(dir, { prune: true, dryRun: true });
      expect(existsSync(join(folder, extra))).to.equal(true);

      const merged = await run(dir);
      expect(merged.files.filter((f) => f.status === 'deleted')).to.deep.equal([]);
      expect(existsSync(join(folder, extra))).to.equal(true);
      await run(dir, { prune: true });
      expect(tree(folder)).to.deep.equal(before);
    });

    it('--replace permission-set, or the folder by its path, takes the plan alone; the manifest stays merged', async () => {
      const dir = makeProject([preset]);
      await run(dir);
      const folder = join(dir, PS, GRAX);
      const before = tree(folder);
      const extra = join(folder, `${GRAX}.classAccess-meta.xml`);
      const classAccess = '<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet>\n    <classAccesses>\n        <apexClass>Invoice_Service</apexClass>\n        <enabled>true</enabled>\n    </classAccesses>\n</PermissionSet>\n';
      // A component the user added to the manifest, which --replace permission-set must not cost them.
      const manifest = join(dir, ACCESS_MANIFEST);
      writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('<types>', '<types>\n        <members>Invoice_Service</members>\n        <name>ApexClass</name>\n    </types>\n    <types>'));
      const userManifest = readFileSync(manifest, 'utf8');
      // The user's entry, merged into the file the preset keeps it in.
      writeFileSync(extra, classAccess);
      await run(dir);
      const withUser = tree(folder);
      const userFile = Object.keys(withUser).filter((p) => !(p in before));
      expect(userFile).to.have.length(1);
      for (const replace of [['permission-set'], [join(PS, GRAX)], [join(PS, GRAX, `${GRAX}.permissionset-meta.xml`)]]) {
        mkdirSync(dirname(join(folder, userFile[0])), { recursive: true });
        writeFileSync(join(folder, userFile[0]), withUser[userFile[0]]);
        expect((await run(dir)).files.filter((f) => f.status !== 'identical')).to.deep.equal([]);
        const check = await run(dir, { replace, check: true });
        expect(check.files.filter((f) => f.status !== 'identical').map((f) => [f.path, f.status]), replace[0]).to.deep.equal([[join(PS, GRAX, userFile[0]), 'deleted']]);
        await run(dir, { replace });
        expect(tree(folder), replace[0]).to.deep.equal(before);
        expect(readFileSync(manifest, 'utf8')).to.equal(userManifest);
      }
      const error = await run(dir, { replace: [join(PS, GRAX, 'objectSettings')] }).then(
        () => undefined,
        (e: Error) => e
      );
      expect(error?.message).to.include(join(PS, GRAX, 'objectSettings'));
      expect(error?.message).to.include(join(PS, GRAX));
    });

    it('format --source-dir rewrites each child file as source-deploy-retrieve writes it, and --check names the ones that differ', async () => {
      const dir = makeProject([preset]);
      const content = expectedCanonical(EVERY_ELEMENT);
      const files = await sdrSource(dir, 'Team_Admin', content);
      for (const [path, xml] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, PS, path)), { recursive: true });
        // Out of canonical form: tabs, no declaration, a comment.
        writeFileSync(join(dir, PS, path), xml.replace(/^<\?xml[^>]*>\n/, '').replaceAll('    ', '\t').replace('</PermissionSet>', '<!-- mine --></PermissionSet>'));
      }
      const check = await formatPermissionSets(['force-app'], { check: true, cwd: dir });
      expect(check.files.map((f) => f.path)).to.deep.equal(Object.keys(files).map((p) => join(PS, p)));
      expect(check.files.every((f) => f.status === 'changed')).to.equal(true);
      expect(check.files.find((f) => f.path.endsWith('Team_Admin/Team_Admin.permissionset-meta.xml'))?.commentsDropped).to.equal(Object.values(files).filter((xml) => xml.includes('</PermissionSet>')).length);

      await formatPermissionSets(['force-app'], { cwd: dir });
      expect(tree(join(dir, PS))).to.deep.equal(files);
      const again = await formatPermissionSets([join(PS, 'Team_Admin')], { check: true, cwd: dir });
      expect(again.files.map((f) => f.status)).to.deep.equal(again.files.map(() => 'identical'));
    });
  });
}

describe('decomposed permission sets: a project that switches layout', () => {
  const userEntries = (xml: string): string =>
    xml.replace('<description>', '<classAccesses>\n        <apexClass>Invoice_Service</apexClass>\n        <enabled>true</enabled>\n    </classAccesses>\n    <description>');

  it('monolithic file, project now decomposed: read, written decomposed with every entry, the old file removed (as sf project convert source-behavior does)', async () => {
    const dir = makeProject([]);
    await run(dir);
    const file = join(dir, PS, `${GRAX}.permissionset-meta.xml`);
    writeFileSync(file, userEntries(readFileSync(file, 'utf8')));
    const monolithic = readFileSync(file, 'utf8');

    writeProject(dir, ['decomposePermissionSetBeta2']);
    const check = await run(dir, { check: true });
    expect(check.files.find((f) => f.status === 'deleted')?.path).to.equal(join(PS, `${GRAX}.permissionset-meta.xml`));
    expect(existsSync(file)).to.equal(true);

    const result = await run(dir);
    expect(existsSync(file)).to.equal(false);
    expect(tree(join(dir, PS))).to.deep.equal(await sdrSource(dir, GRAX, monolithic));
    expect(result.files.find((f) => f.permissionSet)?.permissionSet?.otherEntriesKept).to.equal(1);
    expect((await run(dir)).files.map((f) => f.status)).to.not.include.members(['created', 'changed', 'deleted']);
  });

  it('both layouts present (a retrieve after the switch): one set with the entries and grants of both, the monolithic file removed', async () => {
    const dir = makeProject(['decomposePermissionSetBeta2']);
    await run(dir);
    const monolithic = userEntries(renderPermissionSet(readPermissionSet(await sdrMetadata(dir, GRAX), 'x').permissionSet));
    writeFileSync(join(dir, PS, `${GRAX}.permissionset-meta.xml`), monolithic);
    await run(dir);
    expect(existsSync(join(dir, PS, `${GRAX}.permissionset-meta.xml`))).to.equal(false);
    expect(tree(join(dir, PS))).to.deep.equal(await sdrSource(dir, GRAX, monolithic));
  });

  it('Beta to Beta2: the old layout read, written in the new one, its files and the folders they leave empty removed', async () => {
    const dir = makeProject(['decomposePermissionSetBeta']);
    await run(dir);
    const metadata = await sdrMetadata(dir, GRAX);
    expect(filesUnder(join(dir, PS, GRAX)).some((p) => p.startsWith('userPermissions/'))).to.equal(true);
    writeProject(dir, ['decomposePermissionSetBeta2']);
    await run(dir);
    expect(tree(join(dir, PS))).to.deep.equal(await sdrSource(dir, GRAX, metadata));
    expect(existsSync(join(dir, PS, GRAX, 'userPermissions'))).to.equal(false);
  });

  it('decomposed, project back to one file: the folder read into one file and removed', async () => {
    const dir = makeProject(['decomposePermissionSetBeta2']);
    await run(dir);
    const metadata = await sdrMetadata(dir, GRAX);
    writeProject(dir, []);
    const result = await run(dir);
    expect(filesUnder(join(dir, PS))).to.deep.equal([`${GRAX}.permissionset-meta.xml`]);
    expect(granted(readFileSync(join(dir, PS, `${GRAX}.permissionset-meta.xml`), 'utf8'))).to.deep.equal(granted(metadata));
    expect(result.files.filter((f) => f.status === 'deleted').map((f) => relative(join(PS, GRAX), f.path)).length).to.be.greaterThan(1);
  });

  it('format, in a project without a preset, formats a whole permission set kept alone in a folder of its name as the one file it is', async () => {
    const dir = makeProject([]);
    mkdirSync(join(dir, PS, 'Admin'), { recursive: true });
    const canonical = expectedCanonical(EVERY_ELEMENT);
    writeFileSync(join(dir, PS, 'Admin', 'Admin.permissionset-meta.xml'), canonical.replaceAll('    ', '\t'));
    const result = await formatPermissionSets(['force-app'], { cwd: dir });
    expect(result.files).to.deep.equal([{ path: join(PS, 'Admin', 'Admin.permissionset-meta.xml'), status: 'changed', commentsDropped: 0 }]);
    expect(readFileSync(join(dir, PS, 'Admin', 'Admin.permissionset-meta.xml'), 'utf8')).to.equal(canonical);
  });

  it('format refuses a decomposed folder the project declares no preset for, naming it, and writes nothing', async () => {
    const dir = makeProject(['decomposePermissionSetBeta2']);
    await run(dir);
    writeProject(dir, []);
    const before = tree(join(dir, PS));
    let error: Error | undefined;
    try {
      await formatPermissionSets(['force-app'], { cwd: dir });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).to.include(join(PS, GRAX)).and.include('sourceBehaviorOptions');
    expect(tree(join(dir, PS))).to.deep.equal(before);
  });
});
