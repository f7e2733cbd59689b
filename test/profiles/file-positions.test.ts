import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { parse } from 'yaml';
import type { DocumentPath, ProfileDocument } from '../../src/profiles/file-document.js';
import { parseProfileDocument } from '../../src/profiles/file-document.js';
import { readJsonDocument } from '../../src/profiles/json-document.js';

const FULL = fileURLToPath(new URL('../fixtures/profile-files/acme-backup.yaml', import.meta.url));
const MESSAGES = { duplicateKey: (key: string): string => `duplicate ${key}`, syntax: (d: string): string => d, notJson: (d: string): string => d };

/** Every path in a value, with the keys of each mapping, and paths that lead nowhere from each. */
const pathsIn = (value: unknown, at: DocumentPath = []): Array<{ path: DocumentPath; key?: string }> => {
  const here = [{ path: at }, { path: [...at, 'nowhere'] }, { path: [...at, 99] }, { path: at, key: 'nowhere' }];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => pathsIn(v, [...at, i]))];
  if (typeof value === 'object' && value !== null) {
    return [...here, ...Object.entries(value).flatMap(([k, v]) => [{ path: at, key: k }, ...pathsIn(v, [...at, k])])];
  }
  return here;
};

/** The JSON reader finds each place as the YAML reader with positions does: same line, same column. */
const expectSamePlaces = (text: string): ProfileDocument => {
  const fast = readJsonDocument(text);
  expect(fast, 'read without positions').to.not.equal(undefined);
  const exact = parseProfileDocument(text, 'json', MESSAGES);
  expect(exact.problems).to.deep.equal([]);
  expect(fast?.data).to.deep.equal(exact.data);
  for (const { path, key } of pathsIn(exact.data)) {
    expect(fast?.positionOf(path, key), `${JSON.stringify(path)} ${key ?? ''}`).to.deep.equal(exact.positionOf(path, key));
  }
  for (let line = 0; line <= text.split('\n').length + 1; line++) expect(fast?.lineText(line)).to.equal(exact.lineText(line));
  return fast as ProfileDocument;
};

describe('profile file positions: JSON read without positions, places found on demand', () => {
  const data = parse(readFileSync(FULL, 'utf8')) as unknown;

  it('points where the YAML reader does, in indented JSON', () => {
    expectSamePlaces(`${JSON.stringify(data, null, 2)}\n`);
  });

  it('points where the YAML reader does, in JSON on one line', () => {
    expectSamePlaces(JSON.stringify(data));
  });

  it('points where the YAML reader does, with spaces, tabs, CRLF, escapes and nesting written by hand', () => {
    const text = [
      '{ "vendor" : "acme",\t"name":"A \\"quoted\\" name: with a colon",',
      '  "summary": "ends with a backslash \\\\",  "pages" : [ ],',
      '  "permissionSet" :',
      '    {"name":"A_B","label":"x [y] {z}"},',
      '  "userPermissions": [',
      '',
      '    {"name": "ApiEnabled", "tier": "required", "reason": "r", "source": {"line": 3, "quote": "q"}} ,',
      '    { "name" : "ViewSetup" ,"tier":"recommended","reason":"\\u0072"}',
      '  ],',
      '  "n\\u0061me2": [[1, 2], [true, false, null], -1.5e3, {}]',
      '}',
    ].join('\r\n');
    const document = expectSamePlaces(text);
    expect(document.positionOf(['userPermissions', 1, 'reason'])).to.deep.equal({ line: 8, column: 59 });
  });

  it('leaves to the YAML reader what is not plain JSON, and a key repeated in an object', () => {
    expect(readJsonDocument('{ "a": 1, }')).to.equal(undefined);
    expect(readJsonDocument("{ 'a': 1 }")).to.equal(undefined);
    expect(readJsonDocument('')).to.equal(undefined);
    expect(readJsonDocument('{ "a": { "b": 1, "c": ":", "b": 2 } }')).to.equal(undefined);
    expect(readJsonDocument('[{ "a": 1 }, { "a": 2, "a\\"": 3, "\\u0061": 4 }]')).to.equal(undefined);
    expect(readJsonDocument('[{ "a": 1 }, { "a": 2, "a\\"": 3, "b": " : " }]')?.data).to.deep.equal([{ a: 1 }, { a: 2, 'a"': 3, b: ' : ' }]);
  });
});
