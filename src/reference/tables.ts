import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The plugin's bundled reference tables (data/*.tsv): facts about the Metadata API, gathered from public sources. */
export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

const cache = new Map<string, Array<Record<string, string>>>();

/**
 * Each line's cells, each decoded from its own bytes. A cell cut from a decoded file would share the file's
 * representation: one non-ASCII character anywhere (a label's ’) makes every name in the file a two-byte string,
 * and every file written with one of them twice the size in memory and slower to write.
 */
const cellsOf = (bytes: Buffer): string[][] => {
  const lines: string[][] = [];
  let cells: string[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    const byte = i < bytes.length ? bytes[i] : 0x0a;
    if (byte !== 0x09 && byte !== 0x0a) continue;
    cells.push(bytes.toString('utf8', start, i));
    start = i + 1;
    if (byte === 0x0a) {
      lines.push(cells);
      cells = [];
    }
  }
  return lines;
};

/**
 * Rows of a bundled TSV file. Lines starting with `#` are notes. Columns are named by `columns` where the
 * file has no header line, else by the first line that is not a note.
 */
export const readTable = (file: string, columns?: string[]): Array<Record<string, string>> => {
  const key = `${file}:${columns?.join(',') ?? ''}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const lines = cellsOf(readFileSync(`${DATA_DIR}${file}`)).filter((cells) => !(cells.length === 1 && cells[0] === '') && !cells[0].startsWith('#'));
  const header = columns ?? lines.shift() ?? [];
  const rows = lines.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
  cache.set(key, rows);
  return rows;
};
