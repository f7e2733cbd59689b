/**
 * Scenario 3, start-up: the plugin linked into the real `sf` CLI (npm @salesforce/cli), in a HOME and XDG
 * directories of its own as test/e2e/sf-cli.e2e.ts runs it, so no user's sf state is read or touched.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const SF_BIN = join(ROOT, 'node_modules', '.bin');

export type StartupRound = { plugin: number; builtIn: number };

export type StartupScenario = { plugin: string[]; builtIn: string[]; round: () => StartupRound; dispose: () => void };

/** The plugin's lightest command, and a built-in command of similar weight (one plugin, a short table). */
export const PLUGIN_COMMAND = ['integration-user', 'list', 'vendors'];
export const BUILT_IN_COMMAND = ['plugins'];

export const startupScenario = (): StartupScenario => {
  const home = mkdtempSync(join(tmpdir(), 'iu-bench-sf-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    PATH: [SF_BIN, dirname(process.execPath), process.env.PATH].join(':'),
    SF_DISABLE_TELEMETRY: 'true',
    SF_AUTOUPDATE_DISABLE: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true',
    SF_USE_PROGRESS_BAR: 'false',
    NODE_OPTIONS: '',
  };
  const sf = (args: string[]): void => {
    execFileSync(join(SF_BIN, 'sf'), args, { cwd: home, env, stdio: 'ignore' });
  };
  /** Whole-process wall time: spawn to exit. */
  const wall = (args: string[]): number => {
    const start = performance.now();
    const run = spawnSync(join(SF_BIN, 'sf'), args, { cwd: home, env, stdio: 'ignore' });
    const ms = performance.now() - start;
    if (run.status !== 0) throw new Error(`sf ${args.join(' ')} exited with ${run.status ?? run.signal}`);
    return ms;
  };

  sf(['plugins', 'link', ROOT, '--no-install']);
  // The first runs fill sf's caches; they are not start-up as a user sees it every day.
  wall(PLUGIN_COMMAND);
  wall(BUILT_IN_COMMAND);

  return {
    plugin: PLUGIN_COMMAND,
    builtIn: BUILT_IN_COMMAND,
    round: () => ({ plugin: wall(PLUGIN_COMMAND), builtIn: wall(BUILT_IN_COMMAND) }),
    dispose: () => rmSync(home, { recursive: true, force: true }),
  };
};
