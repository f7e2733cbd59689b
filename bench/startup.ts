/**
 * Scenario 3, start-up: the plugin in the real `sf` CLI (npm @salesforce/cli), in a HOME and XDG directories of
 * its own as test/e2e/sf-cli.e2e.ts runs it, so no user's sf state is read or touched.
 *
 * The plugin is measured as a user gets it from npm: the package's files (lib/, data/, messages/, ...) and its
 * oclif.manifest.json, registered as an installed (user) plugin. A linked checkout (`sf plugins link`) is a
 * development set-up: sf loads its TypeScript through tsx, which costs more than the plugin itself.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeManifest } from '../scripts/manifest.js';
import { isolatedSfEnv } from '../scripts/sf-env.js';
import { FIELDS_57K_SIZE, FULL_SIZE, syntheticProfileFile } from './profile.js';
import { makeProject } from './project.js';

const ROOT = join(import.meta.dirname, '..');
const SF_BIN = join(ROOT, 'node_modules', '.bin');

/** The plugin's lightest command; a built-in command of the same kind (an SfCommand that reads no org and prints a table); and `sf plugins`. */
export const PLUGIN_COMMAND = ['integration-user', 'list', 'vendors'];
export const BUILT_IN_COMMAND = ['config', 'list'];
export const PLUGINS_COMMAND = ['plugins'];

export type StartupRound = { plugin: number; builtIn: number; plugins: number; fromJson: number; fromYaml: number };

/** The profile files generate reads end to end: the full set as JSON and as YAML, and 57,000 fields as JSON. */
export type ProfileFileName = 'json' | 'yaml' | 'json57k';

export type StartupScenario = {
  round: () => StartupRound;
  /** Peak memory (max RSS, MB) of the sf process generating from a profile file. */
  peakMemory: (file: ProfileFileName) => number;
  fileBytes: Record<ProfileFileName, number>;
  /** Where the profile files are, for the floors (bench/child.ts floor). */
  filePaths: Record<ProfileFileName, string>;
  dispose: () => void;
};

type PackageJson = { name: string; version: string; files: string[] };

/** The plugin as `npm pack` ships it, with the dependencies of this checkout. */
const packedPlugin = async (): Promise<{ dir: string; name: string; version: string }> => {
  const pjson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
  const dir = mkdtempSync(join(tmpdir(), 'iu-bench-packed-'));
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  for (const entry of pjson.files.map((f) => f.replace(/^\//, ''))) {
    if (existsSync(join(ROOT, entry))) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  await writeManifest(dir);
  return { dir, name: pjson.name, version: pjson.version };
};

export const startupScenario = async (): Promise<StartupScenario> => {
  const packed = await packedPlugin();
  const home = mkdtempSync(join(tmpdir(), 'iu-bench-sf-'));
  const dataDir = join(home, '.local', 'share');
  // What `sf plugins install` leaves in sf's data directory.
  mkdirSync(join(dataDir, 'sf', 'node_modules'), { recursive: true });
  symlinkSync(packed.dir, join(dataDir, 'sf', 'node_modules', packed.name));
  writeFileSync(
    join(dataDir, 'sf', 'package.json'),
    JSON.stringify({
      name: '@salesforce/cli',
      private: true,
      dependencies: { [packed.name]: packed.version },
      oclif: { schema: 1, plugins: [{ name: packed.name, type: 'user', tag: 'latest' }] },
    })
  );
  // Without the log file: at exit every sf command waits for the log file's worker thread, and about one run in
  // four (of any command, `sf config list` too) waits a second longer, which made the rounds' ratios bimodal.
  const env = { ...isolatedSfEnv(home, SF_BIN), SF_DISABLE_LOG_FILE: 'true' };
  /** Whole-process wall time: spawn to exit. */
  const wall = (args: string[]): number => {
    const start = performance.now();
    const run = spawnSync(join(SF_BIN, 'sf'), args, { cwd: home, env, encoding: 'utf8' });
    const ms = performance.now() - start;
    if (run.status !== 0) throw new Error(`sf ${args.join(' ')} exited with ${run.status ?? run.signal}: ${run.stderr}`);
    return ms;
  };

  // The first runs fill sf's caches; not start-up as a user sees it every day.
  for (const command of [PLUGIN_COMMAND, BUILT_IN_COMMAND, PLUGINS_COMMAND]) wall(command);
  if (!spawnSync(join(SF_BIN, 'sf'), PLUGINS_COMMAND, { env, encoding: 'utf8' }).stdout.includes(packed.name)) {
    throw new Error(`sf does not list ${packed.name} as installed`);
  }

  // End to end as a user runs it for a set this large: a profile file, in a project.
  const project = makeProject();
  const texts: Record<ProfileFileName, string> = {
    json: syntheticProfileFile(FULL_SIZE, 'json'),
    yaml: syntheticProfileFile(FULL_SIZE, 'yaml'),
    json57k: syntheticProfileFile(FIELDS_57K_SIZE, 'json'),
  };
  const files = { json: 'bench.profile.json', yaml: 'bench.profile.yaml', json57k: 'bench-57k.profile.json' };
  for (const name of Object.keys(files) as ProfileFileName[]) writeFileSync(join(project, files[name]), texts[name]);
  // sf is one node process: a module it imports first reports that process's max RSS when it exits.
  const rssHook = join(home, 'max-rss.mjs');
  writeFileSync(rssHook, "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.IU_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n");
  const rssFile = join(home, 'max-rss.txt');
  const generateFrom = (file: ProfileFileName, extraEnv: NodeJS.ProcessEnv = {}): number => {
    for (const dir of ['force-app', 'config', 'manifest']) rmSync(join(project, dir), { recursive: true, force: true });
    mkdirSync(join(project, 'force-app', 'main', 'default'), { recursive: true });
    const start = performance.now();
    const run = spawnSync(join(SF_BIN, 'sf'), ['integration-user', 'generate', '--profile-file', files[file]], { cwd: project, env: { ...env, ...extraEnv }, encoding: 'utf8' });
    const ms = performance.now() - start;
    if (run.status !== 0) throw new Error(`sf integration-user generate --profile-file ${files[file]} exited with ${run.status ?? run.signal}: ${run.stderr}`);
    return ms;
  };
  const peakMemory = (file: ProfileFileName): number => {
    rmSync(rssFile, { force: true });
    generateFrom(file, { NODE_OPTIONS: `--import=${pathToFileURL(rssHook).href}`, IU_BENCH_RSS_FILE: rssFile });
    return Number(readFileSync(rssFile, 'utf8')) / 1024;
  };

  return {
    round: () => ({
      plugin: wall(PLUGIN_COMMAND),
      builtIn: wall(BUILT_IN_COMMAND),
      plugins: wall(PLUGINS_COMMAND),
      fromJson: generateFrom('json'),
      fromYaml: generateFrom('yaml'),
    }),
    peakMemory,
    fileBytes: { json: Buffer.byteLength(texts.json), yaml: Buffer.byteLength(texts.yaml), json57k: Buffer.byteLength(texts.json57k) },
    filePaths: { json: join(project, files.json), yaml: join(project, files.yaml), json57k: join(project, files.json57k) },
    dispose: () => {
      rmSync(project, { recursive: true, force: true });
      rmSync(home, { recursive: true, force: true });
      rmSync(packed.dir, { recursive: true, force: true });
    },
  };
};
