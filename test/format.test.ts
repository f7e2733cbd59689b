import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { formatPermissionSets } from '../src/format.js';
import { SHARED, corpusPermissionSets, corpusSources, validateAgainstMetadataXsd } from './helpers/shared.js';
import { readSourceXml } from './helpers/read-source.js';
import { PERMISSION_SET } from '../src/metadata/schemas.js';

/** A project with the whole corpus in a package directory, a permission set in node_modules, and files of other types beside them. */
const corpusProject = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'iu-format-'));
  const permissionsets = join(dir, 'force-app', 'main', 'default', 'permissionsets');
  cpSync(join(SHARED, 'corpus', 'permissionsets'), permissionsets, { recursive: true });
  mkdirSync(join(dir, 'node_modules', 'pkg'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', 'pkg', 'Dep.permissionset-meta.xml'), '<PermissionSet>\t<label>x</label></PermissionSet>');
  mkdirSync(join(dir, 'force-app', 'main', 'default', 'classes'), { recursive: true });
  writeFileSync(join(dir, 'force-app', 'main', 'default', 'classes', 'A.cls-meta.xml'), '<ApexClass>\t</ApexClass>');
  return dir;
};

const PS_DIR = join('force-app', 'main', 'default', 'permissionsets');

describe('format: permission sets in canonical form', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const project = (): string => {
    const dir = corpusProject();
    dirs.push(dir);
    return dir;
  };

  it('--check names each file not in canonical form and writes nothing', async () => {
    const dir = project();
    const before = Object.fromEntries(corpusPermissionSets().map((f) => [f.name, statSync(join(dir, PS_DIR, f.name)).mtimeMs]));
    const result = await formatPermissionSets(['force-app'], { check: true, cwd: dir });
    expect(result.files).to.have.length(54);
    expect(result.files.every((f) => f.path.startsWith(`${PS_DIR}/`))).to.equal(true);
    // Only files a retrieve wrote, with the retrieve's declaration, can be canonical; Prettier's ' ?>' and hand edits never are.
    const sources = corpusSources();
    for (const file of result.files) {
      const name = file.path.split('/').pop() ?? '';
      const notes = sources.get(name)?.notes ?? '';
      const retrieved = sources.get(name)?.looks_machine_retrieved === 'yes' && notes.includes('decl=raw');
      if (!retrieved) expect(file.status, name).to.equal('changed');
    }
    // Of the 38 files canonical but for the declaration (test/render/xml.test.ts), 14 have Prettier's.
    expect(result.files.filter((f) => f.status === 'identical')).to.have.length(24);
    for (const [name, mtime] of Object.entries(before)) expect(statSync(join(dir, PS_DIR, name)).mtimeMs, name).to.equal(mtime);
    expect(result.files.find((f) => f.path.endsWith('Property_Management_Access.permissionset-meta.xml'))?.commentsDropped).to.be.greaterThan(0);
  });

  it('rewrites exactly the files --check names, keeps their meaning, and touches nothing else', async () => {
    const dir = project();
    const originals = new Map(corpusPermissionSets().map((f) => [f.name, f.content]));
    const check = await formatPermissionSets(['force-app'], { check: true, cwd: dir });
    const result = await formatPermissionSets(['force-app'], { cwd: dir });
    expect(result.files).to.deep.equal(check.files);
    for (const file of result.files) {
      const name = file.path.split('/').pop() ?? '';
      const now = readFileSync(join(dir, file.path), 'utf8');
      expect(now === originals.get(name), name).to.equal(file.status === 'identical');
      expect(readSourceXml(PERMISSION_SET, now).label, name).to.equal(readSourceXml(PERMISSION_SET, originals.get(name) ?? '').label);
    }
    const errors = await validateAgainstMetadataXsd(result.files.map((f) => ({ fileName: f.path, contents: readFileSync(join(dir, f.path), 'utf8') })));
    expect(errors).to.deep.equal([]);
    expect(readFileSync(join(dir, 'node_modules', 'pkg', 'Dep.permissionset-meta.xml'), 'utf8')).to.equal('<PermissionSet>\t<label>x</label></PermissionSet>');
    expect(readFileSync(join(dir, 'force-app', 'main', 'default', 'classes', 'A.cls-meta.xml'), 'utf8')).to.equal('<ApexClass>\t</ApexClass>');
    expect(readdirSync(join(dir, PS_DIR)).filter((f) => f.endsWith('.tmp'))).to.deep.equal([]);

    const again = await formatPermissionSets(['force-app'], { check: true, cwd: dir });
    expect(again.files.filter((f) => f.status !== 'identical')).to.deep.equal([]);
  });

  it('takes a single file, and several --source-dir values', async () => {
    const dir = project();
    const one = `${PS_DIR}/trailheadapps__ecars__ecars.permissionset-meta.xml`;
    expect((await formatPermissionSets([one], { check: true, cwd: dir })).files).to.deep.equal([{ path: one, status: 'changed', commentsDropped: 0 }]);
    expect((await formatPermissionSets([one, PS_DIR], { check: true, cwd: dir })).files).to.have.length(54);
  });

  it('refuses a file it cannot read, naming it and its line, and writes nothing', async () => {
    const dir = project();
    const broken = join(dir, PS_DIR, 'zz_Broken.permissionset-meta.xml');
    writeFileSync(broken, '<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>B</label>\n    <label>C</label>\n</PermissionSet>\n');
    const ecars = join(dir, PS_DIR, 'trailheadapps__ecars__ecars.permissionset-meta.xml');
    const before = readFileSync(ecars, 'utf8');
    let message = '';
    try {
      await formatPermissionSets(['force-app'], { cwd: dir });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).to.include(`${PS_DIR}/zz_Broken.permissionset-meta.xml:4: <label> appears twice`);
    expect(readFileSync(ecars, 'utf8')).to.equal(before);
  });

  it('refuses a path that does not exist, or a file that is not a permission set', async () => {
    const dir = project();
    const messageOf = async (path: string): Promise<string> => {
      try {
        await formatPermissionSets([path], { cwd: dir });
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    };
    expect(await messageOf('force-ap')).to.equal("force-ap doesn't exist.");
    expect(await messageOf('force-app/main/default/classes/A.cls-meta.xml')).to.include("isn't a permission set source file");
  });
});
