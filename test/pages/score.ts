import { readFileSync, readdirSync } from 'node:fs';
import type { Finding, FindingKind } from '../../src/pages/findings.js';
import { SHARED } from '../helpers/shared.js';

/**
 * The scorer: what a draft names against the hand-made truth of a labelled page (shared/guides/README.md).
 * A finding counts whether it was drafted or listed for review: both are what the command reports the page
 * asks for. Rows that name no one thing (`*`, `*.*`, `?`) and rows the truth marks optional (`auto:`,
 * `inherited:`, `admin:`) are not missed when absent, nor wrong when found.
 */
export type TruthRow = { kind: string; name: string; access: string; tier: string; line: number; note: string };

export type Tally = { truth: number; found: number; matchedTruth: number; matchedFound: number; accessComparable: number; accessRight: number };

export type PageScore = { page: string; byKind: Record<string, Tally>; missed: string[]; wrong: string[]; wrongAccess: string[] };

export const GUIDE_PAGES = (): Array<{ page: string; text: string; truth: string }> => {
  const guides = readdirSync(`${SHARED}guides`)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ page: f, text: `${SHARED}guides/${f}`, truth: `${SHARED}guides/${f.replace(/\.txt$/, '.truth.tsv')}` }));
  const seeds = readdirSync(`${SHARED}guides/seeds`)
    .filter((f) => f.endsWith('.truth.tsv'))
    .sort()
    .map((f) => ({ page: `seeds/${f.replace(/\.truth\.tsv$/, '.txt')}`, text: `${SHARED}seeds/${f.replace(/\.truth\.tsv$/, '.txt')}`, truth: `${SHARED}guides/seeds/${f}` }));
  return [...guides, ...seeds];
};

export const readTruth = (path: string): TruthRow[] => {
  const [, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  return rows.map((row) => {
    const [kind, name, access, tier, line, note] = row.split('\t');
    return { kind, name, access: access ?? '', tier: tier ?? '', line: Number(line), note: note ?? '' };
  });
};

const OPTIONAL_NOTE = /^(auto|inherited|admin):/;
const optional = (row: TruthRow): boolean => row.name === '*' || row.name.startsWith('*') || row.name === '?' || OPTIONAL_NOTE.test(row.note);

/** How names compare: case and punctuation aside; a permission set's or field's own type word aside. */
export const nameKey = (kind: string, name: string): string => {
  let key = name.toLowerCase().replace(/[^a-z0-9.*]/g, '');
  if (kind === 'permissionSet') key = key.replace(/(permissionsets?|permissions?)$/, '');
  if (kind === 'fieldPermission') key = key.replace(/fields?$/, '');
  if (kind === 'license') key = key.replace(/user$/, '');
  return key;
};

const rowKey = (row: TruthRow): string => `${row.kind}|${nameKey(row.kind, row.name)}${row.kind === 'license' && row.access === 'off' ? '|off' : ''}`;
const findingKey = (f: Finding): string => `${f.kind}|${nameKey(f.kind, f.name)}${f.kind === 'license' && f.off ? '|off' : ''}`;

const ACCESS: Record<string, string> = { allowRead: 'read', allowCreate: 'create', allowEdit: 'edit', allowDelete: 'delete', viewAllRecords: 'viewAll', modifyAllRecords: 'modifyAll' };

const emptyTally = (): Tally => ({ truth: 0, found: 0, matchedTruth: 0, matchedFound: 0, accessComparable: 0, accessRight: 0 });

export const scorePage = (page: string, findings: Finding[], truth: TruthRow[]): PageScore => {
  const byKind: Record<string, Tally> = {};
  const tally = (kind: string): Tally => (byKind[kind] ??= emptyTally());
  const foundKeys = new Set(findings.map(findingKey));
  const truthKeys = new Set(truth.map(rowKey));
  const missed: string[] = [];
  const wrong: string[] = [];
  const wrongAccess: string[] = [];
  const required = new Map<string, TruthRow>();
  for (const row of truth) if (!optional(row)) required.set(rowKey(row), row);
  for (const [key, row] of required) {
    tally(row.kind).truth += 1;
    if (foundKeys.has(key)) tally(row.kind).matchedTruth += 1;
    else missed.push(`${row.kind} ${row.name} (line ${row.line})`);
  }
  const seen = new Set<string>();
  for (const f of findings) {
    const key = findingKey(f);
    if (seen.has(key)) continue;
    seen.add(key);
    tally(f.kind).found += 1;
    if (truthKeys.has(key)) tally(f.kind).matchedFound += 1;
    else wrong.push(`${f.kind} ${f.name} (line ${f.line})`);
  }
  // Object access: the union of what the page grants an object, where the truth states a level.
  for (const key of new Set(truth.filter((r) => r.kind === 'objectPermission' && !optional(r)).map(rowKey))) {
    const rows = truth.filter((r) => rowKey(r) === key && r.access && r.access !== '?');
    const found = findings.filter((f) => findingKey(f) === key);
    if (rows.length === 0 || found.length === 0) continue;
    const expected = [...new Set(rows.flatMap((r) => r.access.split(',')))].sort().join(',');
    const got = [...new Set(found.flatMap((f) => (f.access ?? []).map((a) => ACCESS[a])))].sort().join(',');
    tally('objectPermission').accessComparable += 1;
    if (expected === got) tally('objectPermission').accessRight += 1;
    else wrongAccess.push(`${rows[0].name}: page ${expected}, draft ${got || '(none)'}`);
  }
  return { page, byKind, missed, wrong, wrongAccess };
};

export const KINDS: FindingKind[] = ['userPermission', 'objectPermission', 'fieldPermission', 'userField', 'license', 'profile', 'permissionSet', 'orgSetting', 'apexClass'];

export const total = (scores: PageScore[]): Record<string, Tally> => {
  const sum: Record<string, Tally> = {};
  for (const s of scores) {
    for (const [kind, t] of Object.entries(s.byKind)) {
      const acc = (sum[kind] ??= emptyTally());
      for (const k of Object.keys(t) as Array<keyof Tally>) acc[k] += t[k];
    }
  }
  return sum;
};

export const recall = (t: Tally): number => (t.truth === 0 ? 1 : t.matchedTruth / t.truth);
export const precision = (t: Tally): number => (t.found === 0 ? 1 : t.matchedFound / t.found);
export const accessShare = (t: Tally): number => (t.accessComparable === 0 ? 1 : t.accessRight / t.accessComparable);
const f2 = (n: number): string => n.toFixed(2);

/** A Markdown table of recall and precision per kind, for the test output and the README. */
export const table = (totals: Record<string, Tally>): string => {
  const rows = KINDS.filter((k) => totals[k]).map((k) => {
    const t = totals[k];
    return `| ${k} | ${t.truth} | ${t.found} | ${f2(recall(t))} | ${f2(precision(t))} |${k === 'objectPermission' ? ` ${f2(accessShare(t))} (${t.accessRight}/${t.accessComparable})` : ' '} |`;
  });
  return ['| kind | on the pages | found | recall | precision | access right |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
};
