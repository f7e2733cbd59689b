import { dirname, join } from 'node:path';

/**
 * The environment to run the real sf CLI (node_modules/.bin) in a HOME of its own, so no user's sf state is read
 * or touched and nothing interactive (telemetry, update checks, progress bars) gets in the way. For the e2e tests and
 * the start-up benchmark.
 */
export const isolatedSfEnv = (home: string, sfBin: string): NodeJS.ProcessEnv => ({
  ...process.env,
  HOME: home,
  XDG_DATA_HOME: join(home, '.local', 'share'),
  XDG_CONFIG_HOME: join(home, '.config'),
  XDG_CACHE_HOME: join(home, '.cache'),
  PATH: [sfBin, dirname(process.execPath), process.env.PATH].join(':'),
  SF_DISABLE_TELEMETRY: 'true',
  SF_AUTOUPDATE_DISABLE: 'true',
  SF_SKIP_NEW_VERSION_CHECK: 'true',
  SF_USE_PROGRESS_BAR: 'false',
  NODE_OPTIONS: '',
});
