import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type HandlebarsModule from 'handlebars';
import type { ElementSchema, TypeSchema } from '../metadata/schemas.js';
import { isEntry } from '../metadata/schemas.js';
import { compareKeys } from '../metadata/order.js';

/**
 * The canonical writer for metadata source files: elements in schema order, repeated entries sorted by
 * key, 4-space indent, one element per line, Salesforce's escaping, a final newline. That is the form
 * `sf project retrieve start` writes, so a retrieve after a deploy shows no diff.
 */

const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export type XmlScalar = string | boolean | number;
export type XmlEntry = Record<string, XmlScalar | undefined>;
/** A metadata component as plain data: single values, and lists of entries. */
export type MetadataRecord = Record<string, XmlScalar | XmlEntry[] | undefined>;

const INDENT = '    ';

/** The five predefined entities, as the Metadata API writes them (`&apos;` and `&quot;` included); other characters stay literal. */
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const NEEDS_ESCAPING = /[&<>"']/;

export const escapeXml = (text: string): string => (NEEDS_ESCAPING.test(text) ? text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]) : text);

const scalar = (value: XmlScalar): string => (typeof value === 'string' ? value : String(value));

/** Handlebars is CommonJS: required on first render, so commands that render nothing never load it. */
const loadHandlebars = (): typeof HandlebarsModule => createRequire(import.meta.url)('handlebars') as typeof HandlebarsModule;

/**
 * The body of a type's source file, spelled out from its schema: one block per element in schema order,
 * each entry's fields in order. Spelled out rather than walked element by element at render time, because
 * a large permission set has hundreds of thousands of entries and a per-element partial costs ~10× as much.
 */
const schemaBody = (schema: TypeSchema): string => {
  const line = (name: string, depth: number): string => `${INDENT.repeat(depth)}<${name}>{{xml ${name}}}</${name}>\n`;
  const optional = (name: string, depth: number): string => `{{#if (present ${name})}}\n${line(name, depth)}{{/if}}\n`;
  const block = (element: ElementSchema): string => {
    if (!isEntry(element)) return optional(element.name, 1);
    const fields = element.fields.map((field) => (element.optional?.includes(field) ? optional(field, 2) : line(field, 2))).join('');
    return `{{#each ${element.name}}}\n${INDENT}<${element.name}>\n${fields}${INDENT}</${element.name}>\n{{/each}}\n`;
  };
  return schema.elements.map(block).join('');
};

const templates = new Map<TypeSchema, HandlebarsModule.TemplateDelegate>();

const sourceTemplate = (schema: TypeSchema): HandlebarsModule.TemplateDelegate => {
  const cached = templates.get(schema);
  if (cached) return cached;
  // An isolated environment: Handlebars' HTML escaping is not XML's, so escaping is explicit ({{xml ...}}) and nothing else is escaped.
  const env = loadHandlebars().create();
  env.registerHelper('xml', (value: XmlScalar) => escapeXml(scalar(value)));
  env.registerHelper('present', (value: unknown) => value !== undefined);
  env.registerPartial('elements', schemaBody(schema));
  // Missing values are checked before rendering (toView), so no strict lookups; no @index and the like, so no data frames.
  const template = env.compile(readFileSync(`${TEMPLATES_DIR}metadata-source.xml.hbs`, 'utf8'), {
    noEscape: true,
    data: false,
    knownHelpers: { xml: true, present: true },
    knownHelpersOnly: true,
  });
  templates.set(schema, template);
  return template;
};

const isSorted = (entries: readonly XmlEntry[], key: string): boolean => {
  for (let i = 1; i < entries.length; i++) {
    if (compareKeys(scalar(entries[i - 1][key] ?? ''), scalar(entries[i][key] ?? '')) > 0) return false;
  }
  return true;
};

/** Check a record against its schema and sort its entries. Refuses elements the schema does not know, so nothing is silently dropped. */
const toView = (schema: TypeSchema, record: MetadataRecord): MetadataRecord => {
  const known = new Set(schema.elements.map((e) => e.name));
  const unknown = Object.keys(record).filter((key) => !known.has(key) && record[key] !== undefined);
  if (unknown.length > 0) throw new Error(`${schema.root} has no element ${unknown.join(', ')} in Metadata API 67.0`);

  const view: MetadataRecord = { root: schema.root };
  for (const element of schema.elements) {
    const value = record[element.name];
    if (value === undefined) continue;
    if (!isEntry(element)) {
      if (Array.isArray(value)) throw new Error(`${schema.root}.${element.name} takes a single value`);
      view[element.name] = value;
      continue;
    }
    if (!Array.isArray(value)) throw new Error(`${schema.root}.${element.name} takes a list of entries`);
    const fields = new Set(element.fields);
    const required = element.fields.filter((field) => !element.optional?.includes(field));
    for (const entry of value) {
      for (const field in entry) {
        if (!fields.has(field) && entry[field] !== undefined) {
          const extra = Object.keys(entry).filter((f) => !fields.has(f) && entry[f] !== undefined);
          throw new Error(`${schema.root}.${element.name} has no field ${extra.join(', ')} in Metadata API 67.0`);
        }
      }
      for (const field of required) {
        if (entry[field] === undefined) {
          throw new Error(`${schema.root}.${element.name} entry ${scalar(entry[element.key] ?? '?')} has no ${field}`);
        }
      }
    }
    // Plans arrive sorted; checking is one pass, sorting a copy is n log n.
    view[element.name] = isSorted(value, element.key)
      ? value
      : [...value].sort((a, b) => compareKeys(scalar(a[element.key] ?? ''), scalar(b[element.key] ?? '')));
  }
  return view;
};

/** Render a metadata record as a source file (`*-meta.xml`). */
export const renderSourceXml = (schema: TypeSchema, record: MetadataRecord): string => sourceTemplate(schema)(toView(schema, record));
