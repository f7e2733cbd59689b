import { expect } from 'chai';
import { MAX_WIDTH, printTable } from '../../src/display/table.js';

/** What printTable hands to sf: a table (its data and columns) or lines of a list. */
const capture = () => {
  const printed = { tables: [] as unknown[], lines: [] as string[] };
  return {
    printed,
    terminal: {
      table: (options: unknown) => printed.tables.push(options),
      log: (text = '') => printed.lines.push(...text.split('\n')),
    } as unknown as Parameters<typeof printTable>[0],
  };
};
const columns = [
  { key: 'id' as const, name: 'Id' },
  { key: 'note' as const, name: 'Note' },
];

describe('tables: drawn within 100 columns, or a list', () => {
  it('draws a table that fits, as sf draws it, with no wrapping options', () => {
    const { printed, terminal } = capture();
    const data = [{ id: 'grax', note: 'x'.repeat(MAX_WIDTH - 'grax'.length - 7) }];
    printTable(terminal, data, columns);
    expect(printed.tables).to.deep.equal([{ data, columns }]);
    expect(printed.lines).to.deep.equal([]);
  });

  it('lists a table one column too wide: the first column heads each item, the others named and wrapped at 100', () => {
    const { printed, terminal } = capture();
    const long = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    printTable(terminal, [{ id: 'grax', note: 'x'.repeat(MAX_WIDTH - 'grax'.length - 6) }, { id: 'ownbackup', note: long }], columns);
    expect(printed.tables).to.deep.equal([]);
    expect(printed.lines[0]).to.equal('grax');
    expect(printed.lines[1]).to.equal(`    Note: ${'x'.repeat(MAX_WIDTH - 'grax'.length - 6)}`);
    const own = printed.lines.slice(printed.lines.indexOf('ownbackup') + 1);
    expect(own[0].startsWith('    Note: word0 word1')).to.equal(true);
    expect(own.slice(1).every((line) => line.startsWith('      word'))).to.equal(true);
    expect(own.every((line) => line.length <= MAX_WIDTH)).to.equal(true);
    expect(own.join(' ').replace(/\s+/g, ' ').trim()).to.equal(`Note: ${long}`);
  });

  it('leaves out a column a row has no value for', () => {
    const { printed, terminal } = capture();
    printTable(terminal, [{ id: 'grax', note: '' }, { id: 'y'.repeat(MAX_WIDTH), note: 'n' }], columns);
    expect(printed.lines).to.deep.equal(['grax', 'y'.repeat(MAX_WIDTH), '    Note: n']);
  });
});
