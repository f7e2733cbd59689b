import type { SfCommand } from '@salesforce/sf-plugins-core';

/** The widest line the plugin prints as a table; wider rows are printed as a list. */
export const MAX_WIDTH = 100;

export type Column<K extends string> = { key: K; name: string };
type TableTerminal = Pick<SfCommand<unknown>, 'log' | 'table'>;

/** What sf's table draws: each column as wide as its widest cell or name, one space either side, a border between. */
const tableWidth = <K extends string>(data: Array<Record<K, string>>, columns: Array<Column<K>>): number =>
  columns.reduce((width, c) => width + 3 + Math.max(c.name.length, ...data.map((row) => row[c.key].length)), 1);

/** Words to lines of at most `width` columns after `indent`, continuation lines under the first's text. */
const wrap = (text: string, indent: string, hanging: string, width = MAX_WIDTH): string[] => {
  const lines: string[] = [];
  let line = indent;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const start = line === indent || line === hanging;
    if (!start && line.length + 1 + word.length > width) {
      lines.push(line);
      line = hanging + word;
    } else line = start ? line + word : `${line} ${word}`;
  }
  lines.push(line);
  return lines;
};

/**
 * Every table the plugin prints. A table that fits in 100 columns is drawn as sf draws tables; a wider one is a list,
 * a row per item under its first column, each other column a "name: value" line wrapped at 100 columns (sf's own
 * wrapping inside cells left the borders out of line, and a table of reasons grew to 220 columns unbounded).
 */
export const printTable = <K extends string>(terminal: TableTerminal, data: Array<Record<K, string>>, columns: Array<Column<K>>): void => {
  if (tableWidth(data, columns) <= MAX_WIDTH) {
    terminal.table({ data, columns });
    return;
  }
  const [head, ...rest] = columns;
  const lines: string[] = [];
  for (const row of data) {
    lines.push(...wrap(row[head.key], '', '  '));
    for (const column of rest) {
      if (row[column.key] === '') continue;
      lines.push(...wrap(`${column.name}: ${row[column.key]}`, '    ', '      '));
    }
  }
  terminal.log(lines.join('\n'));
};
