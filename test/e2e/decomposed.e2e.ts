import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { isolatedSfEnv } from '../../scripts/sf-env.js';
import { readPermissionSet } from '../../src/read/permission-set.js';
import { renderPermissionSet } from '../../src/render/permission-set.js';

/**
 * Decomposed permission sets end to end through the real Salesforce CLI (npm @salesforce/cli): in a project whose
 * sfdx-project.json declares a `sourceBehaviorOptions` preset, what `generate` writes is compared byte for byte
 * with what `sf project convert mdapi` writes for the same permission set in such a project.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SF_BIN = join(ROOT, 'node_modules', '.bin');
const GRAX = 'GRAX_Integration_User';
const PS = join('force-app', 'main', 'default', 'permissionsets');

type Json<T> = { status: number; result: T };
type Files = { files: Array<{ path: string; status: string }> };

const tree = (dir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((p) => statSync(join(dir, p)).isFile())
      .sort()
      .map((p) => [p, readFileSync(join(dir, p), 'utf8')])
  );

describe('sf CLI end to end: decomposed permission sets', () => {
  let home: string;
  let env: NodeJS.ProcessEnv;
  /** The GRAX permission set in Metadata API format, as `sf project convert source` writes it from a monolithic project. */
  let mdapi: string;

  /** `input`: what is typed at sf's prompt. */
  const sfStatus = (args: string[], cwd: string, input = ''): { status: number; stdout: string } => {
    try {
      return { status: 0, stdout: execFileSync(join(SF_BIN, 'sf'), args, { cwd, env, encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] }) };
    } catch (error) {
      const failure = error as { status: number; stdout: string };
      return { status: failure.status, stdout: String(failure.stdout) };
    }
  };
  const sf = (args: string[], cwd: string, input = ''): string => {
    const { status, stdout } = sfStatus(args, cwd, input);
    expect(status, `sf ${args.join(' ')}: ${stdout}`).to.equal(0);
    return stdout;
  };
  const sfJson = <T>(args: string[], cwd: string): Json<T> => JSON.parse(sf([...args, '--json'], cwd)) as Json<T>;

  /** A fresh `sf template generate project`, with these sourceBehaviorOptions. */
  const project = (name: string, presets: string[]): string => {
    sf(['template', 'generate', 'project', '--name', name, '--output-dir', home], home);
    const dir = join(home, name);
    const configFile = join(dir, 'sfdx-project.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>;
    if (presets.length > 0) writeFileSync(configFile, JSON.stringify({ ...config, sourceBehaviorOptions: presets }, null, 2));
    return dir;
  };

  before(function () {
    this.timeout(300_000);
    expect(existsSync(join(ROOT, 'lib', 'commands', 'integration-user', 'generate.js')), 'build the plugin first (npm run build)').to.equal(true);
    home = mkdtempSync(join(tmpdir(), 'iu-e2e-decomposed-'));
    env = isolatedSfEnv(home, SF_BIN);
    sf(['plugins', 'link', ROOT, '--no-install'], home);
    const monolithic = project('monolithic', []);
    sf(['integration-user', 'generate', '--vendor', 'grax'], monolithic);
    mdapi = join(home, 'mdapi');
    sf(['project', 'convert', 'source', '--source-dir', join(PS, `${GRAX}.permissionset-meta.xml`), '--output-dir', mdapi], monolithic);
  });

  after(() => rmSync(home, { recursive: true, force: true }));

  for (const preset of ['decomposePermissionSetBeta2', 'decomposePermissionSetBeta']) {
    it(`${preset}: generate writes byte for byte what sf project convert mdapi writes; a second run, --check and format --check find nothing`, function () {
      this.timeout(300_000);
      const reference = project(`reference-${preset}`, [preset]);
      sf(['project', 'convert', 'mdapi', '--root-dir', mdapi, '--output-dir', 'force-app'], reference);
      const expected = tree(join(reference, PS));
      expect(Object.keys(expected).length, 'sf wrote a decomposed folder').to.be.greaterThan(2);
      expect(Object.keys(expected).every((p) => p.startsWith(`${GRAX}/`))).to.equal(true);

      const dir = project(`generated-${preset}`, [preset]);
      const first = sfJson<Files>(['integration-user', 'generate', '--vendor', 'grax'], dir);
      expect(tree(join(dir, PS))).to.deep.equal(expected);
      expect(first.result.files.filter((f) => f.path.startsWith(`${PS}/`)).map((f) => f.path.slice(PS.length + 1))).to.deep.equal(Object.keys(expected));

      // The permission set's deploy step manifest is what sf itself writes for the folder: the PermissionSet alone.
      sf(['project', 'generate', 'manifest', '--source-dir', join(PS, GRAX), '--output-dir', 'sf-manifest', '--name', 'package.xml'], dir);
      expect(readFileSync(join(dir, 'manifest', 'grax-package-2-access.xml'), 'utf8')).to.equal(readFileSync(join(dir, 'sf-manifest', 'package.xml'), 'utf8'));

      const second = sfJson<Files>(['integration-user', 'generate', '--vendor', 'grax'], dir);
      expect(second.result.files.map((f) => f.status)).to.deep.equal(second.result.files.map(() => 'identical'));
      expect(sfStatus(['integration-user', 'generate', '--vendor', 'grax', '--check'], dir).status).to.equal(0);
      expect(sfStatus(['integration-user', 'format', '--source-dir', 'force-app', '--check'], dir).status).to.equal(0);

      // sf deploys the folder as the one permission set the monolithic project has (its recomposed file lists the
      // children after the parent's values, not in schema order: the same elements, which the canonical form shows).
      sf(['project', 'convert', 'source', '--source-dir', join(PS, GRAX), '--output-dir', join(home, `deploy-${preset}`)], dir);
      const canonical = (path: string): string => renderPermissionSet(readPermissionSet(readFileSync(path, 'utf8'), path).permissionSet);
      expect(canonical(join(home, `deploy-${preset}`, 'permissionsets', `${GRAX}.permissionset`))).to.equal(canonical(join(mdapi, 'permissionsets', `${GRAX}.permissionset`)));

      // A child file drifts: format --check and generate --check name it (exit 100), format puts it back as sf writes it.
      const child = Object.keys(expected).find((p) => p !== `${GRAX}/${GRAX}.permissionset-meta.xml`) ?? '';
      writeFileSync(join(dir, PS, child), expected[child].replaceAll('    ', '\t'));
      const format = sfStatus(['integration-user', 'format', '--source-dir', 'force-app', '--check', '--json'], dir);
      expect(format.status).to.equal(100);
      expect((JSON.parse(format.stdout) as Json<Files>).result.files.filter((f) => f.status !== 'identical').map((f) => f.path)).to.deep.equal([join(PS, child)]);
      expect(sfStatus(['integration-user', 'generate', '--vendor', 'grax', '--check'], dir).status).to.equal(100);
      sf(['integration-user', 'format', '--source-dir', 'force-app'], dir);
      expect(tree(join(dir, PS))).to.deep.equal(expected);
    });
  }

  it('a monolithic project switched with sf project convert source-behavior: generate keeps every entry and finds nothing to do', function () {
    this.timeout(300_000);
    const dir = project('switched', []);
    sf(['integration-user', 'generate', '--vendor', 'grax'], dir);
    const file = join(dir, PS, `${GRAX}.permissionset-meta.xml`);
    // An entry of the user's own, which the vendor's plan doesn't have.
    writeFileSync(file, readFileSync(file, 'utf8').replace('<description>', '<classAccesses>\n        <apexClass>Invoice_Service</apexClass>\n        <enabled>true</enabled>\n    </classAccesses>\n    <description>'));
    cpSync(file, join(home, 'switched-before.xml'));
    // sf asks to proceed; the answer is typed.
    sf(['project', 'convert', 'source-behavior', '--behavior', 'decomposePermissionSetBeta2'], dir, 'y\n');
    expect(existsSync(file)).to.equal(false);
    const converted = tree(join(dir, PS));
    expect(Object.values(converted).some((xml) => xml.includes('<apexClass>Invoice_Service</apexClass>'))).to.equal(true);

    const out = sfJson<Files>(['integration-user', 'generate', '--vendor', 'grax'], dir);
    expect(out.result.files.map((f) => f.status)).to.deep.equal(out.result.files.map(() => 'identical'));
    expect(tree(join(dir, PS))).to.deep.equal(converted);
  });

  it('a monolithic file left beside the decomposed folder: generate folds it in and removes it, --check names it first', function () {
    this.timeout(300_000);
    const dir = project('leftover', ['decomposePermissionSetBeta2']);
    sf(['integration-user', 'generate', '--vendor', 'grax'], dir);
    const decomposed = tree(join(dir, PS));
    const file = join(dir, PS, `${GRAX}.permissionset-meta.xml`);
    cpSync(join(home, 'switched-before.xml'), file);
    const check = sfStatus(['integration-user', 'generate', '--vendor', 'grax', '--check', '--json'], dir);
    expect(check.status).to.equal(100);
    const files = (JSON.parse(check.stdout) as Json<Files>).result.files;
    expect(files.find((f) => f.status === 'deleted')?.path).to.equal(join(PS, `${GRAX}.permissionset-meta.xml`));
    expect(files.find((f) => f.status === 'created')?.path).to.equal(join(PS, GRAX, `${GRAX}.classAccess-meta.xml`));
    sf(['integration-user', 'generate', '--vendor', 'grax'], dir);
    expect(existsSync(file)).to.equal(false);
    expect(tree(join(dir, PS))).to.deep.equal({
      ...decomposed,
      [`${GRAX}/${GRAX}.classAccess-meta.xml`]:
        '<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet>\n    <classAccesses>\n        <apexClass>Invoice_Service</apexClass>\n        <enabled>true</enabled>\n    </classAccesses>\n</PermissionSet>\n',
    });
  });
});
