import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const API_VERSION = '67.0';

/** A Salesforce DX project in a temporary directory, as `sf template generate project` lays it out. */
export const makeProject = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'iu-bench-'));
  writeFileSync(
    join(dir, 'sfdx-project.json'),
    JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: API_VERSION })
  );
  mkdirSync(join(dir, 'force-app', 'main', 'default'), { recursive: true });
  return dir;
};


const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

/** Wall time of one run, after a garbage collection (with --expose-gc) so the last run's garbage isn't counted. */
export const timed = async (run: () => unknown): Promise<number> => {
  gc();
  const start = performance.now();
  await run();
  return performance.now() - start;
};
