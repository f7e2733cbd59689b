/**
 * npm run bench: speed and memory of the plugin at org scale, against floors measured in the same run.
 * The machines are noisy, so each round measures the product and its floor back to back and the figures
 * are medians of per-round ratios; absolute times are shown for scale only.
 *
 * Options: --rounds N (default 5), --only render,merge,startup,memory, --out FILE (default
 * bench/results/latest.json), --compare FILE (a earlier result: shows each figure beside it).
 * Exits non-zero when a target is missed.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { FULL_SIZE, TENTH_SIZE, syntheticProfile } from './profile.js';
import type { ProfileSize } from './profile.js';
import { MERGED_VENDOR, mergeScenario, prepareMerge } from './merge.js';
import { renderScenario } from './render.js';
import { BUILT_IN_COMMAND, PLUGIN_COMMAND, PLUGINS_COMMAND, startupScenario } from './startup.js';

const ROOT = join(import.meta.dirname, '..');

const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    only: { type: 'string', default: 'render,merge,startup,memory' },
    out: { type: 'string', default: join(ROOT, 'bench', 'results', 'latest.json') },
    compare: { type: 'string' },
  },
});
const ROUNDS = Number(flags.rounds);
const ONLY = new Set(flags.only.split(','));

type Unit = 'ms' | 'x' | 'MB';
export type Metric = { id: string; label: string; unit: Unit; full?: number; tenth?: number };
export type Target = { id: string; label: string; value: number; limit: number; unit: Unit; holds: boolean };
export type BenchResult = {
  date: string;
  node: string;
  cpus: string;
  loadAverage: number[];
  rounds: number;
  sizes: Record<'full' | 'tenth', ProfileSize & { entries?: number; bytes?: number; sha256?: string }>;
  metrics: Metric[];
  targets: Target[];
};

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const metrics = new Map<string, Metric>();
const record = (id: string, label: string, unit: Unit, size: 'full' | 'tenth', value: number): void => {
  const metric = metrics.get(id) ?? { id, label, unit };
  metric[size] = value;
  metrics.set(id, metric);
};
const sizes: BenchResult['sizes'] = { full: { ...FULL_SIZE }, tenth: { ...TENTH_SIZE } };
const log = (text: string): void => void process.stderr.write(`${text}\n`);

/** Run `rounds` rounds after one warm-up round; record the median of each measure and of each ratio, taken round by round. */
const measure = async <R extends Record<string, number>>(
  size: 'full' | 'tenth',
  round: () => R | Promise<R>,
  times: Record<keyof R & string, string>,
  ratios: Array<{ id: string; label: string; of: keyof R & string; to: keyof R & string }>
): Promise<void> => {
  await round();
  const rounds: R[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    rounds.push(await round());
    log(`  round ${i + 1}/${ROUNDS}: ${Object.entries(rounds[i]).map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join(', ')}`);
  }
  for (const [key, label] of Object.entries(times) as Array<[keyof R & string, string]>) {
    record(key, label, 'ms', size, median(rounds.map((r) => r[key])));
  }
  for (const ratio of ratios) record(ratio.id, ratio.label, 'x', size, median(rounds.map((r) => r[ratio.of] / r[ratio.to])));
};

if (ONLY.has('render')) {
  for (const [size, profileSize] of [['full', FULL_SIZE], ['tenth', TENTH_SIZE]] as const) {
    log(`render, ${size} size`);
    const scenario = await renderScenario(profileSize);
    sizes[size] = { ...profileSize, entries: scenario.entries, bytes: scenario.bytes, sha256: scenario.sha256 };
    log(`  permission set: ${scenario.bytes.toLocaleString('en-US')} bytes, SHA-256 ${scenario.sha256}`);
    await measure(
      size,
      scenario.round,
      {
        handJoinWrite: 'floor: hand-written join + write',
        writeOnly: 'floor: write a built string',
        resolve: 'resolve (plan, closure, sort)',
        renderWrite: 'render + write',
        generate: 'generate (resolve → render → SDR → stage → write)',
      },
      [
        { id: 'renderWrite/handJoinWrite', label: 'render + write ÷ hand-written floor', of: 'renderWrite', to: 'handJoinWrite' },
        { id: 'renderWrite/writeOnly', label: 'render + write ÷ write-only floor', of: 'renderWrite', to: 'writeOnly' },
        { id: 'generate/handJoinWrite', label: 'generate ÷ hand-written floor', of: 'generate', to: 'handJoinWrite' },
      ]
    );
    scenario.dispose();
  }
}

if (ONLY.has('merge')) {
  for (const [size, profileSize] of [['full', FULL_SIZE], ['tenth', TENTH_SIZE]] as const) {
    log(`merge, ${size} size`);
    const scenario = await mergeScenario(profileSize);
    await measure(
      size,
      scenario.round,
      {
        parse: "floor: read + fast-xml-parser's bare parse",
        merge: `merge ${MERGED_VENDOR} in: read, parse, merge, canonical write`,
        generateMerge: `generate ${MERGED_VENDOR} onto the file (merge inside generate)`,
      },
      [
        { id: 'merge/parse', label: "merge ÷ fast-xml-parser's parse", of: 'merge', to: 'parse' },
        { id: 'generateMerge/parse', label: "generate with merge ÷ fast-xml-parser's parse", of: 'generateMerge', to: 'parse' },
      ]
    );
    scenario.dispose();
  }
}

/** The synthetic profile of a size as a JSON file, for bench/child.ts, which imports no TypeScript of the product. */
const childDir = mkdtempSync(join(tmpdir(), 'iu-bench-child-'));
process.on('exit', () => rmSync(childDir, { recursive: true, force: true }));
const profileFile = (size: 'full' | 'tenth'): string => {
  const path = join(childDir, `${size}.profile.json`);
  if (!existsSync(path)) writeFileSync(path, JSON.stringify(syntheticProfile(size === 'full' ? FULL_SIZE : TENTH_SIZE)));
  return path;
};

type ChildResult = { coldMs: number; maxRssMb: number; readMs?: number; joinWriteMs?: number; sha256?: string };

/** A scenario in a process of its own (run by Node, not tsx, as sf runs): its max RSS is its own. `merge` takes the prepared project, `floor` a profile file. */
const child = (scenario: 'baseline' | 'render' | 'merge' | 'floor', size: 'full' | 'tenth', path?: string): ChildResult => {
  const argument = scenario === 'render' ? [profileFile(size)] : path ? [path] : [];
  const out = execFileSync(process.execPath, [join(ROOT, 'bench', 'child.ts'), scenario, ...argument], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as ChildResult;
};

/** The floor's run from a profile file, refused where it wrote other bytes than generate does: then it is no floor of that work. */
const floorOf = (path: string): ChildResult => {
  const floor = child('floor', 'full', path);
  const expected = sizes.full.sha256;
  if (expected && floor.sha256 !== expected) throw new Error(`The floor wrote a permission set with SHA-256 ${floor.sha256} from ${path}, generate ${expected}`);
  return floor;
};

if (ONLY.has('startup')) {
  log(`start-up: sf ${PLUGIN_COMMAND.join(' ')} against sf ${BUILT_IN_COMMAND.join(' ')} and sf ${PLUGINS_COMMAND.join(' ')}; generate end to end`);
  const scenario = await startupScenario();
  const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
  await measure(
    'full',
    () => {
      const round = scenario.round();
      // The first generate of the same set in a fresh process, with what sf loads for every command already loaded.
      const firstGenerate = child('render', 'full').coldMs;
      // The floors, cold in a process of their own too, after the same start-up.
      const [json, yaml] = [floorOf(scenario.filePaths.json), floorOf(scenario.filePaths.yaml)];
      return {
        ...round,
        firstGenerate,
        endToEnd: round.plugin + firstGenerate,
        floorFromJson: round.plugin + json.coldMs,
        floorFromYaml: round.plugin + yaml.coldMs,
        floorEndToEnd: round.plugin + (json.joinWriteMs ?? 0),
      };
    },
    {
      plugin: `sf ${PLUGIN_COMMAND.join(' ')} (wall, installed from the packed plugin)`,
      builtIn: `sf ${BUILT_IN_COMMAND.join(' ')} (wall)`,
      plugins: `sf ${PLUGINS_COMMAND.join(' ')} (wall)`,
      fromJson: `sf integration-user generate --profile-file, JSON on one line, ${mb(scenario.fileBytes.json)} (wall: start-up, profile file, generate, output)`,
      fromYaml: `sf integration-user generate --profile-file, YAML, ${mb(scenario.fileBytes.yaml)} (wall)`,
      firstGenerate: 'generate, first in a fresh process (imports included)',
      endToEnd: 'generate end to end: sf start-up + first generate',
      floorFromJson: 'floor: sf start-up + read the JSON file, JSON.parse, sort, hand-written join + write (cold)',
      floorFromYaml: "floor: sf start-up + read the YAML file, js-yaml's load, sort, hand-written join + write (cold)",
      floorEndToEnd: 'floor: sf start-up + sort, hand-written join + write (cold)',
    },
    [
      { id: 'plugin/builtIn', label: `start-up ÷ sf ${BUILT_IN_COMMAND.join(' ')}`, of: 'plugin', to: 'builtIn' },
      { id: 'plugin/plugins', label: `start-up ÷ sf ${PLUGINS_COMMAND.join(' ')}`, of: 'plugin', to: 'plugins' },
      { id: 'fromJson/builtIn', label: `generate --profile-file (JSON) ÷ sf ${BUILT_IN_COMMAND.join(' ')}`, of: 'fromJson', to: 'builtIn' },
      { id: 'fromYaml/builtIn', label: `generate --profile-file (YAML) ÷ sf ${BUILT_IN_COMMAND.join(' ')}`, of: 'fromYaml', to: 'builtIn' },
      { id: 'endToEnd/builtIn', label: `sf start-up + first generate ÷ sf ${BUILT_IN_COMMAND.join(' ')}`, of: 'endToEnd', to: 'builtIn' },
      { id: 'floorFromJson/builtIn', label: `floor from the JSON file ÷ sf ${BUILT_IN_COMMAND.join(' ')}`, of: 'floorFromJson', to: 'builtIn' },
      { id: 'floorFromYaml/builtIn', label: `floor from the YAML file ÷ sf ${BUILT_IN_COMMAND.join(' ')}`, of: 'floorFromYaml', to: 'builtIn' },
      { id: 'floorEndToEnd/builtIn', label: `floor end to end ÷ sf ${BUILT_IN_COMMAND.join(' ')}`, of: 'floorEndToEnd', to: 'builtIn' },
      { id: 'fromJson/floorFromJson', label: 'generate --profile-file (JSON) ÷ its floor', of: 'fromJson', to: 'floorFromJson' },
      { id: 'fromYaml/floorFromYaml', label: 'generate --profile-file (YAML) ÷ its floor', of: 'fromYaml', to: 'floorFromYaml' },
      { id: 'endToEnd/floorEndToEnd', label: 'sf start-up + first generate ÷ its floor', of: 'endToEnd', to: 'floorEndToEnd' },
    ]
  );
  log('peak memory of sf generating from a profile file, 3 runs each');
  const peak = (file: 'json' | 'yaml' | 'json57k'): number => median(Array.from({ length: 3 }, () => scenario.peakMemory(file)));
  record('fromJsonRss', 'max RSS: sf integration-user generate --profile-file, JSON', 'MB', 'full', peak('json'));
  record('fromYamlRss', 'max RSS: sf integration-user generate --profile-file, YAML', 'MB', 'full', peak('yaml'));
  record('from57kRss', `max RSS: sf integration-user generate --profile-file, 57,000 fields, JSON, ${mb(scenario.fileBytes.json57k)}`, 'MB', 'full', peak('json57k'));
  scenario.dispose();
}

if (ONLY.has('memory')) {
  log('peak memory and first generate, each in a process of its own');
  record('baselineRss', 'max RSS: node, nothing run', 'MB', 'full', child('baseline', 'full').maxRssMb);
  for (const size of ['full', 'tenth'] as const) {
    const runs = Array.from({ length: 3 }, () => child('render', size));
    record('generateRss', 'max RSS: generate', 'MB', size, median(runs.map((r) => r.maxRssMb)));
    record('generateCold', 'generate, first in a fresh process (imports included)', 'ms', size, median(runs.map((r) => r.coldMs)));
    const prepared = await prepareMerge(size === 'full' ? FULL_SIZE : TENTH_SIZE);
    const merges = Array.from({ length: 3 }, () => {
      copyFileSync(prepared.original, prepared.file);
      return child('merge', size, prepared.project);
    });
    rmSync(prepared.project, { recursive: true, force: true });
    record('mergeRss', `max RSS: generate ${MERGED_VENDOR} merging into the file`, 'MB', size, median(merges.map((r) => r.maxRssMb)));
  }
}

// Linearity: ten times the entries should cost ten times as much. The floors are linear by construction (one
// string per entry), yet on a busy machine a 36 MB heap grows their cost by more than 10×, so the product's growth
// is also shown relative to its floor's: at most 1 means it grows no faster than the floor does.
for (const metric of [...metrics.values()]) {
  if (metric.unit === 'ms' && metric.full !== undefined && metric.tenth !== undefined) {
    record(`${metric.id}/growth`, `growth ×10 entries: ${metric.label}`, 'x', 'full', metric.full / metric.tenth);
  }
}
const relativeGrowth = (id: string, floor: string, label: string): void => {
  const product = metrics.get(`${id}/growth`)?.full;
  const base = metrics.get(`${floor}/growth`)?.full;
  if (product !== undefined && base !== undefined) record(`${id}/growth/${floor}`, label, 'x', 'full', product / base);
};
relativeGrowth('generate', 'handJoinWrite', 'growth of generate ÷ growth of the hand-written floor');
relativeGrowth('merge', 'parse', "growth of merge ÷ growth of fast-xml-parser's parse");

const LINEAR_LIMIT = 1.25;
const targetSpecs: Array<{ id: string; label: string; metric: string; limit: number; unit: Unit }> = [
  { id: 'render', label: 'render + write within 1.5× of the hand-written floor', metric: 'renderWrite/handJoinWrite', limit: 1.5, unit: 'x' },
  { id: 'endToEnd', label: `generate end to end (sf start-up + first generate) within 1.3× of sf ${BUILT_IN_COMMAND.join(' ')}`, metric: 'endToEnd/builtIn', limit: 1.3, unit: 'x' },
  { id: 'endToEndFile', label: `generate --profile-file (JSON) through sf within 1.5× of sf ${BUILT_IN_COMMAND.join(' ')}`, metric: 'fromJson/builtIn', limit: 1.5, unit: 'x' },
  { id: 'endToEndFileRss', label: 'generate --profile-file (JSON) peak memory under 600 MB', metric: 'fromJsonRss', limit: 600, unit: 'MB' },
  { id: 'endToEndYaml', label: `generate --profile-file (YAML) through sf within 3× of sf ${BUILT_IN_COMMAND.join(' ')}`, metric: 'fromYaml/builtIn', limit: 3, unit: 'x' },
  { id: 'endToEndYamlRss', label: 'generate --profile-file (YAML) peak memory under 1 GB', metric: 'fromYamlRss', limit: 1000, unit: 'MB' },
  { id: 'merge', label: "merge within 1.3× of fast-xml-parser's bare parse", metric: 'merge/parse', limit: 1.3, unit: 'x' },
  { id: 'mergeRss', label: 'merge peak memory under 600 MB', metric: 'mergeRss', limit: 600, unit: 'MB' },
  { id: 'startup', label: `start-up within 1.2× of sf ${BUILT_IN_COMMAND.join(' ')}`, metric: 'plugin/builtIn', limit: 1.2, unit: 'x' },
  { id: 'linearGenerate', label: 'generate grows linearly: ×10 entries costs ≤ 1.25× what it costs the floor', metric: 'generate/growth/handJoinWrite', limit: LINEAR_LIMIT, unit: 'x' },
  { id: 'linearMerge', label: 'merge grows linearly: ×10 entries costs ≤ 1.25× what it costs the bare parse', metric: 'merge/growth/parse', limit: LINEAR_LIMIT, unit: 'x' },
];
const targets: Target[] = targetSpecs.flatMap((spec) => {
  const value = metrics.get(spec.metric)?.full;
  return value === undefined ? [] : [{ id: spec.id, label: spec.label, value, limit: spec.limit, unit: spec.unit, holds: value <= spec.limit }];
});

const result: BenchResult = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
  loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  rounds: ROUNDS,
  sizes,
  metrics: [...metrics.values()],
  targets,
};

const format = (value: number | undefined, unit: Unit): string => {
  if (value === undefined) return '';
  if (unit === 'x') return `${value.toFixed(2)}×`;
  return `${Math.round(value).toLocaleString('en-US')} ${unit}`;
};

const previous = flags.compare ? (JSON.parse(readFileSync(flags.compare, 'utf8')) as BenchResult) : undefined;
const before = (id: string, size: 'full' | 'tenth'): number | undefined => previous?.metrics.find((m) => m.id === id)?.[size];

const header = ['measure', `${sizes.full.entries?.toLocaleString('en-US') ?? 'full'} entries`, `${sizes.tenth.entries?.toLocaleString('en-US') ?? '1/10'} entries`];
if (previous) header.push(`before (${previous.date.slice(0, 10)})`);
const table = [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`];
for (const m of result.metrics) {
  const row = [m.label, format(m.full, m.unit), format(m.tenth, m.unit)];
  if (previous) row.push([format(before(m.id, 'full'), m.unit), format(before(m.id, 'tenth'), m.unit)].filter(Boolean).join(' / '));
  table.push(`| ${row.join(' | ')} |`);
}
const targetTable = ['| target | figure | holds |', '| --- | --- | --- |'];
for (const t of targets) targetTable.push(`| ${t.label} | ${format(t.value, t.unit)} | ${t.holds ? 'yes' : '**no**'} |`);

console.log(`${result.date}, Node ${result.node}, ${result.cpus}, load ${result.loadAverage.join(' ')}, ${ROUNDS} rounds${sizes.full.sha256 ? `; permission set SHA-256 ${sizes.full.sha256}` : ''}\n`);
console.log(table.join('\n'));
console.log(`\n${targetTable.join('\n')}`);

mkdirSync(dirname(flags.out), { recursive: true });
writeFileSync(flags.out, `${JSON.stringify(result, null, 2)}\n`);
log(`\nwritten to ${flags.out}`);
process.exitCode = targets.every((t) => t.holds) ? 0 : 1;
