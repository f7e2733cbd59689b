import { vocabulary } from '../vocabulary.js';
import { wordsOf } from '../words.js';
import type { Word } from '../words.js';
import type { PageLine } from '../page.js';
import { tierIn } from '../context.js';
import { accessWords, combine, onlyAccess } from './access.js';
import type { LineInput, Mention } from './mention.js';
import { objectMentions } from './objects.js';
import type { ObjectMention } from './objects.js';

const squash = (text: string): string => text.toLowerCase().replace(/[^a-z0-9_]/g, '');
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * A field of an object as the page writes it, as its API name: `WhoID` is `WhoId`, "Is Closed" is
 * `IsClosed`, "Owner" is `OwnerId` (a lookup's label drops the Id), "Account Name" on Account is `Name`
 * and on Opportunity the lookup `AccountId`; "Related account name" is read from its last words.
 */
export const resolveField = (object: string, written: string): string | undefined => {
  const { fields, objectLabel } = vocabulary();
  const text = written.replace(/["“”'‘’()]/g, '').replace(/\s+fields?$/i, '').trim();
  if (!text) return undefined;
  const table = fields.get(object);
  if (/__c$/.test(text) && IDENTIFIER.test(text)) return text;
  if (!table) return IDENTIFIER.test(text) && /^[A-Z]/.test(text) ? text : undefined;
  const words = text.split(/\s+/);
  for (let start = 0; start < words.length; start++) {
    const key = squash(words.slice(start).join(''));
    const found = table.get(key) ?? table.get(`${key}id`);
    if (found) return found;
    if (key.endsWith('name') && key.length > 4) {
      const target = key.slice(0, -4);
      if (target === squash(objectLabel.get(object) ?? object) && table.has('name')) return table.get('name');
      const lookup = table.get(`${target}id`);
      if (lookup) return lookup;
    }
    // Only the whole text may be a name the bundled table lacks; its last words alone are not evidence.
    if (start === 0 && words.length === 1 && IDENTIFIER.test(text) && /^[A-Z][a-z0-9]+[A-Z]/.test(text)) return text;
  }
  return undefined;
};

/** Words a copy ran together after a custom field's suffix: `peopleai__Created_by_PeopleAI__cWhatId`. */
const splitRunTogether = (token: string): string[] => token.split(/(?<=__c)(?=[A-Z])/);

/** The items of a field list: comma-separated where the page uses commas, else one name per word. */
const candidatesOf = (list: string): string[] => {
  const cleaned = list.replace(/\([^)]*\)/g, ' ').trim();
  const parts = /[,;]/.test(cleaned) ? cleaned.split(/\s*[,;]\s*|\s+and\s+/) : cleaned.split(/\s+/);
  return parts.flatMap((p) => splitRunTogether(p.replace(/[.:]+$/, '').trim())).filter((p) => p && p !== '—' && p !== '-');
};

const LEADING_ACCESS = /^(read\s*(?:and|&|\/)\s*(?:edit|write)|read[- ]only|read|edit|write|view)\b[:\s]*/i;

/** Is the head of a list only object names (and "and", "object", "fields")? */
const onlyObjects = (words: Word[], objects: ObjectMention[]): boolean =>
  words.every((w, i) => objects.some((o) => i >= o.first && i <= o.last) || ['and', 'object', 'field', 'or', 'standard', 'custom'].includes(w.norm));

/**
 * The objects whose fields a list's head names: all of it ("Lead and Contact"), the objects right before
 * "fields" ("the following Lead and Contact fields"), or the object that ends it ("read access to Account").
 */
const headObjects = (words: Word[], objects: ObjectMention[]): ObjectMention[] => {
  if (objects.length === 0) return [];
  if (onlyObjects(words, objects)) return objects;
  const joined = (from: number, to: number): boolean => words.slice(from, to).every((w) => ['and', 'or'].includes(w.norm));
  // The run of objects that ends at word `end`, joined by "and" and commas.
  const runEndingAt = (end: number): ObjectMention[] => {
    const run: ObjectMention[] = [];
    for (let i = objects.length - 1; i >= 0; i--) {
      const o = objects[i];
      if (o.last > end) continue;
      if (run.length === 0 ? o.last !== end : !joined(o.last + 1, run[0].first)) break;
      run.unshift(o);
    }
    return run;
  };
  const fieldWord = words.findIndex((w, i) => w.norm === 'field' && i > 0 && objects.some((o) => o.last === i - 1));
  if (fieldWord > 0) return runEndingAt(fieldWord - 1);
  return runEndingAt(words.length - 1);
};

type List = { text: string; offset: number; reading?: ReturnType<typeof tierIn> };

/** The head (objects) and lists (fields) of a line such as "Contact: Id, CreatedDate" or "Account | CreatedById Name | AnnualRevenue". */
const splitLine = (input: LineInput): { head: string; headOffset: number; lists: List[] } | undefined => {
  const { line } = input;
  const cells = line.cells;
  if (cells && cells.length > 0) {
    const colon = cells[0].indexOf(':');
    if (colon > 0) return { head: cells[0].slice(0, colon), headOffset: line.text.indexOf(cells[0]), lists: [{ text: cells[0].slice(colon + 1), offset: 0 }] };
    const header = headerRow(input);
    if (!header) return undefined;
    // A flattened table breaks a row over lines: "Account | CreatedById Name" then "| AnnualRevenue ... |".
    const previous = input.page.lines[input.index - 1];
    const continued =
      previous?.kind === 'row' && previous.line === line.line - 1 && (previous.cells ?? []).length < header.length && objectMentions(cells[0], wordsOf(cells[0])).length === 0;
    const head = continued ? (previous.cells ?? [''])[0] : cells[0];
    const start = continued ? (previous.cells ?? []).length : 1;
    const lists = (continued ? cells : cells.slice(1)).map((text, i) => ({ text, offset: 0, column: header[start + i] ?? '' }));
    // Only columns the header calls fields.
    return {
      head,
      headOffset: continued ? 0 : line.text.indexOf(cells[0]),
      lists: lists.filter((l) => /field/i.test(l.column)).map(({ text, offset, column }) => ({ text, offset, reading: tierIn(column) })),
    };
  }
  const match = /^(.{1,160}?)(?:\s*[:–—]\s+|\s+-\s+)(.+)$/.exec(line.text);
  return match ? { head: match[1], headOffset: 0, lists: [{ text: match[2], offset: match[1].length }] } : undefined;
};

const headerRow = (input: LineInput): string[] | undefined => {
  for (let i = input.index - 1; i >= 0 && i >= input.index - 60; i--) {
    const line = input.page.lines[i];
    if (line.kind !== 'row' && line.kind !== 'text') return undefined;
    if (line.kind === 'row' && (line.cells ?? []).some((c) => /\bfields?\b/i.test(c)) && (line.cells ?? []).length >= 2) return line.cells;
  }
  return undefined;
};

const accessOf = (text: string): boolean | undefined => {
  const level = combine(accessWords(wordsOf(text)));
  if (!level) return undefined;
  return level.includes('allowEdit') || level.includes('modifyAllRecords');
};

/** Edit or read, from the line's own words first, then its lead-in and heading. */
const editable = (own: string, input: LineInput): boolean =>
  accessOf(own) ?? accessOf(input.context.leadIn?.text ?? '') ?? [...input.context.headings].reverse().map((h) => accessOf(h.text)).find((a) => a !== undefined) ?? false;

const field = (object: string, name: string, from: number, to: number, isEditable: boolean, reading?: List['reading']): Mention => ({
  kind: 'fieldPermission',
  name: `${object}.${name}`,
  editable: isEditable,
  from,
  to,
  ...(reading ? { reading } : {}),
});

const unresolved = (object: string, written: string, from: number, to: number): Mention => ({
  kind: 'fieldPermission',
  name: `${object}.${written}`,
  from,
  to,
  review: `"${written}" is not a field API name of ${object} the plugin knows: give the field's API name (Setup > Object Manager > ${object} > Fields & Relationships)`,
});

/** Fields named as `Object.Field`. */
const dotted = (input: LineInput): Mention[] => {
  const { objectNames } = vocabulary();
  const mentions: Mention[] = [];
  for (const match of input.line.text.matchAll(/\b([A-Za-z][A-Za-z0-9_]*)\.([A-Za-z][A-Za-z0-9_]*)\b/g)) {
    const object = objectNames.get(match[1].toLowerCase()) ?? (/__c$/.test(match[1]) ? match[1] : undefined);
    if (!object || (object !== match[1] && !/__c$/.test(match[1]))) continue;
    const name = resolveField(object, match[2]);
    const to = match.index + match[0].length;
    // "can edit Account.Tier__c and read Contact.MailingAddress": the access word closest before each name.
    const before = input.line.text.slice(mentions.length > 0 ? mentions[mentions.length - 1].to : 0, match.index);
    const own = accessOf(before.split(/[.;]\s/).pop() ?? '');
    mentions.push(name ? field(object, name, match.index, to, own ?? editable(input.line.text, input)) : unresolved(object, match[2], match.index, to));
  }
  return mentions;
};

/** "Account object: Account Name field", "Lead and Contact Owner Field: Read and Edit". */
const labelled = (input: LineInput, named: ObjectMention[]): Mention[] => {
  let objects = named;
  const { line, words } = input;
  const fieldAt = words.findIndex((w, i) => w.norm === 'field' && !/s$/i.test(w.raw) && i > objects[0].last);
  if (fieldAt < 0) return [];
  objects = objects.filter((o) => o.last < fieldAt);
  let start = objects[objects.length - 1].last + 1;
  while (start < fieldAt && ['object', 'and'].includes(words[start].norm)) start++;
  if (start >= fieldAt || fieldAt - start > 5) return [];
  const label = line.text.slice(words[start].start, words[fieldAt - 1].end);
  // The label sits between the objects and "field", inside one cell and one clause.
  if (/[|:;,.]/.test(line.text.slice(words[objects[objects.length - 1].last].end, words[fieldAt].start).replace(/^\s*[:–—-]\s*/, ''))) return [];
  const after = line.text.slice(words[fieldAt].end);
  const isEditable = accessOf(after) ?? editable(line.text, input);
  return objects.map((o) => {
    const name = resolveField(o.object, label);
    return name ? field(o.object, name, words[start].start, words[fieldAt].end, isEditable) : unresolved(o.object, `${label} Field`, words[start].start, words[fieldAt].end);
  });
};

const ALL_FIELDS = /\ball (?:object |the |of the )?fields\b/i;

/**
 * Field permissions: `Object.Field` names; lists under an object ("Contact: Id, CreatedDate", a table row
 * with field columns, "Task Fields: Edit WhoID Subject"); a field by its label ("Account Name field");
 * "all fields" of the objects a lead-in lists, which no valid item can say and goes to review.
 */
export const recognizeFields = (input: LineInput, isTitle: (l: PageLine) => boolean): Mention[] => {
  const { line, context } = input;
  void isTitle;
  const mentions = dotted(input);
  if (line.kind === 'item' || line.kind === 'text' || line.kind === 'heading') {
    const objects = objectMentions(line.text, input.words);
    const bare = objects.length > 0 && onlyObjects(input.words, objects);
    if (bare && context.leadIn && ALL_FIELDS.test(context.leadIn.text)) {
      return objects.map((o) => ({ kind: 'fieldPermission', name: `${o.object}.*`, from: o.from, to: o.to, editable: editable('', input), review: `all fields of ${o.object}: a profile file names fields one by one; --target-org --all-fields reads them from the org` }));
    }
  }
  const split = splitLine(input);
  if (split) {
    const headWords = wordsOf(split.head);
    const objects = headObjects(headWords, objectMentions(split.head, headWords));
    if (objects.length > 0) {
      const found: Mention[] = [];
      for (const list of split.lists) {
        // "Leads: Read, Create, Edit" is an object's access, not a list of fields.
        if (onlyAccess(wordsOf(list.text.replace(/\([^)]*\)/g, ' ')))) continue;
        const leading = LEADING_ACCESS.exec(list.text.trim());
        const rest = leading ? list.text.trim().slice(leading[0].length) : list.text;
        const isEditable = leading ? (accessOf(leading[1]) ?? false) : editable(line.text, input);
        // "Account Name field": one field by its label; otherwise a list of names.
        const single = /\bfield\s*$/i.test(rest.trim()) && !/[,;]/.test(rest);
        const candidates = single ? [rest.trim().replace(/\s*field$/i, '')] : candidatesOf(rest).filter((c) => !/^fields?$/i.test(c));
        const resolved = objects.map((o) => candidates.map((c) => ({ c, name: resolveField(o.object, c) })));
        const known = resolved.flat().filter((r) => r.name).length;
        // A list is a list of fields when most of its names are fields; prose after a colon is not.
        if (known === 0 || known * 2 < resolved.flat().length || (candidates.length === 1 && !single && !/field/i.test(split.head))) continue;
        // A name that is a field of one of the objects is that object's, not a mistake for the others.
        const somewhere = new Set(resolved.flat().filter((r) => r.name).map((r) => r.c));
        objects.forEach((o, i) => {
          for (const { c, name } of resolved[i]) {
            if (!name && somewhere.has(c)) continue;
            const at = line.text.indexOf(c);
            const from = at < 0 ? 0 : at;
            found.push(name ? field(o.object, name, from, from + c.length, isEditable, list.reading) : unresolved(o.object, c, from, from + c.length));
          }
        });
      }
      if (found.length > 0) return [...mentions, ...found, ...impliedObjects(input, objects, split.headOffset)];
    }
  }
  const objects = objectMentions(line.text, input.words);
  if (objects.length > 0) mentions.push(...labelled(input, objects));
  return mentions;
};

/** Under "Read Access (Field & Object access)", an object's field list also asks for the object. */
const impliedObjects = (input: LineInput, objects: ObjectMention[], offset: number): Mention[] => {
  const scope = [input.context.leadIn?.text ?? '', ...input.context.headings.map((h) => h.text)].join(' ');
  if (!/\bobject/i.test(scope)) return [];
  const access = combine(accessWords(wordsOf(scope)));
  if (!access) return [];
  return objects.map((o) => ({ kind: 'objectPermission', name: o.object, access, from: o.from + offset, to: o.to + offset }));
};
