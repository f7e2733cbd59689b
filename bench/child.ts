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
 * file, parse it (JSON.parse, or js-yaml's load, the fastest YAML reader in the tree), sort the fields, join the
 * permission set by hand (bench/render.ts's floor, from the file's items) and write it. No check, no plan, no
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

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** bench/render.ts's hand-written floor, from a profile file's items: sorted by name, escaped, joined once, nothing checked. */
const handJoined = (file: FloorFile): string => {
  const byName = <T>(key: (item: T) => string) => (a: T, b: T): number => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">\n'];
  out.push(`    <description>${esc(file.permissionSet.description)}</description>\n`);
  for (const f of [...(file.fieldPermissions ?? [])].sort(byName((f) => f.field))) {
    out.push(`    <fieldPermissions>\n        <editable>${f.editable ?? false}</editable>\n        <field>${esc(f.field)}</field>\n        <readable>true</readable>\n    </fieldPermissions>\n`);
  }
  out.push(`    <hasActivationRequired>false</hasActivationRequired>\n    <label>${esc(file.permissionSet.label)}</label>\n`);
  for (const o of [...(file.objectPermissions ?? [])].sort(byName((o) => o.object))) {
    const has = (a: string): boolean => o.access.includes(a);
    out.push(
      `    <objectPermissions>\n        <allowCreate>${has('allowCreate')}</allowCreate>\n        <allowDelete>${has('allowDelete')}</allowDelete>\n        <allowEdit>${has('allowEdit')}</allowEdit>\n        <allowRead>true</allowRead>\n        <modifyAllRecords>${has('modifyAllRecords')}</modifyAllRecords>\n        <object>${esc(o.object)}</object>\n        <viewAllFields>false</viewAllFields>\n        <viewAllRecords>${has('viewAllRecords')}</viewAllRecords>\n    </objectPermissions>\n`
    );
  }
  for (const p of [...(file.userPermissions ?? [])].sort(byName((p) => p.name))) out.push(`    <userPermissions>\n        <enabled>true</enabled>\n        <name>${esc(p.name)}</name>\n    </userPermissions>\n`);
  out.push('</PermissionSet>\n');
  return out.join('');
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
  const xml = handJoined(file);
  writeFileSync(join(dir, 'floor.permissionset-meta.xml'), xml);
  const end = performance.now();
  rmSync(dir, { recursive: true, force: true });
  floor = { readMs: parsed - start, joinWriteMs: end - parsed, sha256: createHash('sha256').update(xml).digest('hex') };
  coldMs = end - start;
} else if (scenario !== 'baseline') {
  throw new Error(`Unknown scenario ${scenario}`);
}

console.log(JSON.stringify({ coldMs, ...floor, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
