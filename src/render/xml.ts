import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type HandlebarsModule from 'handlebars';
import type { ElementSchema, TypeSchema } from '../metadata/schemas.js';
import { isEntry } from '../metadata/schemas.js';
import { compareKeys, isInKeyOrder } from '../metadata/order.js';
import { codePointName, firstNonXmlChar } from '../metadata/xml-chars.js';

/**
 * The canonical writer for metadata source files: elements in schema order, repeated entries sorted by
 * key (in the order given where the order means something), 4-space indent, one element per line, Salesforce's escaping, a final newline. That is the form
 * `sf project retrieve start` writes, so a retrieve after a deploy shows no diff.
 */

const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export type XmlScalar = string | boolean | number;

/** An element as read from a file: text, or child elements. */
export type XmlElement = { name: string; text: string } | { name: string; children: XmlElement[] };

/**
 * Every occurrence of an element the schema does not know (a newer API version's), kept as read. The
 * writer puts it where a retrieve would, by name among its siblings (the schemas are alphabetical);
 * occurrences keep their order. Only this wrapper is written: a plain unknown name is refused.
 */
export class UnknownElements {
  public constructor(public readonly occurrences: readonly XmlElement[]) {}
}

export type XmlEntry = Record<string, XmlScalar | UnknownElements | undefined>;
/** A metadata component as plain data: single values, and lists of entries. */
export type MetadataRecord = Record<string, XmlScalar | XmlEntry[] | UnknownElements | undefined>;

const INDENT = '    ';

/** The five predefined entities, as the Metadata API writes them (`&apos;` and `&quot;` included); other characters stay literal. */
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
/**
 * What takes a second look: a character to escape, or one XML 1.0 may not carry (controls, U+FFFE, U+FFFF and
 * surrogates, which are fine in pairs). One test a value, as cheap as testing for the five alone.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const NEEDS_ESCAPING = /[&<>"'\0-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * A value as XML text. A character XML 1.0 can't carry is never written (the file wouldn't be well-formed, and a
 * deploy would refuse it) nor dropped: it is refused, naming the element (`where`) it was meant for. Checks
 * upstream refuse such values with their place in the user's input; this is the guard behind them.
 */
export const escapeXml = (text: string, where = 'a value'): string => {
  if (!NEEDS_ESCAPING.test(text)) return text;
  const bad = firstNonXmlChar(text);
  if (bad) throw new Error(`${where} holds ${codePointName(bad.code)} at character ${bad.index + 1}, which XML 1.0 can't carry: nothing is written`);
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
};

const scalar = (value: XmlScalar): string => (typeof value === 'string' ? value : String(value));

/** Handlebars is CommonJS: required on first render, so commands that render nothing never load it. */
const loadHandlebars = (): typeof HandlebarsModule => createRequire(import.meta.url)('handlebars') as typeof HandlebarsModule;

/**
 * The body of a type's source file, spelled out from its schema: one block per element in schema order,
 * each entry's fields in order. Spelled out rather than walked element by element at render time, because
 * a large permission set has hundreds of thousands of entries and a per-element partial costs ~10× as much.
 * An entry type with optional fields has two bodies: every field, for entries that have them all (nearly
 * all, and no test per field), and one that tests each optional field ({{else}}).
 */
const schemaBody = (schema: TypeSchema, withUnknown: boolean): string => {
  // Where a record has elements the schema does not know, a slot before each element and at the end of each
  // parent takes them, already written (keptXml); a standalone partial line outputs nothing of its own.
  const slot = (path: string): string => (withUnknown ? `{{> kept text=kept.${path}}}\n` : '');
  const line = (name: string, depth: number): string => `${INDENT.repeat(depth)}<${name}>{{${name}}}</${name}>\n`;
  const optional = (name: string, depth: number): string => `{{#if (present ${name})}}\n${line(name, depth)}{{/if}}\n`;
  const block = (element: ElementSchema): string => {
    if (!isEntry(element)) return slot(`before.${element.name}`) + optional(element.name, 1);
    const optionalFields = element.optional ?? [];
    const entry = (withTests: boolean): string =>
      `${INDENT}<${element.name}>\n${element.fields
        .map((field) => slot(`before.${field}`) + (withTests && optionalFields.includes(field) ? optional(field, 2) : line(field, 2)))
        .join('')}${slot('end')}${INDENT}</${element.name}>\n`;
    const body = optionalFields.length === 0 ? entry(false) : `${entry(false)}{{else}}\n${entry(true)}`;
    const hash = optionalFields.length === 0 ? '' : ` optional="${optionalFields.join(' ')}"`;
    return `${slot(`before.${element.name}`)}{{#entries ${element.name}${hash}}}\n${body}{{/entries}}\n`;
  };
  return schema.elements.map(block).join('') + slot('end');
};

/** `{{#entries list optional="a b"}}`: each entry through the block, or through {{else}} where it lacks an optional field. */
const entriesHelper = (list: XmlEntry[] | undefined, options: HandlebarsModule.HelperOptions): string => {
  const optional = typeof options.hash.optional === 'string' ? options.hash.optional.split(' ') : [];
  let out = '';
  for (const entry of list ?? []) out += optional.every((f) => entry[f] !== undefined) ? options.fn(entry) : options.inverse(entry);
  return out;
};

const templates = new Map<string, HandlebarsModule.TemplateDelegate>();

const sourceTemplate = (schema: TypeSchema, withUnknown: boolean): HandlebarsModule.TemplateDelegate => {
  const cached = templates.get(`${schema.root}:${withUnknown}`);
  if (cached) return cached;
  const env = loadHandlebars().create();
  env.registerHelper('present', (value: unknown) => value !== undefined);
  env.registerHelper('entries', entriesHelper);
  // Values arrive escaped as XML (toView): Handlebars' own escaping is HTML's (`&#x27;`, `&#x3D;`), and a
  // helper per value ({{xml value}}) costs a third more. Missing values are checked in toView too, so no
  // strict lookups; no @index and the like, so no data frames.
  const options: Parameters<typeof env.compile>[1] = {
    noEscape: true,
    data: false,
    knownHelpers: { present: true, entries: true },
    knownHelpersOnly: true,
  };
  env.registerPartial('elements', env.compile(schemaBody(schema, withUnknown), options));
  env.registerPartial('kept', env.compile('{{text}}', options));
  const template = env.compile(readFileSync(`${TEMPLATES_DIR}metadata-source.xml.hbs`, 'utf8'), options);
  templates.set(`${schema.root}:${withUnknown}`, template);
  return template;
};

const keyOf = (entry: XmlEntry, key: string): string => {
  const value = entry[key];
  return value === undefined || value instanceof UnknownElements ? '' : scalar(value);
};


/** A value as it goes into the file (`where`: its element): strings escaped, booleans and numbers as they print. */
const xmlText = <T>(value: T, where: string): T => (typeof value === 'string' ? (escapeXml(value, where) as T) : value);

/** The entry itself where no value needs a second look (nearly always), else a copy with its strings escaped. */
const escapeEntry = (entry: XmlEntry, owner: string, key: string): XmlEntry => {
  for (const field in entry) {
    const value = entry[field];
    if (typeof value === 'string' && NEEDS_ESCAPING.test(value)) {
      const where = (name: string): string => `${owner} entry ${keyOf(entry, key) || '?'}: <${name}>`;
      return Object.fromEntries(Object.entries(entry).map(([name, v]) => [name, xmlText(v, where(name))]));
    }
  }
  return entry;
};

/** Kept elements written out at their depth, escaped as everything else; `owner` is where they are, for a refusal. */
const keptXml = (element: XmlElement, depth: number, owner: string): string => {
  const indent = INDENT.repeat(depth);
  return 'children' in element && element.children.length > 0
    ? `${indent}<${element.name}>\n${element.children.map((child) => keptXml(child, depth + 1, `${owner}.${element.name}`)).join('')}${indent}</${element.name}>\n`
    : `${indent}<${element.name}>${escapeXml('text' in element ? element.text : '', `${owner}.${element.name}`)}</${element.name}>\n`;
};

type KeptSlots = { before: Record<string, string>; end: string };

/** Unknown elements by slot: each goes before the first schema name that sorts after it, or at the end. */
const keptSlots = (schemaNames: readonly string[], values: Record<string, unknown>, names: readonly string[], depth: number, owner: string): KeptSlots => {
  const slots: KeptSlots = { before: {}, end: '' };
  for (const name of [...names].sort(compareKeys)) {
    const xml = (values[name] as UnknownElements).occurrences.map((e) => keptXml(e, depth, owner)).join('');
    const next = schemaNames.find((known) => compareKeys(name, known) < 0);
    if (next === undefined) slots.end += xml;
    else slots.before[next] = (slots.before[next] ?? '') + xml;
  }
  return slots;
};

/** Names in `values` the schema does not have: UnknownElements are kept, anything else is refused so nothing is silently dropped. */
const unknownNames = (owner: string, kind: string, known: ReadonlySet<string>, values: Record<string, unknown>): string[] => {
  const unknown: string[] = [];
  for (const name in values) if (!known.has(name) && values[name] !== undefined) unknown.push(name);
  const refused = unknown.filter((name) => !(values[name] instanceof UnknownElements));
  if (refused.length > 0) throw new Error(`${owner} has no ${kind} ${refused.join(', ')} in Metadata API 67.0`);
  return unknown;
};

/** Check a record against its schema, escape its values and sort its entries; place what the schema does not know in slots. */
const toView = (schema: TypeSchema, record: MetadataRecord): { view: MetadataRecord; withUnknown: boolean } => {
  const names = schema.elements.map((e) => e.name);
  const unknown = unknownNames(schema.root, 'element', new Set(names), record);
  let withUnknown = unknown.length > 0;

  const view: Record<string, unknown> = { root: schema.root, ...(withUnknown ? { kept: keptSlots(names, record, unknown, 1, schema.root) } : {}) };
  for (const element of schema.elements) {
    const value = record[element.name];
    if (value === undefined) continue;
    if (!isEntry(element)) {
      if (Array.isArray(value) || value instanceof UnknownElements) throw new Error(`${schema.root}.${element.name} takes a single value`);
      view[element.name] = xmlText(value, `${schema.root}.${element.name}`);
      continue;
    }
    if (!Array.isArray(value)) throw new Error(`${schema.root}.${element.name} takes a list of entries`);
    const fields = new Set(element.fields);
    const required = element.fields.filter((field) => !element.optional?.includes(field));
    let entries = value;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      for (const field of required) {
        if (entry[field] === undefined) throw new Error(`${schema.root}.${element.name} entry ${keyOf(entry, element.key) || '?'} has no ${field}`);
      }
      let extra = false;
      for (const field in entry) {
        if (!fields.has(field) && entry[field] !== undefined) extra = true;
      }
      if (!extra) continue;
      const kept = unknownNames(`${schema.root}.${element.name}`, 'field', fields, entry);
      if (entries === value) entries = [...value];
      entries[i] = { ...entry, kept: keptSlots(element.fields, entry, kept, 2, `${schema.root}.${element.name}`) } as unknown as XmlEntry;
      withUnknown = true;
    }
    // Plans arrive sorted; checking is one pass, sorting a copy is n log n.
    const sorted = element.ordered || isInKeyOrder(entries, (entry) => keyOf(entry, element.key))
      ? entries
      : [...entries].sort((a, b) => compareKeys(keyOf(a, element.key), keyOf(b, element.key)));
    // Escaped after sorting: entries sort by their text, not by its escaped form.
    let escaped = sorted;
    for (let i = 0; i < sorted.length; i++) {
      const entry = escapeEntry(sorted[i], `${schema.root}.${element.name}`, element.key);
      if (entry === sorted[i]) continue;
      if (escaped === value) escaped = [...sorted];
      escaped[i] = entry;
    }
    view[element.name] = escaped;
  }
  return { view: view as MetadataRecord, withUnknown };
};

/** Render a metadata record as a source file (`*-meta.xml`). */
export const renderSourceXml = (schema: TypeSchema, record: MetadataRecord): string => {
  const { view, withUnknown } = toView(schema, record);
  return sourceTemplate(schema, withUnknown)(view);
};
