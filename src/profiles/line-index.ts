import type { Position } from './file-document.js';

/** Lines of a text, found with one pass over it: where an offset is, and what a line says. */
export type LineIndex = {
  at(offset: number): Position;
  /** The text of a line, trimmed. */
  text(line: number): string;
};

export const lineIndex = (source: string): LineIndex => {
  const starts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  // Items without a source quote their own line, often the same one (a JSON file on one line): trim it once.
  const texts = new Map<number, string>();
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
    text: (line) => {
      if (line < 1 || line > starts.length) return '';
      let text = texts.get(line);
      if (text === undefined) {
        text = source.slice(starts[line - 1], line < starts.length ? starts[line] - 1 : source.length).trim();
        texts.set(line, text);
      }
      return text;
    },
  };
};
