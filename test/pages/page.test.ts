import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { htmlLines } from '../../src/pages/html.js';
import { textLines } from '../../src/pages/page.js';
import { readPage } from '../../src/pages/source.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/pages/acme-permissions.html', import.meta.url));

describe('convert page: reading a page into lines with structure', () => {
  it('plain text: list items with their nesting, rows with empty cells kept, a row broken over lines, non-breaking spaces', () => {
    const lines = textLines(
      ['Required Permissions', '  • API\u00a0Enabled.', '    • Manage Users: enabling this option', 'Salesforce Object | View All | Edit |', 'Account | ✓ | | ✓ |', 'Contact | Id Name', '| Title |', 'A sentence that ends.'].join('\n'),
      'text'
    );
    expect(lines.map((l) => [l.line, l.kind, l.depth])).to.deep.equal([
      [1, 'heading', 1],
      [2, 'item', 1],
      [3, 'item', 2],
      [4, 'row', 0],
      [5, 'row', 0],
      [6, 'row', 0],
      [7, 'row', 0],
      [8, 'text', 1],
    ]);
    expect(lines[1].text).to.equal('API Enabled.');
    expect(lines[4].cells).to.deep.equal(['Account', '✓', '', '✓']);
    expect(lines[5].cells).to.deep.equal(['Contact', 'Id Name']);
  });

  it('Markdown: headings by level, tables without their separator row, emphasis and links as words, custom field names intact', () => {
    const lines = textLines(
      ['# Setup', '## Permissions', '| Permission | Why |', '| --- | --- |', '| **API Enabled** | [REST API](https://x) |', '- `peopleai__Created_by_PeopleAI__c` on Task', 'Title', '====='].join('\n'),
      'markdown'
    );
    expect(lines.map((l) => [l.line, l.kind, l.depth, l.text])).to.deep.equal([
      [1, 'heading', 1, 'Setup'],
      [2, 'heading', 2, 'Permissions'],
      [3, 'row', 0, '| Permission | Why |'],
      [5, 'row', 0, '| API Enabled | REST API |'],
      [6, 'item', 0, 'peopleai__Created_by_PeopleAI__c on Task'],
      [7, 'heading', 1, 'Title'],
    ]);
    expect(lines[3].cells).to.deep.equal(['API Enabled', 'REST API']);
  });

  it('HTML (parse5): headings, list items, table rows with check marks drawn as images, the source line of each; scripts and styles left out', async () => {
    const page = await readPage(FIXTURE);
    expect(page.format).to.equal('html');
    expect(page.title).to.equal('Acme Sync: Salesforce permissions');
    const byText = (text: string) => page.lines.find((l) => l.text.startsWith(text));
    expect(byText('Required permissions')).to.include({ kind: 'heading', depth: 2, line: 13 });
    expect(byText('API Enabled')).to.include({ kind: 'item', line: 15, text: 'API Enabled: Acme calls the REST API.' });
    expect(byText('View Setup')?.text).to.equal("View Setup and Configuration to read your org's metadata");
    expect(byText('Accounts')).to.deep.include({ kind: 'row', line: 22, cells: ['Accounts', '✓', '', '✓', 'Acme updates account owners.'] });
    expect(page.lines.some((l) => l.text.includes('analytics') || l.text.includes('padding'))).to.equal(false);
  });

  it('HTML: <br> starts a line in a paragraph, nested lists are deeper items, a paragraph inside a list entry is that entry', () => {
    const { lines } = htmlLines('<p>First line<br>\nSecond line</p><ul><li><p>Outer</p><ul><li>Inner</li></ul></li></ul><table><tr><td colspan="2">A</td><td>B</td></tr></table>');
    expect(lines.map((l) => [l.kind, l.depth, l.text])).to.deep.equal([
      ['text', 0, 'First line'],
      ['text', 0, 'Second line'],
      ['item', 0, 'Outer'],
      ['item', 1, 'Inner'],
      ['row', 0, 'A | B'],
    ]);
    expect(lines[4].cells).to.deep.equal(['A', '', 'B']);
  });

  describe('pages that are not text', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'iu-pages-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));
    const refused = async (name: string, content: string | Buffer): Promise<Error & { actions?: string[] }> => {
      writeFileSync(join(dir, name), content);
      try {
        await readPage(join(dir, name));
      } catch (error) {
        return error as Error & { actions?: string[] };
      }
      return expect.fail('expected an error');
    };

    it('a PDF, an Office document and a binary file are refused, saying how to save the page as HTML or text', async () => {
      const pdf = await refused('guide.pdf', '%PDF-1.7\n%âãÏÓ\n1 0 obj');
      expect(pdf.message).to.include('guide.pdf').and.include('PDF');
      expect(pdf.actions?.join(' ')).to.include('save it as HTML').and.include('.txt');
      expect((await refused('guide.docx', Buffer.from([0x50, 0x4b, 3, 4, 0, 0]))).message).to.include('Office');
      expect((await refused('guide.bin', Buffer.from([0x41, 0, 0x42, 0]))).message).to.include('binary');
    });

    it('an empty page, or HTML with no text, is refused; so is a folder or a file that is not there', async () => {
      expect((await refused('empty.txt', ' \n\u00a0\n')).message).to.include('has no text');
      expect((await refused('empty.html', '<html><head><title>x</title></head><body><script>1</script></body></html>')).message).to.include('has no text');
      mkdirSync(join(dir, 'folder'));
      const folder = await readPage(join(dir, 'folder')).catch((e: Error) => e);
      expect((folder as Error).message).to.include('is a folder');
      const missing = await readPage(join(dir, 'missing.txt')).catch((e: Error) => e);
      expect((missing as Error).message).to.include('ENOENT');
    });
  });
});
