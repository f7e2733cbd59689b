import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { DATA_DIR, readTable } from '../../src/reference/tables.js';
import { isOneByteString as oneByte } from '../helpers/strings.js';


describe('bundled tables (data/*.tsv)', () => {
  it('reads the ASCII cells of a file holding other characters as one-byte strings, the rest as they are', () => {
    const text = readFileSync(`${DATA_DIR}user-permissions.tsv`, 'utf8');
    // The premise: the file has a character beyond ASCII, so the decoded file and its slices are two-byte strings.
    expect(/[^ -~\t\n]/.test(text)).to.equal(true);
    expect(oneByte(text.split('\n')[5].split('\t')[0])).to.equal(false);
    const rows = readTable('user-permissions.tsv', ['name', 'label']);
    expect(rows.length).to.be.greaterThan(100);
    for (const row of rows) expect(oneByte(row.name), row.name).to.equal(/^[ -~\t]*$/.test(row.name));
    const wide = rows.find((row) => /[^ -~\t]/.test(row.label));
    expect(wide, 'a label beyond ASCII').to.not.equal(undefined);
    // Same cells as splitting the decoded text.
    const lines = text.split('\n').filter((line) => line.length > 0 && !line.startsWith('#'));
    expect(rows.map((row) => `${row.name}\t${row.label}`)).to.deep.equal(lines.map((line) => line.split('\t').slice(0, 2).join('\t')));
  });
});
