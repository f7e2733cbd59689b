/**
 * Unified diffs (the `diff -u` / `git diff` format) for drift reports: what a file on disk would
 * become. Myers' shortest edit script over lines; past MAX_EDITS the change is shown as one hunk
 * replacing the differing middle, which is still a valid diff and keeps the cost bounded.
 */

const CONTEXT = 3;
const MAX_EDITS = 2000;

type Edit = { kind: ' ' | '-' | '+'; line: string };

/** Marks a last line with no newline after it, so it differs from the same text with one, as in git. */
const NO_NEWLINE = '\n\\ No newline at end of file';

const splitLines = (text: string): string[] => {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += NO_NEWLINE;
  return lines;
};

/** Myers' algorithm on a and b; undefined when they differ by more than MAX_EDITS lines. */
const shortestEdit = (a: readonly string[], b: readonly string[]): Edit[] | undefined => {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace, offset);
    }
  }
  return undefined;
};

/** Walk the trace back from the end: trace[d] holds the furthest points before round d. */
const backtrack = (a: readonly string[], b: readonly string[], trace: readonly Int32Array[], offset: number): Edit[] => {
  const edits: Edit[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = v[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      edits.push({ kind: ' ', line: a[x] });
    }
    if (d > 0) {
      if (x === prevX) edits.push({ kind: '+', line: b[prevY] });
      else edits.push({ kind: '-', line: a[prevX] });
    }
    x = prevX;
    y = prevY;
  }
  return edits.reverse();
};

const indent = (line: string): number => line.length - line.trimStart().length;

/**
 * Slide each run of only added (or only removed) lines along the equal lines around it to where it
 * reads as a whole block: the position whose first and last lines are least indented (git's indent
 * heuristic, simplified). Minimal edit scripts are not unique; in XML, this one shows whole elements.
 */
const slideRuns = (edits: Edit[]): Edit[] => {
  const swap = (from: number, to: number): void => {
    const kind = edits[from].kind;
    edits[from] = { kind: ' ', line: edits[from].line };
    edits[to] = { kind, line: edits[to].line };
  };
  const score = (start: number, end: number): number => indent(edits[start].line) + indent(edits[end - 1].line);
  let i = 0;
  while (i < edits.length) {
    if (edits[i].kind === ' ') {
      i++;
      continue;
    }
    let end = i;
    while (end < edits.length && edits[end].kind === edits[i].kind) end++;
    const pure = (i === 0 || edits[i - 1].kind === ' ') && (end === edits.length || edits[end].kind === ' ');
    if (!pure) {
      i = end;
      continue;
    }
    let start = i;
    while (start > 0 && edits[start - 1].kind === ' ' && edits[start - 1].line === edits[end - 1].line) {
      swap(end - 1, start - 1);
      start--;
      end--;
    }
    let best = start;
    let bestScore = score(start, end);
    while (end < edits.length && edits[end].kind === ' ' && edits[end].line === edits[start].line) {
      swap(start, end);
      start++;
      end++;
      if (score(start, end) < bestScore) {
        best = start;
        bestScore = score(start, end);
      }
    }
    while (start > best) {
      swap(end - 1, start - 1);
      start--;
      end--;
    }
    i = end;
  }
  return edits;
};

const range = (start: number, count: number): string => (count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`);

/**
 * A unified diff from `before` to `after`, with `---`/`+++` headers naming `path` (as git does, a/ and
 * b/); a file that does not exist yet is /dev/null. Empty when the two are equal.
 */
export const unifiedDiff = (path: string, before: string | undefined, after: string): string => {
  if (before === after) return '';
  const a = splitLines(before ?? '');
  const b = splitLines(after);
  let edits = shortestEdit(a, b);
  if (!edits) {
    let prefix = 0;
    while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
    let suffix = 0;
    while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
    edits = [
      ...a.slice(0, prefix).map((line): Edit => ({ kind: ' ', line })),
      ...a.slice(prefix, a.length - suffix).map((line): Edit => ({ kind: '-', line })),
      ...b.slice(prefix, b.length - suffix).map((line): Edit => ({ kind: '+', line })),
      ...a.slice(a.length - suffix).map((line): Edit => ({ kind: ' ', line })),
    ];
  }
  edits = slideRuns(edits);
  const out = [`--- ${before === undefined ? '/dev/null' : `a/${path}`}`, `+++ b/${path}`];
  const changed = edits.map((e, i) => (e.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  let i = 0;
  while (i < changed.length) {
    // A hunk: changes no more than 2 × CONTEXT lines apart, with CONTEXT lines around them.
    let j = i;
    while (j + 1 < changed.length && changed[j + 1] - changed[j] <= 2 * CONTEXT + 1) j++;
    const from = Math.max(0, changed[i] - CONTEXT);
    const to = Math.min(edits.length, changed[j] + CONTEXT + 1);
    const oldStart = edits.slice(0, from).filter((e) => e.kind !== '+').length + 1;
    const newStart = edits.slice(0, from).filter((e) => e.kind !== '-').length + 1;
    const hunk = edits.slice(from, to);
    const oldCount = hunk.filter((e) => e.kind !== '+').length;
    const newCount = hunk.filter((e) => e.kind !== '-').length;
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`, ...hunk.map((e) => `${e.kind}${e.line}`));
    i = j + 1;
  }
  return `${out.join('\n')}\n`;
};

/**
 * The exit code of `format --check` and `generate --check` when files differ from what the command would
 * write: the plugin's code for "checked, and found a gap" (as `integration-user check` uses it), so a CI job
 * can tell drift from a command that could not run (1).
 */
export const DRIFT_EXIT_CODE = 100;
