import { EVENT_ID, SCALAR_STYLE, constructFromEvents, getScalarValue, parseEvents } from 'js-yaml';
import type { Event } from 'js-yaml';
import type { ProfileDocument } from './file-document.js';
import { lineIndex } from './line-index.js';
import { cachedScanner, walkPath } from './path-walk.js';
import type { ContainerScanner, Entries, Entry } from './path-walk.js';

/**
 * A YAML profile file read with js-yaml's event parser (about ten times faster than the `yaml` library with
 * a node per value, and a fraction of its memory). The events keep each node's offset, so an item's own line
 * is found on demand by walking only the containers on the way to it. A problem to report is placed by the
 * YAML reader with positions (load-file.ts reads the file again with it), which also places block scalars.
 *
 * Undefined where js-yaml could mean something other than the YAML reader with positions
 * (file-document.ts), which then reads the file and says what is wrong and where: a directive (`%YAML 1.1`
 * makes `yes` a boolean there), a tag, an anchor or alias, a key that is not a string, more or less than
 * one document, a repeated key (js-yaml refuses it), or anything js-yaml refuses. Both read the YAML 1.2
 * core schema, so plain scalars (`yes`, `on`, `017`, `0o17`, `.inf`, `~`) mean the same in both.
 */
export const readYamlDocument = (text: string): ProfileDocument | undefined => {
  let events: Event[];
  let data: unknown;
  try {
    events = parseEvents(text, {});
    if (!sameMeaningInBoth(events, text)) return undefined;
    const documents = constructFromEvents(events, { source: text });
    if (documents.length !== 1) return undefined;
    data = /[^\t\n\r -~]/.test(text) ? withOwnStrings(documents[0]) : documents[0];
  } catch {
    return undefined;
  }

  const lines = lineIndex(text);
  const scanner = containerScanner(events, text);
  // A block or empty scalar's events keep no start: its parent's stands for it, as for a path that leads nowhere.
  const lastStart = (along: number[]): number | undefined => along.map((index) => startOf(events[index])).findLast((offset) => offset !== undefined);
  const positionOf: ProfileDocument['positionOf'] = (path, key) => {
    const { along, key: keyEvent } = walkPath(scanner, 1, path, key);
    if (keyEvent !== undefined) return lines.at(startOf(events[keyEvent]) ?? 0);
    return lines.at(lastStart(along) ?? 0);
  };
  return {
    data,
    problems: [],
    positionOf,
    itemPositions: (path) => {
      const { along, whole } = walkPath(scanner, 1, path);
      const items = whole ? scanner.entries(along[along.length - 1]) : undefined;
      if (!Array.isArray(items)) return (index) => positionOf([...path, index]);
      const listStart = lastStart(along) ?? 0;
      return (index) => lines.at((items[index] === undefined ? undefined : startOf(events[items[index]])) ?? listStart);
    },
    quote: (at) => lines.quote(at),
  };
};

/**
 * js-yaml's values are slices of the text. Where the text holds one character beyond ASCII (an em dash in a
 * reason), V8 keeps the whole text two bytes a character, and so every slice: a permission set written with such
 * names is built as a two-byte string, twice the memory and slower to write. Each ASCII value gets its own copy.
 */
const withOwnStrings = (value: unknown): unknown => {
  if (typeof value === 'string') return /^[\t\n\r -~]*$/.test(value) ? Buffer.from(value, 'latin1').toString('latin1') : value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = withOwnStrings(value[i]);
  } else if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) (value as Record<string, unknown>)[key] = withOwnStrings((value as Record<string, unknown>)[key]);
  }
  return value;
};

/** Plain scalars that the core schema reads as something else than a string when they are a key. */
const NOT_A_STRING_KEY = /^(?:[^A-Za-z_$]|(?:true|True|TRUE|false|False|FALSE|null|Null|NULL)$)/;

/** One document with no directive, tag, anchor or alias, and every key a string in both readers. */
const sameMeaningInBoth = (events: Event[], text: string): boolean => {
  // Per open container: whether it is a mapping, and how many nodes it holds so far (even ones are keys).
  const mapping: boolean[] = [];
  const held: number[] = [];
  let documents = 0;
  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.DOCUMENT:
        if (++documents > 1 || event.directives.length > 0) return false;
        mapping.push(false);
        held.push(0);
        continue;
      case EVENT_ID.POP:
        mapping.pop();
        held.pop();
        continue;
      case EVENT_ID.ALIAS:
        return false;
      default:
        break;
    }
    if (event.anchorStart !== -1 || event.tagStart !== -1) return false;
    const top = held.length - 1;
    if (mapping[top] && held[top] % 2 === 0) {
      if (event.type !== EVENT_ID.SCALAR) return false;
      if (event.style === SCALAR_STYLE.PLAIN && NOT_A_STRING_KEY.test(text.slice(event.valueStart, event.valueEnd))) return false;
    }
    held[top]++;
    if (event.type === EVENT_ID.SEQUENCE || event.type === EVENT_ID.MAPPING) {
      mapping.push(event.type === EVENT_ID.MAPPING);
      held.push(0);
    }
  }
  return documents === 1;
};

/**
 * Where a node starts as the `yaml` library counts it: a collection at its first key or bracket, a quoted
 * scalar at its quote. Undefined for a block scalar (its events start at the text, not at `|` or `>`) and
 * an empty one.
 */
const startOf = (event: Event): number | undefined => {
  if (event.type === EVENT_ID.SEQUENCE || event.type === EVENT_ID.MAPPING) return event.start;
  if (event.type !== EVENT_ID.SCALAR || event.valueStart === -1) return undefined;
  if (event.style === SCALAR_STYLE.LITERAL_BLOCK || event.style === SCALAR_STYLE.FOLDED_BLOCK) return undefined;
  const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
  return quoted ? event.valueStart - 1 : event.valueStart;
};

/** Just past the node whose event is at `index`. */
const endOfNode = (events: Event[], index: number): number => {
  const type = events[index].type;
  if (type !== EVENT_ID.SEQUENCE && type !== EVENT_ID.MAPPING) return index + 1;
  let depth = 0;
  for (let i = index; ; i++) {
    const t = events[i].type;
    if (t === EVENT_ID.SEQUENCE || t === EVENT_ID.MAPPING) depth++;
    else if (t === EVENT_ID.POP && --depth === 0) return i + 1;
  }
};

/** The entries of the mapping or sequence at an event index, scanned the first time one of them is asked for. */
const containerScanner = (events: Event[], text: string): ContainerScanner =>
  cachedScanner(
    (start) => {
      const open = events[start];
      if (open.type !== EVENT_ID.SEQUENCE && open.type !== EVENT_ID.MAPPING) return undefined;
      const entries: Entries = open.type === EVENT_ID.MAPPING ? new Map<string, Entry>() : [];
      for (let i = start + 1; events[i].type !== EVENT_ID.POP; ) {
        if (Array.isArray(entries)) {
          entries.push(i);
          i = endOfNode(events, i);
        } else {
          const value = i + 1;
          entries.set(keyText(events[i], text), { key: i, value });
          i = endOfNode(events, value);
        }
      }
      return entries;
    },
    // As the `yaml` library looks a key up: a number is no mapping's key.
    (part) => (typeof part === 'string' ? part : undefined)
  );

const keyText = (event: Event, text: string): string => (event.type === EVENT_ID.SCALAR ? getScalarValue(text, event) : '');
