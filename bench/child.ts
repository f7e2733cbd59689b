/**
 * One scenario, once, in a process of its own, so its peak memory (max RSS) is its own. Also times the
 * first generate in a fresh process: module loading, template compiling and a cold JIT included, as a
 * command pays them (after what sf loads for every command: @salesforce/core and sf-plugins-core). The product is loaded from lib/ (compiled), as `sf` loads it.
 *
 * Run by Node itself (its type stripping), not through tsx: tsx's hooks would slow every module sf and the
 * plugin load, which sf doesn't pay. So it imports no TypeScript at run time but project.ts (named with its
 * extension, as Node needs), and takes the synthetic profile as the JSON file the parent wrote.
 *
 * Usage: node bench/child.ts baseline | render <profile.json> | merge <project> | floor <profile file>
 * (merge: the file is written from src/ first, in the parent; only the generate that merges is this process's)
 * Prints one JSON line: { coldMs, maxRssMb }, and for floor also { readMs, joinWriteMs, sha256 } (of the permission set).
 *
 * floor: the least any generate from a profile file can do, cold, as the end-to-end figures' floors: read the
 * file, parse it (JSON.parse, or js-yaml's load, the fastest YAML reader in the tree), sort the entries, join the
 * permission set by hand (bench/floor.ts, as the render scenario's floor does) and write it. No check, no plan, no
 * source-deploy-retrieve, no report.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Generate from '../src/generate.js';
import type * as Layout from '../src/layout.js';
import type * as Profiles from '../src/profiles/index.js';
import type { VendorProfile } from '../src/profiles/types.js';
import type { HandWrittenSet } from './floor.ts';
import { handWrittenPermissionSet } from './floor.ts';
import { makeProject } from './project.ts';

/** As bench/merge.ts merges: imported from there, it would load src/ into this process. */
const MERGED_VENDOR = 'grax';

const ROOT = join(import.meta.dirname, '..');
const lib = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(ROOT, 'lib', path)).href)) as T;

const [scenario, argument] = process.argv.slice(2);

let coldMs = 0;
let floor: { readMs: number; joinWriteMs: number; sha256: string } | undefined;

/** What the floor reads of a profile file (src/profiles/file.ts): the lists a permission set is written from. */
type FloorFile = {
  permissionSet: { label: string; description: string };
  userPermissions?: Array<{ name: string }>;
  objectPermissions?: Array<{ object: string; access: string[] }>;
  fieldPermissions?: Array<{ field: string; editable?: boolean }>;
};

/**
 * The file's lists as the floor writes them: sorted by name, edit off where not given, and Read on every object
 * (the closure adds it to anything more; the benchmark's objects all have it), nothing checked.
 */
const fromFile = (file: FloorFile): HandWrittenSet => {
  const byName = <T>(key: (item: T) => string) => (a: T, b: T): number => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  return {
    description: file.permissionSet.description,
    label: file.permissionSet.label,
    fieldPermissions: (file.fieldPermissions ?? []).map((f) => ({ field: f.field, editable: f.editable ?? false, readable: true })).sort(byName((f) => f.field)),
    objectPermissions: (file.objectPermissions ?? [])
      .map(({ object, access }) => ({
        object,
        access: {
          allowCreate: access.includes('allowCreate'),
          allowDelete: access.includes('allowDelete'),
          allowEdit: access.includes('allowEdit'),
          allowRead: true,
          modifyAllRecords: access.includes('modifyAllRecords'),
          viewAllRecords: access.includes('viewAllRecords'),
        },
      }))
      .sort(byName((o) => o.object)),
    userPermissions: [...(file.userPermissions ?? [])].sort(byName((p) => p.name)),
  };
};

/** What sf has loaded before any command runs, so the first generate's time does not count it again (start-up does). */
const loadWhatSfHasLoaded = async (): Promise<void> => {
  await import('@salesforce/core');
  await import('@salesforce/sf-plugins-core');
};

if (scenario === 'render') {
  const profile = JSON.parse(readFileSync(argument, 'utf8')) as VendorProfile;
  const project = makeProject();
  await loadWhatSfHasLoaded();
  const start = performance.now();
  const { resolveLayout } = await lib<typeof Layout>('layout.js');
  const { generate } = await lib<typeof Generate>('generate.js');
  await generate(profile, { layout: await resolveLayout({ vendor: profile.id, cwd: project }), cwd: project });
  coldMs = performance.now() - start;
  rmSync(project, { recursive: true, force: true });
} else if (scenario === 'merge') {
  const project = argument;
  await loadWhatSfHasLoaded();
  const start = performance.now();
  const { resolveLayout } = await lib<typeof Layout>('layout.js');
  const { generate } = await lib<typeof Generate>('generate.js');
  const { findProfile } = await lib<typeof Profiles>('profiles/index.js');
  const vendor = findProfile(MERGED_VENDOR);
  await generate(vendor, { layout: await resolveLayout({ vendor: vendor.id, cwd: project }), cwd: project });
  coldMs = performance.now() - start;
} else if (scenario === 'floor') {
  await loadWhatSfHasLoaded();
  const { load } = await import('js-yaml');
  const start = performance.now();
  const text = readFileSync(argument, 'utf8');
  const file = (argument.endsWith('.json') ? JSON.parse(text) : load(text)) as FloorFile;
  const parsed = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'iu-bench-floor-'));
  const xml = handWrittenPermissionSet(fromFile(file));
  writeFileSync(join(dir, 'floor.permissionset-meta.xml'), xml);
  const end = performance.now();
  rmSync(dir, { recursive: true, force: true });
  floor = { readMs: parsed - start, joinWriteMs: end - parsed, sha256: createHash('sha256').update(xml).digest('hex') };
  coldMs = end - start;
} else if (scenario !== 'baseline') {
  throw new Error(`Unknown scenario ${scenario}`);
}

console.log(JSON.stringify({ coldMs, ...floor, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
