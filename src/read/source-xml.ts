import { Messages } from '@salesforce/core';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { TypeSchema } from '../metadata/schemas.js';
import { isEntry } from '../metadata/schemas.js';
import type { MetadataRecord, XmlElement, XmlEntry } from '../render/xml.js';
import { UnknownElements } from '../render/xml.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'read');

/** A metadata source file as read: its elements as text, and what the canonical form leaves out. */
export type SourceDocument = {
  record: MetadataRecord;
  /** XML comments in the file; a retrieve has none, and the canonical form drops them. */
  comments: number;
};

/** One element as fast-xml-parser's ordered mode gives it: `{ name: children }`, or `#text`, `#cdata`, `#comment`. */
type OrderedNode = Record<string | symbol, unknown>;

/** An element with where it starts, before the schema gives it a meaning. */
type ReadElement = { name: string; line: number; text: string; children: ReadElement[] };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Values stay text exactly as written; entities are decoded here, all of them, in one pass.
  parseTagValue: false,
  trimValues: false,
  processEntities: false,
  commentPropName: '#comment',
  cdataPropName: '#cdata',
  captureMetaData: true,
});
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Line of a character offset, by binary search over where lines start. */
const lineFinder = (xml: string): ((index: number) => number) => {
  const starts = [0];
  for (let i = xml.indexOf('\n'); i !== -1; i = xml.indexOf('\n', i + 1)) starts.push(i + 1);
  return (index) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= index) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
};

/**
 * Read a metadata source file (`*-meta.xml`) into a record: the schema's single elements as text, its
 * lists as entries of text fields, and every element the schema does not know kept as UnknownElements,
 * so writing the record back loses nothing. An unreadable file is an error naming the file and line.
 */
export const readSourceXml = (schema: TypeSchema, xml: string, path: string): SourceDocument => {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw messages.createError('error.NotWellFormed', [path, valid.err.line, valid.err.col, valid.err.msg]);

  const lineAt = lineFinder(xml);
  let comments = 0;
  const fail = (line: number, key: string, tokens: Array<string | number> = []): never => {
    throw messages.createError('error.Structure', [path, line, messages.getMessage(key, tokens)]);
  };
  const decode = (text: string, line: number): string =>
    text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|\w+);/g, (entity, body: string) => {
      if (body.startsWith('#x')) return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
      if (body.startsWith('#')) return String.fromCodePoint(Number.parseInt(body.slice(1), 10));
      return PREDEFINED[body] ?? fail(line, 'structure.entity', [entity]);
    });

  const toElement = (node: OrderedNode): ReadElement | undefined => {
    const name = Object.keys(node).find((key) => key !== ':@');
    if (name === undefined || name === '#text' || name === '#cdata') return undefined;
    if (name === '#comment') {
      comments += 1;
      return undefined;
    }
    const meta = node[META] as { startIndex?: number } | undefined;
    const line = lineAt(meta?.startIndex ?? 0);
    const content = node[name] as OrderedNode[];
    let text = '';
    const children: ReadElement[] = [];
    for (const child of content) {
      if (typeof child['#text'] === 'string') text += decode(child['#text'], line);
      else if (Array.isArray(child['#cdata'])) text += (child['#cdata'] as OrderedNode[]).map((c) => (typeof c['#text'] === 'string' ? c['#text'] : '')).join('');
      else {
        const element = toElement(child);
        if (element) children.push(element);
      }
    }
    if (children.length > 0 && text.trim() !== '') fail(line, 'structure.mixed', [name]);
    return { name, line, text, children };
  };

  const asXmlElement = (element: ReadElement): XmlElement =>
    element.children.length > 0 ? { name: element.name, children: element.children.map(asXmlElement) } : { name: element.name, text: element.text };

  /** Adds an element the schema does not know to the ones of its name already kept, in file order. */
  const keep = (into: Record<string, unknown>, element: ReadElement): void => {
    const before = into[element.name];
    const occurrences = before instanceof UnknownElements ? before.occurrences : [];
    into[element.name] = new UnknownElements([...occurrences, asXmlElement(element)]);
  };

  const text = (element: ReadElement): string => {
    if (element.children.length > 0) fail(element.children[0].line, 'structure.notText', [element.name]);
    return element.text;
  };

  const nodes = (parser.parse(xml) as OrderedNode[]).map(toElement).filter((e): e is ReadElement => e !== undefined);
  const root = nodes[0];
  if (!root || root.name !== schema.root) fail(root?.line ?? 1, 'structure.root', [root?.name ?? '', schema.root]);
  if (root.text.trim() !== '') fail(root.line, 'structure.mixed', [root.name]);

  const schemaElements = new Map(schema.elements.map((e) => [e.name, e]));
  const record: MetadataRecord = {};
  for (const child of root.children) {
    const element = schemaElements.get(child.name);
    if (!element) {
      keep(record, child);
      continue;
    }
    if (!isEntry(element)) {
      if (record[child.name] !== undefined) fail(child.line, 'structure.repeated', [child.name, schema.root]);
      record[child.name] = text(child);
      continue;
    }
    const entry: XmlEntry = {};
    for (const field of child.children) {
      if (!element.fields.includes(field.name)) keep(entry, field);
      else if (entry[field.name] !== undefined) fail(field.line, 'structure.repeated', [field.name, child.name]);
      else entry[field.name] = text(field);
    }
    const missing = element.fields.filter((f) => entry[f] === undefined && !element.optional?.includes(f));
    if (missing.length > 0) fail(child.line, 'structure.missingField', [child.name, missing.join(', ')]);
    const list = record[child.name];
    if (Array.isArray(list)) list.push(entry);
    else record[child.name] = [entry];
  }
  return { record, comments };
};
