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

