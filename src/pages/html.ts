import { parse } from 'parse5';
import type { DefaultTreeAdapterTypes } from 'parse5';
import type { PageLine } from './page.js';
import { normalizeSpaces } from './page.js';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;
type TextNode = DefaultTreeAdapterTypes.TextNode;

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'head', 'button', 'select', 'option']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Elements that start a line of their own; everything else (spans, links, emphasis, code) is inline. */
const BLOCKS = new Set([
  'p', 'div', 'section', 'article', 'main', 'aside', 'header', 'footer', 'nav', 'blockquote', 'pre', 'dl', 'dt', 'dd',
  'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'figure', 'figcaption', 'form',
  'fieldset', 'legend', 'details', 'summary', 'hr', 'body', 'html', 'head', 'title', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
]);

const isElement = (node: Node): node is Element => 'tagName' in node;
const isText = (node: Node): node is TextNode => node.nodeName === '#text';
const attribute = (element: Element, name: string): string | undefined => element.attrs.find((a) => a.name === name)?.value;

/** A check mark drawn as an image, icon or ticked box reads as the ✓ that flattened pages show. */
const checkMark = (element: Element): string | undefined => {
  if (element.tagName === 'img') {
    const alt = attribute(element, 'alt') ?? '';
    return /^(✓|✔|☑|yes|check(mark)?|checked|tick|enabled|true)$/i.test(alt.trim()) ? '✓' : alt;
  }
  if (element.tagName === 'input' && attribute(element, 'type') === 'checkbox') return attribute(element, 'checked') !== undefined ? '✓' : '';
  return undefined;
};

/** A line being gathered: its words so far and the source line of its first word. */
type Segment = { parts: string[]; line: number | undefined };
/** A block's lines: `<br>` (and a newline inside `<pre>`) starts the next one. */
type Buffer = { segments: Segment[]; pre: boolean; soft?: boolean };

const newBuffer = (pre = false): Buffer => ({ segments: [{ parts: [], line: undefined }], pre });
const current = (buffer: Buffer): Segment => buffer.segments[buffer.segments.length - 1];
const firstLine = (buffer: Buffer): number | undefined => buffer.segments.find((s) => s.line !== undefined)?.line;
const words = (buffer: Buffer): string => normalizeSpaces(buffer.segments.map((s) => s.parts.join('')).join(' '));

/**
 * HTML into lines with structure, with parse5 (the WHATWG parsing algorithm, as browsers read a page):
 * headings, list items with their nesting, table rows with their cells, paragraphs; `<br>` breaks a line.
 * Each line carries the HTML source line where its text starts.
 */
export const htmlLines = (html: string): { title?: string; lines: PageLine[] } => {
  const document = parse(html, { sourceCodeLocationInfo: true });
  const lines: PageLine[] = [];
  let title: string | undefined;

  const inlineText = (node: Node, buffer: Buffer): void => {
    if (isText(node)) {
      const pieces = buffer.pre ? node.value.split('\n') : [node.value.replace(/\s+/g, ' ')];
      let line = node.sourceCodeLocation?.startLine;
      pieces.forEach((piece, i) => {
        if (i > 0) buffer.segments.push({ parts: [], line: undefined });
        const segment = current(buffer);
        if (piece.trim() && segment.line === undefined) segment.line = line;
        segment.parts.push(piece);
        if (line !== undefined) line += 1;
      });
      return;
    }
    if (!isElement(node) || SKIPPED.has(node.tagName)) return;
    const mark = checkMark(node);
    if (mark !== undefined) {
      current(buffer).line ??= node.sourceCodeLocation?.startLine;
      current(buffer).parts.push(` ${mark} `);
      return;
    }
    if (node.tagName === 'br') {
      // Within a list entry a break only wraps the entry's words; elsewhere it starts a line.
      if (buffer.soft) current(buffer).parts.push(' ');
      else buffer.segments.push({ parts: [], line: undefined });
      return;
    }
    for (const child of node.childNodes) inlineText(child, buffer);
  };

  const emit = (buffer: Buffer, kind: PageLine['kind'], depth: number): void => {
    for (const segment of buffer.segments) {
      const text = normalizeSpaces(segment.parts.join(''));
      if (text && segment.line !== undefined) lines.push({ line: segment.line, text, kind, depth });
    }
  };

  const row = (tr: Element): void => {
    const cells: string[] = [];
    let line: number | undefined;
    for (const cell of tr.childNodes) {
      if (!isElement(cell) || (cell.tagName !== 'td' && cell.tagName !== 'th')) continue;
      const buffer = newBuffer();
      for (const child of cell.childNodes) inlineText(child, buffer);
      line ??= firstLine(buffer);
      cells.push(words(buffer));
      const span = Number(attribute(cell, 'colspan') ?? '1');
      for (let i = 1; i < span && i < 20; i++) cells.push('');
    }
    if (line !== undefined && cells.some((c) => c)) lines.push({ line, text: cells.filter((c) => c).join(' | '), kind: 'row', depth: 0, cells });
  };

  const walk = (node: Node, listDepth = 0, inItem = false): void => {
    if (!isElement(node)) return;
    if (node.tagName === 'title' && title === undefined) {
      title = normalizeSpaces(node.childNodes.filter(isText).map((t) => t.value).join(''));
      return;
    }
    if (SKIPPED.has(node.tagName)) {
      if (node.tagName === 'head') node.childNodes.forEach((c) => walk(c));
      return;
    }
    if (node.tagName === 'tr') return row(node);
    if (HEADINGS.has(node.tagName)) {
      const buffer = newBuffer();
      node.childNodes.forEach((c) => inlineText(c, buffer));
      const line = firstLine(buffer);
      const text = words(buffer);
      if (line !== undefined && text) lines.push({ line, text, kind: 'heading', depth: Number(node.tagName[1]) });
      return;
    }
    const depth = node.tagName === 'ul' || node.tagName === 'ol' ? listDepth + 1 : listDepth;
    const item = node.tagName === 'li' || (inItem && (node.tagName === 'p' || node.tagName === 'div'));
    const kind: PageLine['kind'] = item ? 'item' : 'text';
    // Inline children gather into a line; a nested block ends it and is walked in its own right.
    const fresh = (): Buffer => ({ ...newBuffer(node.tagName === 'pre'), soft: item });
    let buffer = fresh();
    for (const child of node.childNodes) {
      if (isElement(child) && BLOCKS.has(child.tagName)) {
        emit(buffer, kind, Math.max(0, depth - 1));
        buffer = fresh();
        walk(child, depth, node.tagName === 'li');
      } else {
        inlineText(child, buffer);
      }
    }
    emit(buffer, kind, Math.max(0, depth - 1));
  };

  document.childNodes.forEach((node) => walk(node));
  return { ...(title ? { title } : {}), lines: lines.sort((a, b) => a.line - b.line) };
};
