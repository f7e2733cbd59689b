/**
 * One scenario, once, in a process of its own, so its peak memory (max RSS) is its own. Also times the
 * first generate in a fresh process: module loading, template compiling and a cold JIT included, as a
 * command pays them (after what sf loads for every command: @salesforce/core and sf-plugins-core). The product is loaded from lib/ (compiled), as `sf` loads it.
 *
 * Run by Node itself (its type stripping), not through tsx: tsx's hooks would slow every module sf and the
 * plugin load, which sf doesn't pay. So it imports no TypeScript at run time but project.ts (named with its
 * extension, as Node needs), and takes the synthetic profile as the JSON file the parent wrote.
 *
 * Usage: node bench/child.ts baseline | render <profile.json> | merge <project>
 * (merge: the file is written from src/ first, in the parent; only the generate that merges is this process's)
 * Prints one JSON line: { coldMs, maxRssMb }.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Generate from '../src/generate.js';
import type * as Layout from '../src/layout.js';
import type * as Profiles from '../src/profiles/index.js';
import type { VendorProfile } from '../src/profiles/types.js';
import { makeProject } from './project.ts';

/** As bench/merge.ts merges: imported from there, it would load src/ into this process. */
const MERGED_VENDOR = 'grax';

const ROOT = join(import.meta.dirname, '..');
const lib = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(ROOT, 'lib', path)).href)) as T;

const [scenario, argument] = process.argv.slice(2);

let coldMs = 0;
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
} else if (scenario !== 'baseline') {
  throw new Error(`Unknown scenario ${scenario}`);
}

console.log(JSON.stringify({ coldMs, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
