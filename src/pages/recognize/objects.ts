import { noObjectPermissionsReason } from '../../resolve/objects.js';
import type { ObjectAccess } from '../../profiles/types.js';
import { EVERYDAY_OBJECT_WORDS, standardObjects, vocabulary } from '../vocabulary.js';
import { wordsOf } from '../words.js';
import type { Word } from '../words.js';
import type { PageLine } from '../page.js';
import { accessWords, combine, onlyAccess } from './access.js';
import type { LineInput, Mention } from './mention.js';
import { capitalised, overlaps } from './mention.js';

export type ObjectMention = { object: string; from: number; to: number; first: number; last: number; lowerCase?: boolean };

/** A match made of whole tokens: "User" is not in "UserGems", "Opportunity Contact Role" is in "OpportunityContactRole". */
const wholeTokens = (words: Word[], first: number, last: number): boolean =>
  (first === 0 || words[first - 1].token !== words[first].token) && (last === words.length - 1 || words[last + 1].token !== words[last].token);

/** Starts a sentence: the first word of the text, or after a full stop. */
const startsSentence = (text: string, at: number): boolean => /(^|[.!?:]\s+)["“(]?$/.test(text.slice(0, at)) || text.slice(0, at).trim() === '';

/** Setup objects take no object permissions, and pages that name them with access words mean something else ("User must have Read Access"). */
const SETUP_OBJECTS = new Set(['User', 'Group', 'Profile', 'Organization', 'UserRole', 'UserLicense', 'PermissionSet']);

const CUSTOM_OBJECT = /\b(?:[A-Za-z][A-Za-z0-9]*__)?[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*__c\b/g;

/** Objects named in words: standard objects by label, plural or API name; custom objects by API name. */
export const objectMentions = (text: string, words: Word[], taken: Array<[number, number]> = []): ObjectMention[] => {
  const { objects, objectNames } = vocabulary();
  const found: ObjectMention[] = objects
    .find(words, (_, first, last) => {
      if (overlaps(taken, words[first].start, words[last].end) || !wholeTokens(words, first, last)) return false;
      if (first !== last || !EVERYDAY_OBJECT_WORDS.has(words[first].norm)) return true;
      if (!capitalised(words[first])) return false;
      // "Case" opening a sentence is grammar, unless it heads a list or a row ("Case: Read").
      return !startsSentence(text, words[first].start) || /^\s*([:|–—-]|$|(?:objects?|fields?|records?)\b)/i.test(text.slice(words[last].end));
    })
    .map((m) => ({
      object: m.value[0],
      from: m.from,
      to: m.to,
      first: m.first,
      last: m.last,
      ...(words.slice(m.first, m.last + 1).every((w) => !capitalised(w)) ? { lowerCase: true } : {}),
    }));
  for (const match of text.matchAll(/[A-Za-z][A-Za-z0-9]*/g)) {
    const known = objectNames.get(match[0].toLowerCase()) ?? (standardObjects().has(match[0]) ? match[0] : undefined);
    // An API name as one token: `Pricebook2`, `CampaignMember`; a single plain word ("Account") is read as a label above.
    if (known && known === match[0] && /\d|[a-z][A-Z]/.test(known) && !found.some((f) => f.from <= match.index && f.to > match.index)) {
      const at = words.findIndex((w) => w.start === match.index);
      found.push({ object: known, from: match.index, to: match.index + known.length, first: at, last: at });
    }
  }
  for (const match of text.matchAll(CUSTOM_OBJECT)) {
    const first = words.findIndex((w) => w.start >= match.index);
    const last = words.findIndex((w) => w.end >= match.index + match[0].length);
    found.push({ object: match[0], from: match.index, to: match.index + match[0].length, first, last: last < 0 ? words.length - 1 : last });
  }
  // A custom object's name holds words a label could match ("Invoice__c"): the API name wins; and a label just
  // before a custom name in brackets is that object's ("Beacon Events (beacon__Event__c)").
  return found
    .filter((f) => !found.some((g) => g !== f && g.from <= f.from && g.to >= f.to && g.to - g.from > f.to - f.from))
    .filter((f) => /__c$/.test(f.object) || !/^\s*\(\s*[A-Za-z][\w]*__c\s*\)/.test(text.slice(f.to)))
    .filter((f) => !/__c$/.test(f.object) || text.charAt(f.from - 1) !== '.')
    .sort((a, b) => a.from - b.from);
};

const toMention = (object: ObjectMention, access: ObjectAccess[] | undefined, reason?: string): Mention => {
  const why = noObjectPermissionsReason(object.object);
  return {
    kind: 'objectPermission',
    name: object.object,
    from: object.from,
    to: object.to,
    ...(access ? { access } : {}),
    ...(reason ? { reason } : {}),
    ...(why ? { review: why } : !access ? { review: 'the page gives no access level (Read, Create, Edit, Delete, View All, Modify All)' } : {}),
  };
};

const CHECK = /^(✓|✔|☑|✅|x|yes|y|true)$/i;

/** The table header over a row: the closest row above it, in the same run of rows, whose cells hold access words. */
const headerOf = (input: LineInput): string[] | undefined => {
  const lines = input.page.lines;
  for (let i = input.index - 1; i >= 0 && i >= input.index - 40; i--) {
    const line = lines[i];
    if (line.kind !== 'row') return undefined;
    const cells = line.cells ?? [];
    if (cells.some((c) => CHECK.test(c))) continue;
    if (cells.filter((c) => accessWords(wordsOf(c)).some((a) => a.access)).length >= 2) return cells;
  }
  return undefined;
};

/** A row: the object in its first cell; access from ✓ under the header's columns, or from short cells of access words. */
const inRow = (input: LineInput): Mention[] => {
  const cells = input.line.cells ?? [];
  const firstCell = cells[0] ?? '';
  if (!firstCell || firstCell.split(' ').length > 8) return [];
  const offset = input.line.text.indexOf(firstCell);
  const objects = objectMentions(firstCell, wordsOf(firstCell))
    .filter((o) => !SETUP_OBJECTS.has(o.object))
    .map((o) => ({ ...o, from: o.from + Math.max(0, offset), to: o.to + Math.max(0, offset) }));
  if (objects.length === 0) return [];
  const firstWords = wordsOf(firstCell);
  const lastObject = objects[objects.length - 1];
  if (firstWords.slice(lastObject.last + 1).some((w) => w.norm === 'field')) return [];
  const checked = cells.map((c, i) => (CHECK.test(c) ? i : -1)).filter((i) => i > 0);
  if (checked.length > 0) {
    const header = headerOf(input);
    if (!header) return [];
    const access = combine(checked.map((i) => ({ access: accessWords(wordsOf(header[i] ?? ''))[0]?.access })));
    return objects.map((o) => toMention(o, access));
  }
  const short = [firstCell, ...cells.slice(1).filter((c) => onlyAccess(wordsOf(c)))];
  const found = short.flatMap((c) => accessWords(wordsOf(c)).filter((a) => !a.aboutFields));
  if (found.length === 0) return [];
  return objects.map((o) => toMention(o, combine(found)));
};

const untilNextHeading = (input: LineInput, isTitle: (l: PageLine) => boolean): PageLine[] => {
  const after = input.page.lines.slice(input.index + 1, input.index + 12);
  const end = after.findIndex((l) => l.kind === 'heading' && isTitle(l));
  return end < 0 ? after : after.slice(0, end);
};

/**
 * Object permissions: objects named with access words in one statement ("Read Access on ... (account,
 * opportunity, contact, lead)", "Lead and Contact: Read, Edit", "Modify All on ... Accounts, Campaigns"), or
 * a table row with ✓ under access columns. A heading that names objects without a level takes the first
 * level its section states.
 */
export const recognizeObjects = (input: LineInput, isTitle: (l: PageLine) => boolean): Mention[] => {
  const { line, words, taken } = input;
  if (line.kind === 'row') return inRow(input);
  const units = line.kind === 'text' ? sentences(line.text) : [{ from: 0, to: line.text.length }];
  const mentions: Mention[] = [];
  for (const unit of units) {
    const unitWords = words.filter((w) => w.start >= unit.from && w.end <= unit.to);
    const named = objectMentions(line.text.slice(0, unit.to), unitWords, taken).filter((o) => o.from >= unit.from && !SETUP_OBJECTS.has(o.object));
    // In lower case, "account" and "lead" are everyday words; a list of objects, or "the account object", names objects.
    const distinct = new Set(named.map((o) => o.object)).size;
    const objects = named.filter((o) => !o.lowerCase || distinct >= 2 || /^\s*(objects?|records?)\b/i.test(line.text.slice(o.to)));
    if (objects.length === 0) continue;
    const norms = unitWords.map((w) => w.norm);
    if (norms.includes('field') && !norms.includes('object')) continue;
    const access = accessWords(unitWords).filter((a) => !a.aboutFields && !overlaps(taken, a.from, a.to) && !objects.some((o) => a.from < o.to && a.to > o.from));
    if (access.length === 0) continue;
    const perRun = accessByRun(line.text, objects, access);
    let level = combine(access);
    // "access" alone in a sentence says too little; "(full access)" or a heading over the section says the page means access.
    if (!level && line.kind !== 'heading' && !/\bfull (?:access|control)\b/i.test(line.text)) continue;
    if (!level && line.kind === 'heading') {
      for (const next of untilNextHeading(input, isTitle)) {
        level = combine(accessWords(wordsOf(next.text)));
        if (level) break;
      }
    }
    mentions.push(...objects.map((o) => toMention(o, perRun?.get(o) ?? level)));
  }
  return mentions;
};

/** Sentences of a line, as spans: a full stop, question or exclamation mark followed by a space ends one. */
export const sentences = (text: string): Array<{ from: number; to: number }> => {
  const spans: Array<{ from: number; to: number }> = [];
  let from = 0;
  for (const match of text.matchAll(/[.!?](?=\s+[A-Z"“(])/g)) {
    spans.push({ from, to: match.index + 1 });
    from = match.index + 1;
  }
  spans.push({ from, to: text.length });
  return spans;
};

type Access = ReturnType<typeof accessWords>[number];

/**
 * "Set Accounts and Contacts to Read/Write, and Products and Price Books to Read Only": where a sentence
 * gives different runs of objects different access, each run takes the access written right after it
 * ("to", ":", a dash), else the access before it.
 */
const accessByRun = (text: string, objects: ObjectMention[], access: Access[]): Map<ObjectMention, ObjectAccess[] | undefined> | undefined => {
  const clusters: Access[][] = [];
  for (const a of access) {
    const last = clusters[clusters.length - 1];
    if (last && /^[\s,/&]*(?:and|or)?[\s,/&]*$/i.test(text.slice(last[last.length - 1].to, a.from))) last.push(a);
    else clusters.push([a]);
  }
  if (clusters.length < 2) return undefined;
  const runs: ObjectMention[][] = [];
  for (const o of objects) {
    const last = runs[runs.length - 1];
    if (last && /^[\s,]*(?:and|or)?[\s,]*$/i.test(text.slice(last[last.length - 1].to, o.from))) last.push(o);
    else runs.push([o]);
  }
  const result = new Map<ObjectMention, ObjectAccess[] | undefined>();
  for (const run of runs) {
    const end = run[run.length - 1].to;
    const after = clusters.find((c) => c[0].from >= end && /^\s*(?:to|:|–|—|-|=|\(|with)\s*/i.test(text.slice(end, c[0].from)) && text.slice(end, c[0].from).length <= 12);
    const before = [...clusters].reverse().find((c) => c[c.length - 1].to <= run[0].from);
    const chosen = after ?? before ?? clusters.find((c) => c[0].from >= end);
    for (const o of run) result.set(o, chosen ? combine(chosen) : undefined);
  }
  return result;
};
