import { LineCounter, isMap, isScalar, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { quoteOfLine } from './line-index.js';

/** A path inside the document: keys and list indexes, e.g. ['userPermissions', 3, 'name']. */
export type DocumentPath = Array<string | number>;

/** A JSON Pointer (as ajv reports `instancePath`) as a document path: `/a/0/b` → ['a', 0, 'b']. */
export const pointerToPath = (pointer: string): DocumentPath =>
  pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));

/** One thing wrong with a profile file, where it is, and how to put it right. */
export type Problem = {
  path: DocumentPath;
  line?: number;
  column?: number;
  message: string;
  actions?: string[];
};

export type Position = { line: number; column: number };

/** A parsed profile file that can say where each of its values is. */
export type ProfileDocument = {
  data: unknown;
  /** Syntax problems: where there are any, `data` is not to be trusted. */
  problems: Problem[];
  /** Where the value at `path` starts; where `key` is given, where that key of the mapping at `path` is. Falls back to the closest parent. */
  positionOf(path: DocumentPath, key?: string): Position | undefined;
  /**
   * Where each item of the list at `path` starts, by index: as `positionOf([...path, index])`, with the way to
   * the list walked once for all its items (a large profile file has a list of 200,000).
   */
  itemPositions(path: DocumentPath): (index: number) => Position | undefined;
  /** What an item at a position quotes of its line: the line trimmed, or where it is long, the item's part of it. */
  quote(at: Position): string;
};

export type SyntaxMessages = {
  duplicateKey: (key: string) => string;
  syntax: (detail: string) => string;
  notJson: (detail: string) => string;
};

/**
 * Parse JSON or YAML with positions. JSON is read by the YAML parser too (a JSON document is YAML), so both
 * formats point at lines the same way; a .json file must also be JSON, which JSON.parse confirms.
 */
export const parseProfileDocument = (text: string, format: 'json' | 'yaml', messages: SyntaxMessages): ProfileDocument => {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const lines = text.split(/\r?\n/);

  const problems: Problem[] = doc.errors.map((error) => {
    const detail = error.message.split(/ at line \d+, column \d+/)[0];
    const key = /^(?:"([^"]*)"|'([^']*)'|([^:\s,{}[\]]+))/.exec(text.slice(error.pos[0]));
    const message = error.code === 'DUPLICATE_KEY' ? messages.duplicateKey(key?.[1] ?? key?.[2] ?? key?.[3] ?? '') : messages.syntax(detail);
    return { path: [], ...at(error.pos[0]), message };
  });
  if (problems.length === 0 && format === 'json') {
    try {
      JSON.parse(text);
    } catch (error) {
      const detail = (error as Error).message.replace(/ \(line \d+ column \d+\)$/, '');
      const offset = /at position (\d+)/.exec(detail)?.[1];
      problems.push({ path: [], ...(offset ? at(Number(offset)) : {}), message: messages.notJson(detail.replace(/ in JSON at position \d+/, '')) });
    }
  }

  let data: unknown;
  if (problems.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 1000 });
    } catch (error) {
      // An alias to no anchor, or too many aliases: the parse has no error for these, building the value throws.
      const detail = (error as Error).message;
      const alias = text.indexOf(`*${/: (\S+)$/.exec(detail)?.[1] ?? '\0'}`);
      problems.push({ path: [], ...(alias === -1 ? {} : at(alias)), message: messages.syntax(detail) });
    }
  }

  return {
    data,
    problems,
    positionOf: (path, key) => positionIn(doc, path, key, at),
    itemPositions: (path) => (index) => positionIn(doc, [...path, index], undefined, at),
    quote: ({ line, column }) => quoteOfLine(lines[line - 1] ?? '', column),
  };
};

type Ranged = { range?: [number, number, number] | null };

const positionIn = (doc: Document, path: DocumentPath, key: string | undefined, at: (offset: number) => Position): Position | undefined => {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = (depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true)) as Ranged | null | undefined;
    if (!node?.range) continue;
    if (key !== undefined && depth === path.length && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      const keyNode = pair?.key as Ranged | undefined;
      if (keyNode?.range) return at(keyNode.range[0]);
    }
    return at(node.range[0]);
  }
  return undefined;
};
