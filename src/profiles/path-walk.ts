import type { DocumentPath } from './file-document.js';

/** A key and its value in a scanned document: offsets in the text (JSON) or event indexes (YAML). */
export type Entry = { key: number; value: number };

export type ContainerScanner = {
  child(container: number, part: string | number): Entry | undefined;
  /** All entries of the container, undefined where there is none at that place. */
  entries(container: number): Entries | undefined;
};

/**
 * Where `path` leads from `root`: the value at each depth it reaches, and `key`'s own place when the whole path
 * was found. Both profile file readers find positions this way, each with its own scanner.
 */
export const walkPath = (
  scanner: ContainerScanner,
  root: number,
  path: DocumentPath,
  key?: string
): { along: number[]; whole: boolean; key?: number } => {
  const along = [root];
  for (const part of path) {
    const next = scanner.child(along[along.length - 1], part);
    if (next === undefined) break;
    along.push(next.value);
  }
  const whole = along.length === path.length + 1;
  return { along, whole, key: key !== undefined && whole ? scanner.child(along[along.length - 1], key)?.key : undefined };
};

/** A mapping's entries by key, or a sequence's values in order. */
export type Entries = Map<string, Entry> | number[];

/**
 * A scanner over `scan`, which reads the container at a place once, the first time one of its children is asked
 * for; what `scan` reads of other containers on the way, it hands to `remember`. `mappingKey` says which key a
 * path part names in a mapping (undefined: none).
 */
export const cachedScanner = (
  scan: (container: number, remember: (container: number, entries: Entries) => void) => Entries | undefined,
  mappingKey: (part: string | number) => string | undefined
): ContainerScanner => {
  const scanned = new Map<number, Entries>();
  const remember = (container: number, entries: Entries): void => {
    scanned.set(container, entries);
  };
  const entriesOf = (container: number): Entries | undefined => {
    let entries = scanned.get(container);
    if (!entries) {
      entries = scan(container, remember);
      if (entries) scanned.set(container, entries);
    }
    return entries;
  };
  return {
    entries: entriesOf,
    child: (container, part) => {
      const entries = entriesOf(container);
      if (!entries) return undefined;
      if (Array.isArray(entries)) {
        const value = entries[typeof part === 'number' ? part : /^\d+$/.test(part) ? Number(part) : -1];
        return value === undefined ? undefined : { key: value, value };
      }
      const key = mappingKey(part);
      return key === undefined ? undefined : entries.get(key);
    },
  };
};
