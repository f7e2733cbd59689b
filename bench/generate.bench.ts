/**
 * Speed and memory of the pure pipeline (profile → plan → rendered XML), with the targets it must meet.
 * Run: npm run bench. Exits non-zero when a target is missed.
 */
import { performance } from 'node:perf_hooks';
import { findProfile } from '../src/profiles/index.js';
import { resolvePlan } from '../src/resolve/resolve.js';
import type { ResolveOptions } from '../src/resolve/resolve.js';
import { renderPermissionSet, toPermissionSetSource } from '../src/render/permission-set.js';

type Case = { name: string; vendor: string; options: ResolveOptions; iterations: number; targetMsPerRun: number };

const manyObjects = Array.from({ length: 2000 }, (_, i) => `Object_${String(i).padStart(4, '0')}__c`);

const CASES: Case[] = [
  { name: 'grax, required', vendor: 'grax', options: {}, iterations: 200, targetMsPerRun: 20 },
  { name: 'ownbackup, recommended', vendor: 'ownbackup', options: { includeRecommended: true }, iterations: 200, targetMsPerRun: 20 },
  { name: 'backstory, recommended', vendor: 'backstory', options: { includeRecommended: true }, iterations: 200, targetMsPerRun: 20 },
  {
    name: 'salesforce-backup, 2000 objects, backup+restore',
    vendor: 'salesforce-backup',
    options: { objects: manyObjects, tasks: ['backup', 'restore'] },
    iterations: 10,
    targetMsPerRun: 500,
  },
];

const HEAP_TARGET_MB = 256;

let failed = false;
const rows: string[] = [];
// Warm up: the first run loads the bundled tables and compiles the template.
renderPermissionSet(toPermissionSetSource(resolvePlan(findProfile('grax')).permissionSet, '67.0'));

for (const c of CASES) {
  const profile = findProfile(c.vendor);
  let bytes = 0;
  const start = performance.now();
  for (let i = 0; i < c.iterations; i++) {
    bytes = renderPermissionSet(toPermissionSetSource(resolvePlan(profile, c.options).permissionSet, '67.0')).length;
  }
  const perRun = (performance.now() - start) / c.iterations;
  const ok = perRun <= c.targetMsPerRun;
  failed ||= !ok;
  rows.push(`${ok ? 'ok  ' : 'SLOW'} ${c.name}: ${perRun.toFixed(2)} ms/run (target ${c.targetMsPerRun}), ${bytes} bytes`);
}

const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
const heapOk = heapMb <= HEAP_TARGET_MB;
failed ||= !heapOk;
rows.push(`${heapOk ? 'ok  ' : 'BIG '} heap used after all runs: ${heapMb.toFixed(1)} MB (target ${HEAP_TARGET_MB})`);

console.log(rows.join('\n'));
process.exit(failed ? 1 : 0);
