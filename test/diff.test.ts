import { expect } from 'chai';
import fc from 'fast-check';
import { unifiedDiff } from '../src/diff.js';

/** Apply a unified diff to `before` (lines each ending in a newline), checking every context and removed line against it, as patch does. */
const applyDiff = (before: string, diff: string): string => {
  const lines = diff.split('\n');
  const source = before === '' ? [] : before.slice(0, -1).split('\n');
  const out: string[] = [];
  let at = 0;
  let i = 2;
  while (i < lines.length && lines[i].startsWith('@@')) {
    const [, oldStart] = /^@@ -(\d+)/.exec(lines[i]) ?? [];
    const start = Number(oldStart) - (lines[i].startsWith(`@@ -${oldStart},0 `) ? 0 : 1);
    while (at < start) out.push(source[at++]);
    i++;
    for (; i < lines.length && !lines[i].startsWith('@@') && lines[i] !== ''; i++) {
      const [kind, text] = [lines[i][0], lines[i].slice(1)];
      if (kind === '\\') continue;
      if (kind !== '+') {
        expect(source[at], `line ${at + 1}`).to.equal(text);
        at++;
      }
      if (kind !== '-') out.push(text);
    }
  }
  while (at < source.length) out.push(source[at++]);
  return out.length > 0 ? `${out.join('\n')}\n` : '';
};

describe('unified diff', () => {
  it('shows a change with three lines of context and git-style headers', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].join('\n') + '\n';
    const after = ['a', 'b', 'c', 'd', 'E', 'f', 'g', 'h', 'i'].join('\n') + '\n';
    expect(unifiedDiff('x.xml', before, after)).to.equal(
      ['--- a/x.xml', '+++ b/x.xml', '@@ -2,7 +2,8 @@', ' b', ' c', ' d', '-e', '+E', ' f', ' g', ' h', '+i', ''].join('\n')
    );
  });

  it('shows a new file against /dev/null, and nothing for equal files', () => {
    expect(unifiedDiff('n.xml', undefined, 'a\nb\n')).to.equal('--- /dev/null\n+++ b/n.xml\n@@ -0,0 +1,2 @@\n+a\n+b\n');
    expect(unifiedDiff('n.xml', 'a\n', 'a\n')).to.equal('');
  });

  it('marks a missing final newline, as git does', () => {
    expect(unifiedDiff('x.xml', 'a\nb', 'a\nb\n')).to.equal('--- a/x.xml\n+++ b/x.xml\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n');
  });

  it('applies: patching the old lines with the diff gives the new ones (fast-check)', () => {
    const text = fc.array(fc.constantFrom('<a>', '<b>', '    <c>', '</d>', ''), { maxLength: 40 }).map((l) => (l.length ? `${l.join('\n')}\n` : ''));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const diff = unifiedDiff('f', before, after);
        if (before === after) expect(diff).to.equal('');
        else expect(applyDiff(before, diff)).to.equal(after);
      }),
      { numRuns: 500 }
    );
  });

  it('stays bounded on files that differ everywhere', () => {
    const before = Array.from({ length: 20_000 }, (_, i) => `\t<e>${i}</e>`).join('\n') + '\n';
    const after = before.replace(/\t/g, '    ');
    const diff = unifiedDiff('big.xml', before, after);
    expect(diff.split('\n').filter((l) => l.startsWith('-\t')).length).to.equal(20_000);
    expect(applyDiff(before, diff)).to.equal(after);
  });
});
