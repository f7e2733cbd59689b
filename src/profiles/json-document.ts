import type { ProfileDocument } from './file-document.js';
import { lineIndex } from './line-index.js';
import { cachedScanner, walkPath } from './path-walk.js';
import type { ContainerScanner, Entries, Entry } from './path-walk.js';

/**
 * A .json profile file read with JSON.parse, without a node or a position per value. Positions are found
 * only when asked for, by scanning the text of the containers on the way to a value (each scanned once),
 * which is what an item without `source` and a problem to report need.
 *
 * Undefined when the text is not plain JSON or repeats a key in an object (JSON.parse keeps the last one
 * silently): the YAML reader with positions (file-document.ts) then says what is wrong and where.
 */
export const readJsonDocument = (text: string): ProfileDocument | undefined => {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (keysInText(text) !== keysInData(data)) return undefined;

  const lines = lineIndex(text);
  const scanner = containerScanner(text);
  const root = skipSpace(text, 0);
  const positionOf: ProfileDocument['positionOf'] = (path, key) => {
    const { along, key: keyStart } = walkPath(scanner, root, path, key);
    return lines.at(keyStart ?? along[along.length - 1]);
  };
  return {
    data,
    problems: [],
    positionOf,
    itemPositions: (path) => {
      const { along, whole } = walkPath(scanner, root, path);
      const items = whole ? scanner.entries(along[along.length - 1]) : undefined;
      if (!Array.isArray(items)) return (index) => positionOf([...path, index]);
      // Past the last item, the list's own place, as positionOf falls back to it.
      return (index) => lines.at(items[index] ?? along[along.length - 1]);
    },
    quote: (at) => lines.quote(at),
  };
};

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

const skipSpace = (text: string, from: number): number => {
  let i = from;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
};

/** Just past the closing quote of the string that opens at `from`. */
const endOfString = (text: string, from: number): number => {
  for (let quote = text.indexOf('"', from + 1); ; quote = text.indexOf('"', quote + 1)) {
    let backslash = quote - 1;
    while (text.charCodeAt(backslash) === 0x5c) backslash--;
    if ((quote - 1 - backslash) % 2 === 0) return quote + 1;
  }
};

/** Just past the value that starts at `from`. */
const endOfValue = (text: string, from: number): number => {
  const first = text.charCodeAt(from);
  if (first === 0x22) return endOfString(text, from);
  if (first === 0x7b || first === 0x5b) {
    let depth = 0;
    for (let i = from; ; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) i = endOfString(text, i) - 1;
      else if (c === 0x7b || c === 0x5b) depth++;
      else if ((c === 0x7d || c === 0x5d) && --depth === 0) return i + 1;
    }
  }
  let i = from;
  while (i < text.length && !isSpace(text.charCodeAt(i)) && !',]}'.includes(text[i])) i++;
  return i;
};

/**
 * The entries of the object or array at `start`, and just past its end; undefined where none starts there. With
 * `remember`, each container among its values is scanned on the way (its end is needed anyway) and handed to
 * `remember`: a large list is passed over once, not once to step over it and once more to place its items.
 */
const scanContainer = (text: string, start: number, remember?: (start: number, entries: Entries) => void): { entries: Entries; end: number } | undefined => {
  const open = text.charCodeAt(start);
  if (open !== 0x7b && open !== 0x5b) return undefined;
  const close = open === 0x7b ? 0x7d : 0x5d;
  const entries: Entries = open === 0x7b ? new Map<string, Entry>() : [];
  let i = skipSpace(text, start + 1);
  while (text.charCodeAt(i) !== close) {
    if (Array.isArray(entries)) {
      entries.push(i);
    } else {
      const keyEnd = endOfString(text, i);
      const raw = text.slice(i, keyEnd);
      const value = skipSpace(text, skipSpace(text, keyEnd) + 1);
      entries.set(raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1), { key: i, value });
      i = value;
    }
    const inner = remember ? scanContainer(text, i) : undefined;
    if (inner) remember?.(i, inner.entries);
    i = skipSpace(text, inner ? inner.end : endOfValue(text, i));
    if (text.charCodeAt(i) === 0x2c) i = skipSpace(text, i + 1);
  }
  return { entries, end: i + 1 };
};

/** The entries of the object or array at an offset, scanned the first time one of them is asked for. */
const containerScanner = (text: string): ContainerScanner => cachedScanner((start, remember) => scanContainer(text, start, remember)?.entries, String);

/** How many keys the objects in the text spell out: a colon outside a string is one key. */
const keysInText = (text: string): number => {
  let keys = 0;
  for (let i = 0; i < text.length; ) {
    const quote = text.indexOf('"', i);
    const end = quote === -1 ? text.length : quote;
    for (let j = i; j < end; j++) if (text.charCodeAt(j) === 0x3a) keys++;
    if (quote === -1) break;
    i = endOfString(text, quote);
  }
  return keys;
};

/** How many keys the parsed objects hold: fewer than the text spells out where a key is repeated. */
const keysInData = (value: unknown): number => {
  if (typeof value !== 'object' || value === null) return 0;
  let keys = 0;
  if (Array.isArray(value)) {
    for (const item of value) keys += keysInData(item);
    return keys;
  }
  for (const key in value) {
    if (Object.hasOwn(value, key)) keys += 1 + keysInData((value as Record<string, unknown>)[key]);
  }
  return keys;
};
