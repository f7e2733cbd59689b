/**
 * A vendor's page as the recognizers read it: lines of text with the structure the page gave them.
 * Plain text, Markdown and HTML all become this, so every recognizer works the same on each.
 */

/** heading: a title over what follows. item: a list entry. row: a table row, its cells in `cells`. text: anything else. */
export type LineKind = 'heading' | 'item' | 'row' | 'text';

export type PageLine = {
  /** 1-based line in the page's own text (the HTML source line where the element's text starts). */
  line: number;
  /** The line's words, spaces normalised (non-breaking and zero-width spaces, runs of spaces). */
  text: string;
  kind: LineKind;
  /** Heading level (1 is the top), or list nesting (0 is the outermost). */
  depth: number;
  /** A row's cells, in order, empty cells kept so check-mark columns line up with the header. */
  cells?: string[];
};

export type PageFormat = 'text' | 'markdown' | 'html';

export type Page = {
  /** File path or URL, as the user gave it. */
  document: string;
  format: PageFormat;
  /** The page's title, where it has one (HTML <title>, the first heading). */
  title?: string;
  lines: PageLine[];
};

const SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]/g;
// Variation selectors (U+FE0E, U+FE0F) follow emoji check marks: "✔️" is "✔".
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]|\ufe0e|\ufe0f/g;

/** One space between words: pages copied from the web carry non-breaking, zero-width and soft-hyphen characters. */
export const normalizeSpaces = (text: string): string => text.replace(INVISIBLE, '').replace(SPACES, ' ').replace(/ {2,}/g, ' ').trim();

const BULLET = /^(\s*)(?:[-*+•·▪◦‣●○■□➢➤→]|\d{1,3}[.)]|[a-z][.)])\s+/;
const MARKDOWN_HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const SETEXT = /^\s{0,3}(=+|-+)\s*$/;

/** Cells of a `|`-separated row; the empty cells that leading and trailing pipes make are dropped, inner ones kept. */
export const splitCells = (text: string): string[] => {
  const cells = text.split('|').map((c) => normalizeSpaces(c));
  if (cells.length > 0 && cells[0] === '' && text.trimStart().startsWith('|')) cells.shift();
  if (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
  return cells;
};

const isRow = (text: string): boolean => {
  const pipes = (text.match(/\|/g) ?? []).length;
  return pipes >= 2 || (pipes === 1 && /\|\s*$/.test(text)) || (pipes === 1 && text.trimStart().startsWith('|'));
};

/**
 * A short line that stands alone, with no closing punctuation, reads as a title in plain text ("Required
 * Permissions", "Option B: Custom Profile"). Whether it is one is settled later: a line that names a
 * permission is an item, not a heading.
 */
const looksLikeTitle = (text: string): boolean => {
  const words = text.split(' ');
  // A question on a line of its own heads an FAQ entry.
  if (/\?$/.test(text)) return words.length <= 25 && /^[A-Z]/.test(text);
  return words.length <= 10 && text.length <= 90 && /^[A-Z0-9"“'(]/.test(text) && !/[.,;:!]$/.test(text) && !/^https?:/.test(text);
};

/** Plain text or Markdown into lines with structure: headings, list items (with nesting), table rows. */
export const textLines = (text: string, format: 'text' | 'markdown'): PageLine[] => {
  const raw = text.replace(/\r\n?/g, '\n').split('\n');
  const lines: PageLine[] = [];
  raw.forEach((source, i) => {
    const line = i + 1;
    if (TABLE_SEPARATOR.test(source) && source.includes('-') && source.includes('|')) return;
    const setext = SETEXT.exec(source);
    const previous = lines[lines.length - 1];
    if (format === 'markdown' && setext && previous?.line === line - 1 && previous.kind === 'text') {
      previous.kind = 'heading';
      previous.depth = setext[1].startsWith('=') ? 1 : 2;
      return;
    }
    const heading = format === 'markdown' ? MARKDOWN_HEADING.exec(source) : null;
    if (heading) {
      const words = normalizeSpaces(heading[2].replace(/[*_`]/g, ''));
      if (words) lines.push({ line, text: words, kind: 'heading', depth: heading[1].length });
      return;
    }
    const bullet = BULLET.exec(source);
    if (bullet) {
      const indent = bullet[1].replace(/\t/g, '    ').length;
      const words = normalizeSpaces(source.slice(bullet[0].length));
      if (words) lines.push({ line, text: format === 'markdown' ? stripMarkdown(words) : words, kind: 'item', depth: Math.floor(indent / 2) });
      return;
    }
    const words = normalizeSpaces(format === 'markdown' ? stripMarkdown(source) : source);
    if (!words) return;
    if (isRow(source)) {
      lines.push({ line, text: words, kind: 'row', depth: 0, cells: splitCells(format === 'markdown' ? stripMarkdown(source) : source) });
      return;
    }
    lines.push({ line, text: words, kind: format === 'text' && looksLikeTitle(words) ? 'heading' : 'text', depth: 1 });
  });
  return joinBrokenRows(lines, raw);
};

/** A flattened table loses pipes: a line with one `|` beside table rows is a row too ("Account | CreatedById Name"). */
const joinBrokenRows = (lines: PageLine[], raw: string[]): PageLine[] => {
  lines.forEach((line, i) => {
    if (line.kind === 'row' || line.kind === 'item' || !raw[line.line - 1].includes('|')) return;
    if (lines[i - 1]?.kind === 'row' || lines[i + 1]?.kind === 'row') {
      line.kind = 'row';
      line.depth = 0;
      line.cells = splitCells(raw[line.line - 1]);
    }
  });
  return lines;
};

/** Markdown emphasis, code and links as their words: `**API Enabled**` and `[API Enabled](url)` read "API Enabled". */
const stripMarkdown = (text: string): string =>
  text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/(^|[\s(])__(\S.*?)__(?=[\s).,:;]|$)/g, '$1$2')
    .replace(/(^|[\s(])[*_](\S.*?)[*_](?=[\s).,:;]|$)/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1');
