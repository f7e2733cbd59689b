import type { LineContext, TierReading } from '../context.js';
import { contexts, tierFor, tierIn } from '../context.js';
import type { Finding } from '../findings.js';
import type { Page, PageLine } from '../page.js';
import { wordsOf } from '../words.js';
import type { Word } from '../words.js';
import { recognizeFields } from './fields.js';
import type { LineInput, Mention } from './mention.js';
import { objectMentions, recognizeObjects, sentences } from './objects.js';
import { recognizeOthers } from './others.js';
import { recognizePermissions } from './permissions.js';
import { mergeFindings } from './merge.js';
import { accessWords, combine } from './access.js';
import { overlaps } from './mention.js';

const MAX_REASON = 240;

const clip = (text: string): string => {
  const clean = text.replace(/\s+/g, ' ').replace(/^[\s|:;,.–—-]+|[\s|:;,–—-]+$/g, '').trim();
  if (clean.length <= MAX_REASON) return clean;
  const cut = clean.slice(0, MAX_REASON);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_REASON - 40))} …`;
};

type Prepared = { line: PageLine; words: Word[]; permissions: Mention[] };

/** A heading is a title unless it is itself an entry: a permission's name, or only object names ("Account" under "all fields in the following objects"). */
const titleTest = (prepared: Map<PageLine, Prepared>) => (line: PageLine): boolean => {
  const p = prepared.get(line);
  if (!p) return true;
  // "AND" between two permissions in Salesforce Help's "User Permissions Needed" box joins them; it heads nothing.
  if (/^(and|or|then|also)$/i.test(line.text.trim())) return false;
  if (p.permissions.some((m) => m.from <= 3)) return false;
  const objects = objectMentions(line.text, p.words);
  return !(objects.length > 0 && objects.map((o) => line.text.slice(o.from, o.to)).join(' ').length >= line.text.replace(/[^\w ]/g, '').trim().length - 2);
};

/** The words that explain an item: a table row's other cells, the rest of its line, or the lines a flattened table put under it. */
const reasonFor = (input: LineInput, mention: Mention, following: PageLine[]): string => {
  const { line, context } = input;
  if (mention.reason) return clip(mention.reason);
  if (line.cells) {
    const others = line.cells.filter((c) => c && !(line.text.indexOf(c) <= mention.from && line.text.indexOf(c) + c.length >= mention.to) && c.split(' ').length >= 3);
    if (others.length > 0) return clip(others.join('; '));
  }
  const rest = line.text.slice(mention.to);
  if (rest.split(/\s+/).filter((w) => /\w/.test(w)).length >= 3) return clip(sentenceOf(line.text, mention.from, true));
  if (following.length > 0) return clip(following.map((l) => l.text).join(' '));
  if (line.text.split(' ').length >= 6) return clip(sentenceOf(line.text, mention.from, false));
  return clip(context.leadIn?.text ?? context.headings[context.headings.length - 1]?.text ?? line.text);
};

const sentenceOf = (text: string, at: number, fromMention: boolean): string => {
  const span = sentences(text).find((s) => at >= s.from && at < s.to) ?? { from: 0, to: text.length };
  return text.slice(fromMention ? span.from : span.from, span.to);
};

/** Short lines without names of their own that a flattened table put under an entry: its reason and conditions. */
const followingLines = (page: Page, index: number, prepared: Map<PageLine, Prepared>, isTitle: (l: PageLine) => boolean): PageLine[] => {
  const line = page.lines[index];
  // Only a line of text is a cell a flattened table put on its own line; an entry of a list has its reason in itself.
  if (line.text.split(' ').length > 8 || (line.kind !== 'text' && line.kind !== 'heading')) return [];
  const result: PageLine[] = [];
  for (const next of page.lines.slice(index + 1, index + 4)) {
    if (next.kind === 'row' || (next.kind === 'heading' && isTitle(next)) || (prepared.get(next)?.permissions.length ?? 0) > 0) break;
    if (next.kind !== 'text' && next.kind !== 'heading') break;
    result.push(next);
    if (next.text.split(' ').length > 8) break;
  }
  return result;
};

/** "API Enabled or API Only User", "Either this or Modify All Data": the later names are alternatives. */
const alternatives = (text: string, mentions: Mention[]): Map<Mention, TierReading> => {
  const readings = new Map<Mention, TierReading>();
  const permissions = mentions.filter((m) => m.kind === 'userPermission');
  const either = /\beither\b/i.exec(text);
  if (either && /\bor\b/i.test(text.slice(either.index))) {
    const clause = text.slice(either.index).split(/[.;|]/)[0];
    for (const m of permissions) readings.set(m, { tier: 'recommended', condition: clause.charAt(0).toUpperCase() + clause.slice(1) });
    return readings;
  }
  for (let i = 1; i < permissions.length; i++) {
    const between = text.slice(permissions[i - 1].to, permissions[i].from);
    if (/^\W*\bor\b\W*$/i.test(between)) {
      readings.set(permissions[i], { tier: 'recommended', condition: `Instead of ${permissions[i - 1].label ?? permissions[i - 1].name}: "${text.slice(permissions[i - 1].from, permissions[i].to)}"` });
    }
  }
  return readings;
};

const AUDIT_PREFERENCE_TITLE = /set audit fields upon record creation['"’‘”]?\s+and\s+['"‘’“]?update records with inactive owners/i;

/** The objects a list or table just named, for a line that goes on about "the objects" without naming them. */
type ObjectGroup = { names: string[]; index: number };
const REFERS_BACK = /\b(?:the|these|those|same|such|that|each|this) (?:objects?|records?)\b(?! you\b)|\bobjects? (?:above|listed)\b/i;

/** "If you have a private sharing model you must have View All on the objects on which Dropbox Sign is being used": the objects of the list above. */
const carryObjects = (input: LineInput, group: ObjectGroup): Mention[] => {
  if (input.index - group.index > 6 || group.names.length === 0) return [];
  const back = REFERS_BACK.exec(input.line.text);
  if (!back) return [];
  const access = combine(accessWords(input.words).filter((a) => !a.aboutFields && !overlaps(input.taken, a.from, a.to)));
  if (!access) return [];
  return group.names.map((name) => ({ kind: 'objectPermission', name, access, from: back.index, to: back.index + back[0].length, note: 'the objects of the list above: the page says "' + back[0] + '"' }));
};

/** A table's "Required?" column: "No" or "Optional" under it makes the row's items recommended. */
const requiredColumn = (page: Page, index: number): TierReading | undefined => {
  const cells = page.lines[index].cells;
  if (!cells) return undefined;
  for (let i = index - 1; i >= 0 && i >= index - 60 && page.lines[i].kind === 'row'; i--) {
    const header = page.lines[i].cells ?? [];
    const at = header.findIndex((c) => /^(required|mandatory|optional)\??$/i.test(c.trim()));
    if (at < 0) continue;
    const value = (cells[at] ?? '').trim();
    if (/^(no|optional|recommended)\b/i.test(value)) return { tier: 'recommended', condition: `${header[at]} ${value}` };
    return /^(yes|required|mandatory|✓)\b/i.test(value) ? { tier: 'required' } : undefined;
  }
  return undefined;
};

const ADMIN_REVIEW = 'the page asks this of the admin who does the setup ("User Permissions Needed"), not of the integration user';

/** Everything the page asks for, read line by line, each with its tier, reason and place on the page. */
export const recognize = (page: Page): Finding[] => {
  const prepared = new Map<PageLine, Prepared>();
  page.lines.forEach((line, index) => {
    const words = wordsOf(line.text);
    const input: LineInput = { page, index, line, words, context: { headings: [], inherited: false, admin: false, faq: false }, taken: [] };
    prepared.set(line, { line, words, permissions: recognizePermissions(input) });
  });
  const isTitle = titleTest(prepared);
  const lineContexts: LineContext[] = contexts(page.lines, isTitle);

  const findings: Finding[] = [];
  let group: ObjectGroup = { names: [], index: -100 };
  page.lines.forEach((line, index) => {
    const { words, permissions } = prepared.get(line) as Prepared;
    const context = lineContexts[index];
    const input: LineInput = { page, index, line, words, context, taken: permissions.map((m) => [m.from, m.to]) };
    const others = recognizeOthers(input);
    input.taken.push(...others.filter((m) => m.kind === 'userField').map((m): [number, number] => [m.from, m.to]));
    const describesAnItem = [...permissions, ...others.filter((m) => m.kind === 'userField')].some((m) => words.findIndex((w) => w.start >= m.from) <= 2);
    const fields = recognizeFields(input, isTitle);
    // An object whose fields the line lists ("read access to Account: Industry, AnnualRevenue") is named for its fields.
    const listed = new Set(fields.filter((f) => f.kind === 'fieldPermission').map((f) => f.name.split('.')[0]));
    const objects = describesAnItem ? [] : recognizeObjects(input, isTitle).filter((o) => !fields.some((f) => f.kind === 'objectPermission' && f.name === o.name) && !listed.has(o.name));
    const carried = objects.length === 0 && !describesAnItem && !context.faq ? carryObjects(input, group) : [];
    let mentions = [...permissions, ...objects, ...carried, ...fields, ...others];
    const objectNames = mentions.filter((m) => m.kind === 'objectPermission').map((m) => m.name);
    if (objectNames.length > 0 && carried.length === 0) group = index - group.index <= 6 ? { names: [...new Set([...group.names, ...objectNames])], index } : { names: objectNames, index };
    else if (carried.length > 0) group.index = index;
    // The preference "Enable 'Set Audit Fields upon Record Creation' and 'Update Records with Inactive Owners' User Permissions" names both in its title.
    const preference = AUDIT_PREFERENCE_TITLE.exec(line.text);
    if (preference) mentions = mentions.filter((m) => m.kind !== 'userPermission' || m.from < preference.index || m.to > preference.index + preference[0].length);
    if (context.faq) mentions = mentions.filter((m) => m.kind === 'userPermission');
    if (mentions.length === 0) return;
    const following = followingLines(page, index, prepared, isTitle);
    // In prose, a mention's own words are its sentence: "... to Leads. If you want X, also grant Delete on Tasks."
    const ownWords = (mention: Mention): string =>
      [line.kind === 'text' ? sentenceOf(line.text, mention.from, false) : line.text, ...following.map((l) => l.text)].join(' ');
    const alternative = alternatives(line.text, mentions);
    const column = requiredColumn(page, index);
    for (const mention of mentions) {
      if (context.inherited && mention.kind === 'userPermission') continue;
      const { from, to, reading: ownReading, ...rest } = mention;
      delete rest.reason;
      delete rest.line;
      const own = ownWords(mention);
      const stated = tierIn(own);
      const reading = ownReading ?? alternative.get(mention) ?? (column && stated?.condition ? stated : column) ?? tierFor(own, context);
      const finding: Finding = {
        ...rest,
        line: line.line,
        quote: line.text.slice(from, to).trim() || line.text.slice(0, 80),
        tier: reading.tier,
        ...(reading.condition ? { condition: reading.condition } : {}),
        reason: reasonFor(input, mention, following),
      };
      if (context.inherited && finding.kind === 'fieldPermission' && !finding.review) finding.inherited = true;
      if (context.inherited && finding.kind === 'objectPermission') continue;
      if (context.admin && finding.kind === 'userPermission') finding.review = ADMIN_REVIEW;
      findings.push(finding);
    }
  });
  return mergeFindings(findings);
};
