import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { isolatedSfEnv } from '../../scripts/sf-env.js';

/**
 * The plugin installed as users install it: `npm pack`, then `sf plugins install` of the tarball, in a HOME of its
 * own. npm runs offline here (npm_config_offline), so nothing reaches the registry: what is checked is what sf does
 * before npm fetches the dependencies (its question about unsigned plugins, the allow-list), and that the packed
 * files run, linked with this repository's node_modules standing in for the dependencies npm would fetch.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SF_BIN = join(ROOT, 'node_modules', '.bin');
const NAME = 'plugin-integration-user';
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('installed as users will: a packed tarball', () => {
  let home: string;
  let env: NodeJS.ProcessEnv;
  let tarball: string;

  /** stdout and stderr together as one reads them: sf's prompt is wrapped at the terminal's width and coloured. */
  // eslint-disable-next-line no-control-regex
  const plain = (text: string): string => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\n/g, '');
  const run = (command: string, args: string[], options: { cwd?: string; input?: string } = {}) => {
    const result = spawnSync(command, args, { cwd: options.cwd ?? home, env, encoding: 'utf8', input: options.input ?? '', timeout: 240_000, maxBuffer: 256 * 1024 * 1024 });
    return { status: result.status, stdout: result.stdout, out: plain(`${result.stdout}${result.stderr}`) };
  };
  const sf = (args: string[], options: { cwd?: string; input?: string } = {}) => run(join(SF_BIN, 'sf'), args, options);
  const installedPlugins = (): string[] => {
    // oclif's plugins commands print their result bare, not in sf's { status, result }.
    const listed = JSON.parse(sf(['plugins', '--json']).stdout) as Array<{ name: string }>;
    return listed.map((p) => p.name);
  };

  before(function () {
    this.timeout(300_000);
    home = mkdtempSync(join(tmpdir(), 'iu-install-'));
    env = { ...isolatedSfEnv(home, SF_BIN), npm_config_offline: 'true', npm_config_cache: join(home, '.npm'), npm_config_update_notifier: 'false' };
    const pack = run('npm', ['pack', '--pack-destination', home, '--silent'], { cwd: ROOT });
    expect(pack.status, pack.out).to.equal(0);
    tarball = join(home, `${NAME}-${VERSION}.tgz`);
    expect(existsSync(tarball), pack.out).to.equal(true);
  });

  after(() => rmSync(home, { recursive: true, force: true }));

  it('asks about an unsigned plugin, and installs nothing when the answer is no or there is none', () => {
    const url = `file://${tarball}`;
    const no = sf(['plugins', 'install', url], { input: 'n\n' });
    expect(no.status).to.not.equal(0);
    expect(no.out).to.include(`${url} isn't signed by Salesforce`).and.include('InstallationCanceledError');
    const closed = spawnSync(join(SF_BIN, 'sf'), ['plugins', 'install', url], { cwd: home, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(closed.status).to.not.equal(0);
    expect(plain(`${closed.stdout}${closed.stderr}`)).to.include('ExitPromptError');
    // A path is not a tarball to sf: with a "/" and no ":", it is taken as GitHub's owner/repo.
    const relative = sf(['plugins', 'install', `./${NAME}-${VERSION}.tgz`], { input: 'n\n' });
    expect(relative.out).to.include(`https://github.com/./${NAME}-${VERSION}.tgz isn't signed by Salesforce`);
    expect(installedPlugins()).to.not.include(NAME);
  });

  it('skips the question for a URL in unsignedPluginAllowList.json, then needs the registry for the dependencies', () => {
    const url = `file://${tarball}`;
    const config = join(home, '.config', 'sf');
    mkdirSync(config, { recursive: true });
    writeFileSync(join(config, 'unsignedPluginAllowList.json'), JSON.stringify([url]));
    try {
      const allowed = sf(['plugins', 'install', url]);
      expect(allowed.out).to.include(`Skipping digital signature verification because [${url}] is allow-listed.`).and.not.include("isn't signed");
      // Offline, npm stops at the first dependency it would fetch: the tarball doesn't bundle them.
      expect(allowed.status).to.not.equal(0);
      expect(allowed.out).to.include('ENOTCACHED').and.include('no cached response is available');
      expect(installedPlugins()).to.not.include(NAME);
    } finally {
      rmSync(join(config, 'unsignedPluginAllowList.json'));
    }
  });

  it('runs from the packed files: commands, messages, data and the oclif manifest are in the tarball', () => {
    const unpacked = join(home, 'unpacked');
    mkdirSync(unpacked);
    expect(run('tar', ['-xzf', tarball, '-C', unpacked]).status).to.equal(0);
    const pkg = join(unpacked, 'package');
    expect(existsSync(join(pkg, 'oclif.manifest.json')), 'npm pack writes the oclif manifest (prepack)').to.equal(true);
    expect(existsSync(join(pkg, 'src')), 'sources are not packed').to.equal(false);
    symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'));
    const link = sf(['plugins', 'link', pkg, '--no-install']);
    expect(link.status, link.out).to.equal(0);
    expect(installedPlugins()).to.include(NAME);
    const vendors = JSON.parse(sf(['integration-user', 'list', 'vendors', '--json']).stdout) as { result: Array<{ id: string }> };
    expect(vendors.result.map((v) => v.id)).to.deep.equal(['backstory', 'grax', 'ownbackup', 'salesforce-backup']);
    expect(sf(['template', 'generate', 'project', '--name', 'packed', '--output-dir', home]).status).to.equal(0);
    const generate = sf(['integration-user', 'generate', '--vendor', 'grax', '--json'], { cwd: join(home, 'packed') });
    expect(generate.status, generate.out).to.equal(0);
    expect(existsSync(join(home, 'packed', 'force-app', 'main', 'default', 'permissionsets', 'GRAX_Integration_User.permissionset-meta.xml'))).to.equal(true);
    const which = JSON.parse(sf(['plugins', 'inspect', NAME, '--json']).stdout) as Array<{ root: string }>;
    expect(which[0].root).to.equal(pkg);
  });

  it("the set-up ends with the README's way to run sf: bin/sf first on PATH, in the project it made", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const setup = readFileSync(join(ROOT, 'scripts', 'setup.sh'), 'utf8');
    const use = readme.slice(readme.indexOf('## Use it with sf'));
    for (const line of ['export PATH="$PWD/bin:$PATH"', 'cd tmp/demo', 'sf integration-user list vendors']) {
      expect(use, line).to.include(line);
      expect(setup.replace(/\\\$/g, '$'), line).to.include(line);
    }
    expect(existsSync(join(ROOT, 'bin', 'sf'))).to.equal(true);
  });
});
