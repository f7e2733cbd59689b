import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The plugin's bundled reference tables (data/*.tsv): facts about the Metadata API, gathered from public sources. */
export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

const cache = new Map<string, Array<Record<string, string>>>();

/**
 * Rows of a bundled TSV file. Lines starting with `#` are notes. Columns are named by `columns` where the
 * file has no header line, else by the first line that is not a note.
 */
export const readTable = (file: string, columns?: string[]): Array<Record<string, string>> => {
  const key = `${file}:${columns?.join(',') ?? ''}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const lines = readFileSync(`${DATA_DIR}${file}`, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0 && !line.startsWith('#'));
  const header = columns ?? lines.shift()?.split('\t') ?? [];
  const rows = lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(header.map((name, i) => [name, cells[i] ?? '']));
  });
  cache.set(key, rows);
  return rows;
};
