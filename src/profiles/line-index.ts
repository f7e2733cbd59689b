import type { Position } from './file-document.js';

/** Lines of a text, found with one pass over it: where an offset is, and what a line says. */
export type LineIndex = {
  at(offset: number): Position;
  /** What an item at a position quotes of its line (quoteOfLine). */
  quote(at: Position): string;
};

/** A quote is for a person to read: past this, a line (a JSON file on one line) is quoted from the item's place on. */
export const QUOTE_LIMIT = 160;

/** A line trimmed, or where it is longer than QUOTE_LIMIT, what follows `column` (1-based) up to the limit. */
export const quoteOfLine = (line: string, column: number): string => {
  const trimmed = line.trim();
  if (trimmed.length <= QUOTE_LIMIT) return trimmed;
  const from = line.slice(Math.max(column - 1, 0)).trim();
  return from.length <= QUOTE_LIMIT ? from : `${from.slice(0, QUOTE_LIMIT)}…`;
};

export const lineIndex = (source: string): LineIndex => {
  const starts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  const lineAt = (line: number): string => source.slice(starts[line - 1], line < starts.length ? starts[line] - 1 : source.length);
  return {
    at: (offset) => {
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid] <= offset) low = mid;
        else high = mid - 1;
      }
      return { line: low + 1, column: offset - starts[low] + 1 };
    },
    // Slices and trims of one string: cheap for a JSON file on one line too, whose items all quote that line.
    quote: ({ line, column }) => (line < 1 || line > starts.length ? '' : quoteOfLine(lineAt(line), column)),
  };
};
