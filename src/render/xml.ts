import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { TypeSchema } from '../metadata/schemas.js';
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

/** What the template sees: one element, with text or children, and its indent. */
type ElementView = { name: string; indent: string; text: string | null; children: ElementView[] | null };

const INDENT = '    ';

/** The five predefined entities, as the Metadata API writes them (`&apos;` and `&quot;` included); other characters stay literal. */
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export const escapeXml = (text: string): string => text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);

let template: Handlebars.TemplateDelegate | undefined;

const sourceTemplate = (): Handlebars.TemplateDelegate => {
  if (template) return template;
  // An isolated environment: Handlebars' HTML escaping is not XML's, so escaping is explicit ({{xml ...}}) and nothing else is escaped.
  const env = Handlebars.create();
  env.registerHelper('xml', (text: string) => escapeXml(text));
  env.registerPartial('element', readFileSync(`${TEMPLATES_DIR}partials/element.hbs`, 'utf8'));
  template = env.compile(readFileSync(`${TEMPLATES_DIR}metadata-source.xml.hbs`, 'utf8'), { noEscape: true, strict: true });
  return template;
};

const scalar = (value: XmlScalar): string => (typeof value === 'string' ? value : String(value));

const leaf = (name: string, value: XmlScalar, depth: number): ElementView => ({
  name,
  indent: INDENT.repeat(depth),
  text: scalar(value),
  children: null,
});

/** Order a record's elements by its schema. Refuses elements the schema does not know, so nothing is silently dropped. */
const toElements = (schema: TypeSchema, record: MetadataRecord): ElementView[] => {
  const known = new Set(schema.elements.map((e) => e.name));
  const unknown = Object.keys(record).filter((key) => !known.has(key) && record[key] !== undefined);
  if (unknown.length > 0) throw new Error(`${schema.root} has no element ${unknown.join(', ')} in Metadata API 67.0`);

  return schema.elements.flatMap((element): ElementView[] => {
    const value = record[element.name];
    if (value === undefined) return [];
    if (!isEntry(element)) {
      if (Array.isArray(value)) throw new Error(`${schema.root}.${element.name} takes a single value`);
      return [leaf(element.name, value, 1)];
    }
    if (!Array.isArray(value)) throw new Error(`${schema.root}.${element.name} takes a list of entries`);
    for (const entry of value) {
      const extra = Object.keys(entry).filter((field) => !element.fields.includes(field) && entry[field] !== undefined);
      if (extra.length > 0) throw new Error(`${schema.root}.${element.name} has no field ${extra.join(', ')} in Metadata API 67.0`);
    }
    return [...value]
      .sort((a, b) => compareKeys(scalar(a[element.key] ?? ''), scalar(b[element.key] ?? '')))
      .map((entry) => ({
        name: element.name,
        indent: INDENT,
        text: null,
        children: element.fields.flatMap((field) => {
          const fieldValue = entry[field];
          if (fieldValue === undefined) {
            if (element.optional?.includes(field)) return [];
            throw new Error(`${schema.root}.${element.name} entry ${scalar(entry[element.key] ?? '?')} has no ${field}`);
          }
          return [leaf(field, fieldValue, 2)];
        }),
      }));
  });
};

/** Render a metadata record as a source file (`*-meta.xml`). */
export const renderSourceXml = (schema: TypeSchema, record: MetadataRecord): string =>
  sourceTemplate()({ root: schema.root, elements: toElements(schema, record) });
