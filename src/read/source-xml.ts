import { Messages } from '@salesforce/core';
import { XMLValidator } from 'fast-xml-parser';
import type { TypeSchema } from '../metadata/schemas.js';
import { isEntry } from '../metadata/schemas.js';
import type { MetadataRecord, XmlElement, XmlEntry } from '../render/xml.js';
import { UnknownElements } from '../render/xml.js';
import { codePointName, firstNonXmlChar, isXmlCodePoint } from '../metadata/xml-chars.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'read');

/** A metadata source file as read: its elements as text, and what the canonical form leaves out. */
export type SourceDocument = {
  record: MetadataRecord;
  /** XML comments in the file; a retrieve has none, and the canonical form drops them. */
  comments: number;
};

/** An element with where it starts (a character offset), before the schema gives it a meaning. */
type ReadElement = { name: string; at: number; text: string; children: ReadElement[] };

/**
 * The tokens of a well-formed document (XMLValidator has checked it): comments, CDATA sections, processing
 * instructions and the declaration, a DOCTYPE, and tags (attribute values may hold `>`). Text is what lies between.
 * A scan, rather than fast-xml-parser's ordered parse and a walk over its nodes: on a 30 MB permission set that
 * parse and walk cost twice what the scan does, and the merge must stay close to a bare parse.
 */
const TOKENS = /<!--([\s\S]*?)-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>|<(\/?)([^\s/>]+)(?:[^>"']|"[^"]*"|'[^']*')*>/g;

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Line and column (1-based, in UTF-16 units as the validator counts) of a character offset, by binary search over where lines start. */
const positionFinder = (xml: string): ((index: number) => { line: number; column: number }) => {
  // Built on the first error only: a file that reads cleanly never needs its lines.
  let starts: number[] | undefined;
  return (index) => {
    if (!starts) {
      starts = [0];
      for (let i = xml.indexOf('\n'); i !== -1; i = xml.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= index) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: index - starts[low] + 1 };
  };
};

/**
 * Read a metadata source file (`*-meta.xml`) into a record: the schema's single elements as text, its
 * lists as entries of text fields, and every element the schema does not know kept as UnknownElements,
 * so writing the record back loses nothing. An unreadable file is an error naming the file and line.
 */
export const readSourceXml = (schema: TypeSchema, xml: string, path: string): SourceDocument => {
  // Nothing but blanks, comments or the declaration: the validator would say "Start tag expected" at no column.
  if (!/<[A-Za-z_]/.test(xml.replace(/<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g, ''))) throw messages.createError('error.Empty', [path, schema.root]);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const where = valid.err.col === undefined ? `${path}:${valid.err.line}` : `${path}:${valid.err.line}:${valid.err.col}`;
    throw messages.createError('error.NotWellFormed', [where, valid.err.msg]);
  }

  const positionAt = positionFinder(xml);
  const notWellFormed = (at: number, key: string, tokens: string[]): never => {
    const { line, column } = positionAt(at);
    throw messages.createError('error.NotWellFormed', [`${path}:${line}:${column}`, messages.getMessage(key, tokens)]);
  };
  // The validator lets through characters XML 1.0 has no room for, raw or referred to.
  const raw = firstNonXmlChar(xml);
  if (raw) notWellFormed(raw.index, 'wellFormed.char', [codePointName(raw.code)]);

  let comments = 0;
  /** `at`: where the element in question starts; its line is found only for the error. */
  const fail = (at: number, key: string, tokens: Array<string | number> = []): never => {
    throw messages.createError('error.Structure', [path, positionAt(at).line, messages.getMessage(key, tokens)]);
  };
  /** `offset`: where the text starts in the file, so a bad reference is named at its own line and column. */
  const decode = (text: string, at: number, offset: number): string =>
    !text.includes('&')
      ? text
      : text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|\w+);/g, (entity, body: string, index: number) => {
      if (!body.startsWith('#')) return PREDEFINED[body] ?? fail(at, 'structure.entity', [entity]);
      const code = body.startsWith('#x') ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return isXmlCodePoint(code) ? String.fromCodePoint(code) : notWellFormed(offset + index, 'wellFormed.charReference', [entity]);
    });

  const nodes: ReadElement[] = [];
  const open: ReadElement[] = [];
  let textStart = 0;
  TOKENS.lastIndex = 0;
  for (let token = TOKENS.exec(xml); token; token = TOKENS.exec(xml)) {
    const parent = open[open.length - 1];
    if (parent && token.index > textStart) parent.text += decode(xml.slice(textStart, token.index), parent.at, textStart);
    textStart = TOKENS.lastIndex;
    const [tag, comment, cdata, closing, name] = token;
    if (comment !== undefined) comments += 1;
    else if (cdata !== undefined) {
      if (parent) parent.text += cdata;
    } else if (name === undefined) continue;
    else if (closing) {
      const element = open.pop();
      if (element && element.children.length > 0 && element.text.trim() !== '') fail(element.at, 'structure.mixed', [element.name]);
    } else {
      const element: ReadElement = { name, at: token.index, text: '', children: [] };
      (parent ? parent.children : nodes).push(element);
      if (!tag.endsWith('/>')) open.push(element);
    }
  }

  const asXmlElement = (element: ReadElement): XmlElement =>
    element.children.length > 0 ? { name: element.name, children: element.children.map(asXmlElement) } : { name: element.name, text: element.text };

  /** Adds an element the schema does not know to the ones of its name already kept, in file order. */
  const keep = (into: Record<string, unknown>, element: ReadElement): void => {
    const before = into[element.name];
    const occurrences = before instanceof UnknownElements ? before.occurrences : [];
    into[element.name] = new UnknownElements([...occurrences, asXmlElement(element)]);
  };

  const text = (element: ReadElement): string => {
    if (element.children.length > 0) fail(element.children[0].at, 'structure.notText', [element.name]);
    return element.text;
  };

  const root = nodes[0];
  if (!root || root.name !== schema.root) fail(root?.at ?? 0, 'structure.root', [root?.name ?? '', schema.root]);
  if (root.text.trim() !== '') fail(root.at, 'structure.mixed', [root.name]);

  const schemaElements = new Map(schema.elements.map((e) => [e.name, e]));
  const record: MetadataRecord = {};
  for (const child of root.children) {
    const element = schemaElements.get(child.name);
    if (!element) {
      keep(record, child);
      continue;
    }
    if (!isEntry(element)) {
      if (record[child.name] !== undefined) fail(child.at, 'structure.repeated', [child.name, schema.root]);
      record[child.name] = text(child);
      continue;
    }
    const entry: XmlEntry = {};
    for (const field of child.children) {
      if (!element.fields.includes(field.name)) keep(entry, field);
      else if (entry[field.name] !== undefined) fail(field.at, 'structure.repeated', [field.name, child.name]);
      else entry[field.name] = text(field);
    }
    const missing = element.fields.filter((f) => entry[f] === undefined && !element.optional?.includes(f));
    if (missing.length > 0) fail(child.at, 'structure.missingField', [child.name, missing.join(', ')]);
    const list = record[child.name];
    if (Array.isArray(list)) list.push(entry);
    else record[child.name] = [entry];
  }
  return { record, comments };
};
