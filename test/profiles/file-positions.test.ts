import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import fc from 'fast-check';
import { Scalar, isScalar, parse, parseDocument, stringify } from 'yaml';
import type { DocumentPath, ProfileDocument } from '../../src/profiles/file-document.js';
import { parseProfileDocument } from '../../src/profiles/file-document.js';
import { readJsonDocument } from '../../src/profiles/json-document.js';
import { readYamlDocument } from '../../src/profiles/yaml-document.js';

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

/** Each list's items placed at once, as each item's own path places it, past the last item and off a list too. */
const expectSameItemPlaces = (document: ProfileDocument, exact: ProfileDocument): void => {
  for (const { path, key } of pathsIn(exact.data)) {
    if (key !== undefined) continue;
    const itemAt = document.itemPositions(path);
    const value = path.reduce<unknown>((v, part) => (v as Record<string | number, unknown> | undefined)?.[part], exact.data);
    const count = Array.isArray(value) ? value.length : 0;
    for (let i = 0; i <= count; i++) {
      expect(itemAt(i), `${JSON.stringify(path)} item ${i}`).to.deep.equal(document.positionOf([...path, i]));
      expect(exact.itemPositions(path)(i), `${JSON.stringify(path)} item ${i}, read with positions`).to.deep.equal(exact.positionOf([...path, i]));
    }
  }
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
  expectSameItemPlaces(fast as ProfileDocument, exact);
  for (let line = 0; line <= text.split('\n').length + 1; line++) expect(fast?.quote({ line, column: 1 })).to.equal(exact.quote({ line, column: 1 }));
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
    // Colons in keys and values are no keys; a repeated key is found whatever the strings hold.
    expect(readJsonDocument('{ "a:b": "c:d::", "e": [":", { "f": ":" }] }')?.data).to.deep.equal({ 'a:b': 'c:d::', e: [':', { f: ':' }] });
    expect(readJsonDocument('{ "a": "x:y", "a": "z" }')).to.equal(undefined);
    expect(readJsonDocument('{ "a": "x", "b": { "a": 1 }, "a": "x" }')).to.equal(undefined);
    // An escaped colon is no key.
    expect(readJsonDocument('{ "a": 1, "a": 2, "b": "\\u003a" }')).to.equal(undefined);
    expect(readJsonDocument('{ "a": 1, "b": "\\u003a" }')?.data).to.deep.equal({ a: 1, b: ':' });
  });
});

/** js-yaml reads the text as the YAML reader with positions does: same data, each place on the same line and column. */
const expectSameInYaml = (text: string): ProfileDocument => {
  const exact = parseProfileDocument(text, 'yaml', MESSAGES);
  expect(exact.problems, text).to.deep.equal([]);
  const fast = readYamlDocument(text);
  expect(fast, `read with js-yaml:\n${text}`).to.not.equal(undefined);
  expect(fast?.data, text).to.deep.equal(exact.data);
  // js-yaml's events keep no start for a block or empty scalar: the parent's stands for it.
  const nodes = parseDocument(text);
  const expectedAt = (path: DocumentPath, key?: string): ReturnType<ProfileDocument['positionOf']> => {
    let depth = path.length;
    while (depth > 0 && nodes.getIn(path.slice(0, depth), true) === undefined) depth--;
    const node = depth === 0 ? nodes.contents : nodes.getIn(path.slice(0, depth), true);
    const unplaced = isScalar(node) && (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED || (node.type === Scalar.PLAIN && node.source === ''));
    return unplaced ? exact.positionOf(path.slice(0, depth - 1)) : exact.positionOf(path, key);
  };
  for (const { path, key } of pathsIn(exact.data)) {
    expect(fast?.positionOf(path, key), `${JSON.stringify(path)} ${key ?? ''} in\n${text}`).to.deep.equal(expectedAt(path, key));
  }
  expectSameItemPlaces(fast as ProfileDocument, exact);
  for (let line = 0; line <= text.split('\n').length + 1; line++) expect(fast?.quote({ line, column: 1 })).to.equal(exact.quote({ line, column: 1 }));
  return fast as ProfileDocument;
};

describe('profile file positions: YAML read with js-yaml, places found on demand', () => {
  it('reads the example profile file as the YAML reader does, every place included', () => {
    expectSameInYaml(readFileSync(FULL, 'utf8'));
  });

  it('reads block and flow styles, quoting, comments, block scalars and CRLF as the YAML reader does', () => {
    const text = [
      '--- # a profile',
      'vendor: "acme" # quoted',
      "name: 'It''s Acme'",
      'summary: >-',
      '  folded over',
      '  two lines',
      'notes: |',
      '  literal',
      '    indented',
      'userPermissions:',
      '  -',
      '    name: ApiEnabled',
      '    reason: "escapes \\t \\u00e9 \\x41"',
      '  - # the second',
      '    name: ViewSetup',
      '    reason: a plain scalar',
      '      over two lines',
      '  - {name: ViewAllData, "tier": required, reason: [a, {b: c}]}',
      '  - ? name',
      '    : ModifyAllData',
      '    "quoted key": 1',
      "    'single': 2",
      'nested:',
      '- - a',
      '  - b',
      '- []',
      '- {}',
      'empty:',
      'tab:\tvalue',
      '...',
      '',
    ];
    expectSameInYaml(text.join('\n'));
    expectSameInYaml(text.join('\r\n'));
  });

  it('means by each plain scalar what the YAML reader means: the YAML 1.2 core schema in both', () => {
    const scalars = ['yes', 'no', 'on', 'off', 'y', 'n', 'Yes', 'NO', 'True', 'TRUE', 'true', 'tRue', 'False', 'null', 'Null', 'NULL', '~', '', 'nULL'];
    scalars.push('017', '0o17', '0O17', '0x1F', '0X1F', '0b101', '1_000', '+12', '-12', '1e3', '1.5e+3', '.5', '5.', '.inf', '-.Inf', '.nan', '.NaN');
    scalars.push('1:20', '12:30:45', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '0', '-0', '00', '0.0', '99999999999999999999', '08', 'Infinity', 'NaN', '1,000');
    expectSameInYaml(scalars.map((scalar, i) => `k${i}: ${scalar}\n`).join(''));
    expectSameInYaml(`list:\n${scalars.map((scalar) => `  - ${scalar}\n`).join('')}`);
  });

  it('leaves to the YAML reader what js-yaml could mean otherwise, or refuses', () => {
    const refused = [
      '%YAML 1.1\n---\nk: yes\n', // YAML 1.1: a boolean there, a string in js-yaml
      'k: !!binary aGk=\n',
      'k: !custom value\n',
      'k: !!str 12\n',
      'a: &x {b: 1}\nc: *x\n',
      'a: &x {b: 1}\n<<: *x\n', // a merge key: a key like any other in YAML 1.2, yet an alias
      'a: 1\nb: 2\na: 3\n', // js-yaml refuses a repeated key; the YAML reader says where
      'a: {b: 1, "b": 2}\n',
      'null: 1\n',
      '~: 1\n',
      '1: one\n',
      'true: 1\n',
      '.5: half\n',
      '[a, b]: 1\n',
      '? {a: 1}\n: 2\n',
      'a: 1\n---\nb: 2\n',
      '',
      '# nothing\n',
      'a: [1, 2\n',
      'a:\n  - b\n  c: d\n',
    ];
    for (const text of refused) expect(readYamlDocument(text), text).to.equal(undefined);
    expect(readYamlDocument('Null_ok: 1\ntrue_ish: 2\n$x: 3\n_y: 4\n')?.data).to.deep.equal({ Null_ok: 1, true_ish: 2, $x: 3, _y: 4 });
  });

  it('reads what the yaml library writes, in any style, as the YAML reader does', () => {
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('list'), tie('map')),
      leaf: fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ maxLength: 6 }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null)),
      list: fc.array(tie('node'), { maxLength: 4 }),
      map: fc.dictionary(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 }), tie('node'), { maxKeys: 4 }),
    }));
    const style = fc.record({
      defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
      defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
      collectionStyle: fc.constantFrom('any', 'block', 'flow'),
      indent: fc.integer({ min: 1, max: 4 }),
      lineWidth: fc.constantFrom(0, 20, 80),
    }) as fc.Arbitrary<Parameters<typeof stringify>[2] & object>;
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 }), value.node, { minKeys: 1, maxKeys: 5 }), style, (data, options) => {
        const text = stringify(data, options);
        // Where js-yaml declines (a key the core schema reads as a number, say), the YAML reader reads it.
        if (readYamlDocument(text) !== undefined) expectSameInYaml(text);
      }),
      { numRuns: Number(process.env.RUNS ?? 300) }
    );
  });
});
