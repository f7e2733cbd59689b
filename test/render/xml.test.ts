import { expect } from 'chai';
import fc from 'fast-check';
import { PERMISSION_SET, SECURITY_SETTINGS, isEntry } from '../../src/metadata/schemas.js';
import { readPermissionSet } from '../../src/read/permission-set.js';
import { renderPermissionSet } from '../../src/render/permission-set.js';
import { UnknownElements, escapeXml, renderSourceXml } from '../../src/render/xml.js';
import { readSourceXml } from '../helpers/read-source.js';
import { corpusPermissionSets, corpusSources, validateAgainstMetadataXsd } from '../helpers/shared.js';
import { expectedCanonical, permissionSetArbitrary, scrambleArbitrary, scrambledXml } from '../helpers/permission-sets.js';

/** The corpus' Prettier-formatted files differ from a retrieve only in their declaration and line wrapping. */
const RETRIEVE_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const withRetrieveDeclaration = (xml: string): string => xml.replace('<?xml version="1.0" encoding="UTF-8" ?>', RETRIEVE_DECLARATION);
const unwrapPrettier = (xml: string): string => xml.replace(/<(\w+)\n\s*>/g, '<$1>');
const trimmedLines = (xml: string): string[] => xml.split('\n').map((l) => l.trim()).sort();

const canonical = (xml: string): string => renderPermissionSet(readPermissionSet(xml, 'corpus').permissionSet);

/**
 * What a file means, read by an independent reader (fast-xml-parser's plain mode, test/helpers): single
 * values, and each list as a set of entries. Two files mean the same when these are equal.
 */
const meaning = (xml: string): Record<string, unknown> => {
  const record = readSourceXml(PERMISSION_SET, xml);
  const lists = new Set(PERMISSION_SET.elements.filter(isEntry).map((e) => e.name));
  return Object.fromEntries(
    Object.entries(record).map(([name, value]) => [
      name,
      lists.has(name) && Array.isArray(value) ? value.map((entry) => JSON.stringify(Object.entries(entry).sort())).sort() : value,
    ])
  );
};

describe('canonical metadata XML', () => {
  describe('escaping', () => {
    it('escapes the five predefined entities as the Metadata API writes them, and nothing else', () => {
      expect(escapeXml(`Org Check's "users" & <admins>`)).to.equal('Org Check&apos;s &quot;users&quot; &amp; &lt;admins&gt;');
      expect(escapeXml('Café Übersicht – 50%')).to.equal('Café Übersicht – 50%');
    });

    it('writes descriptions as the corpus shows them retrieved', () => {
      const xml = renderSourceXml(PERMISSION_SET, { description: "Provides full control of Nebula Logger's data & custom features", label: 'L' });
      expect(xml).to.include("<description>Provides full control of Nebula Logger&apos;s data &amp; custom features</description>");
    });

    it('does not apply Handlebars HTML escaping to names or values', () => {
      const xml = renderSourceXml(PERMISSION_SET, { label: 'a=b `c`', userPermissions: [{ enabled: true, name: 'ViewAllData' }] });
      expect(xml).to.include('<label>a=b `c`</label>');
    });
  });

  describe('characters XML 1.0 cannot carry', () => {
    /** The error a render fails with: never a file with the character in it, nor one without it. */
    const refusal = (record: Parameters<typeof renderSourceXml>[1]): string => {
      try {
        const xml = renderSourceXml(PERMISSION_SET, record);
        return expect.fail(`expected a refusal, got ${JSON.stringify(xml)}`);
      } catch (error) {
        return (error as Error).message;
      }
    };

    it('refuses a control character in a single value, naming the element, instead of writing or dropping it', () => {
      expect(refusal({ label: 'Acme\u0001 Backup' })).to.equal("PermissionSet.label holds U+0001 at character 5, which XML 1.0 can't carry: nothing is written");
      expect(refusal({ label: 'L', description: 'a\u001b[31mred' })).to.match(/^PermissionSet.description holds U\+001B at character 2/);
    });

    it('refuses one in an entry, naming the list, the entry and the field', () => {
      const message = refusal({ label: 'L', userPermissions: [{ enabled: true, name: 'ApiEnabled' }, { enabled: true, name: 'View\u0000AllData' }] });
      expect(message).to.include('PermissionSet.userPermissions entry View\u0000AllData: <name> holds U+0000 at character 5');
    });

    it('refuses U+FFFE, U+FFFF and half a surrogate pair, in kept elements too; a whole pair, tab, LF and CR are written', () => {
      expect(refusal({ label: '\uFFFF' })).to.match(/^PermissionSet.label holds U\+FFFF at character 1/);
      expect(refusal({ label: 'a\uD83D' })).to.match(/^PermissionSet.label holds U\+D83D at character 2/);
      expect(refusal({ label: 'L', newElement: new UnknownElements([{ name: 'newElement', children: [{ name: 'inner', text: '\uFFFE' }] }]) })).to.match(
        /^PermissionSet.newElement.inner holds U\+FFFE at character 1/
      );
      expect(renderSourceXml(PERMISSION_SET, { label: 'Backup 😀', description: 'a\tb\r\nc' })).to.include('<label>Backup 😀</label>').and.include('<description>a\tb\r\nc</description>');
    });
  });

  describe('layout', () => {
    it('writes schema order, sorted entries, 4-space indent, a final newline', () => {
      const xml = renderSourceXml(PERMISSION_SET, {
        userPermissions: [
          { name: 'ViewSetup', enabled: true },
          { name: 'ApiEnabled', enabled: true },
        ],
        label: 'Example',
        fieldPermissions: [
          { field: 'Product__c.Material__c', readable: true, editable: false },
          { field: 'Product__c.MSRP__c', readable: true, editable: false },
        ],
        description: 'd',
      });
      expect(xml).to.equal(
        [
          RETRIEVE_DECLARATION,
          '<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">',
          '    <description>d</description>',
          '    <fieldPermissions>',
          '        <editable>false</editable>',
          '        <field>Product__c.MSRP__c</field>',
          '        <readable>true</readable>',
          '    </fieldPermissions>',
          '    <fieldPermissions>',
          '        <editable>false</editable>',
          '        <field>Product__c.Material__c</field>',
          '        <readable>true</readable>',
          '    </fieldPermissions>',
          '    <label>Example</label>',
          '    <userPermissions>',
          '        <enabled>true</enabled>',
          '        <name>ApiEnabled</name>',
          '    </userPermissions>',
          '    <userPermissions>',
          '        <enabled>true</enabled>',
          '        <name>ViewSetup</name>',
          '    </userPermissions>',
          '</PermissionSet>',
          '',
        ].join('\n')
      );
    });

    it('refuses elements and fields the schema does not have, rather than dropping them', () => {
      expect(() => renderSourceXml(PERMISSION_SET, { label: 'x', loginFlows: 'y' })).to.throw(/no element loginFlows/);
      expect(() => renderSourceXml(PERMISSION_SET, { label: 'x', userPermissions: [{ enabled: true, name: 'A', extra: 'z' }] })).to.throw(
        /no field extra/
      );
      expect(() => renderSourceXml(PERMISSION_SET, { label: 'x', objectPermissions: [{ object: 'Account', allowRead: true }] })).to.throw(
        /has no allowCreate/
      );
    });

    it('renders other settings types through the same template', () => {
      expect(renderSourceXml(SECURITY_SETTINGS, { enableAuditFieldsInactiveOwner: true })).to.equal(
        `${RETRIEVE_DECLARATION}\n<SecuritySettings xmlns="http://soap.sforce.com/2006/04/metadata">\n    <enableAuditFieldsInactiveOwner>true</enableAuditFieldsInactiveOwner>\n</SecuritySettings>\n`
      );
    });
  });

  describe('against 54 permission sets from public projects (shared/corpus)', () => {
    const corpus = corpusPermissionSets();
    const sources = corpusSources();

    it('reproduces every file a retrieve wrote in canonical form, byte for byte', () => {
      const exact = corpus.filter((f) => canonical(f.content) === withRetrieveDeclaration(f.content));
      // 38 files are canonical; the other 16 are hand-edited, Prettier-wrapped or have entries appended out of order (below).
      expect(exact.length).to.equal(38);
      for (const file of exact) expect(sources.get(file.name)?.looks_machine_retrieved, file.name).to.not.equal(undefined);
    });

    it('differs from the rest only by Prettier wrapping or entry order, unless the corpus marks the file hand-edited', () => {
      for (const file of corpus) {
        const original = withRetrieveDeclaration(file.content);
        const rendered = canonical(file.content);
        if (rendered === original) continue;
        const explained =
          unwrapPrettier(original) === rendered || JSON.stringify(trimmedLines(original)) === JSON.stringify(trimmedLines(rendered));
        if (!explained) expect(sources.get(file.name)?.looks_machine_retrieved, `${file.name} changed beyond order and wrapping`).to.equal('no');
      }
    });

    it('is a fixed point: canonical output renders to itself', () => {
      for (const file of corpus) {
        const once = canonical(file.content);
        expect(canonical(once), file.name).to.equal(once);
      }
    });

    it('means the same as the original for every file: same elements, same entries, same values', () => {
      for (const file of corpus) expect(meaning(canonical(file.content)), file.name).to.deep.equal(meaning(file.content));
    });

    it('writes only files valid against the Metadata API 67.0 schema, including for the 4 invalid originals', async () => {
      const originals = await validateAgainstMetadataXsd(corpus.map((f) => ({ fileName: f.name, contents: f.content })));
      expect(originals.length, 'the corpus has invalid originals to repair').to.be.greaterThan(0);
      const errors = await validateAgainstMetadataXsd(corpus.map((f) => ({ fileName: f.name, contents: canonical(f.content) })));
      expect(errors).to.deep.equal([]);
    });
  });

  describe('properties, over random permission sets (fast-check)', () => {
    it('reads any order, indent, declaration and escaping back to one canonical form', () => {
      fc.assert(
        fc.property(permissionSetArbitrary, scrambleArbitrary, (ps, scramble) => {
          expect(canonical(scrambledXml(ps, scramble))).to.equal(expectedCanonical(ps));
        }),
        { numRuns: 300 }
      );
    });

    it('is order-independent: two orderings of the same entries give the same bytes', () => {
      fc.assert(
        fc.property(permissionSetArbitrary, scrambleArbitrary, scrambleArbitrary, (ps, a, b) => {
          expect(canonical(scrambledXml(ps, a))).to.equal(canonical(scrambledXml(ps, b)));
        }),
        { numRuns: 200 }
      );
    });

    it('is idempotent: the canonical form of a canonical file is itself', () => {
      fc.assert(
        fc.property(permissionSetArbitrary, scrambleArbitrary, (ps, scramble) => {
          const once = canonical(scrambledXml(ps, scramble));
          expect(canonical(once)).to.equal(once);
        }),
        { numRuns: 200 }
      );
    });

    it('writes files valid against the Metadata API 67.0 schema', async () => {
      const samples = fc.sample(fc.tuple(permissionSetArbitrary, scrambleArbitrary), { numRuns: 50, seed: 67 });
      const files = samples.map(([ps, scramble], i) => ({ fileName: `random-${i}.xml`, contents: canonical(scrambledXml(ps, scramble)) }));
      expect(await validateAgainstMetadataXsd(files)).to.deep.equal([]);
    });
  });
});
