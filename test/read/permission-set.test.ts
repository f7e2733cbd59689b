import { expect } from 'chai';
import { readPermissionSet } from '../../src/read/permission-set.js';
import { renderPermissionSet } from '../../src/render/permission-set.js';
import { UnknownElements } from '../../src/render/xml.js';
import { EVERY_ELEMENT, expectedCanonical, scrambledXml } from '../helpers/permission-sets.js';
import { validateAgainstMetadataXsd } from '../helpers/shared.js';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const file = (...lines: string[]): string => [DECLARATION, '<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">', ...lines, '</PermissionSet>', ''].join('\n');

const errorOf = (xml: string): Error => {
  try {
    readPermissionSet(xml, 'force-app/main/default/permissionsets/Mine.permissionset-meta.xml');
  } catch (error) {
    return error as Error;
  }
  return expect.fail('expected the file to be refused');
};

describe('reading permission set source files', () => {
  it('reads every element of the Metadata API 67.0 PermissionSet, as text', () => {
    const xml = scrambledXml(EVERY_ELEMENT, { order: [5, 3, 9, 1, 7, 2, 8, 0, 6, 4], indent: '\t', declaration: DECLARATION, finalNewline: false });
    const { permissionSet } = readPermissionSet(xml, 'x');
    expect(permissionSet).to.deep.equal(EVERY_ELEMENT);
    expect(permissionSet.objectPermissions?.[0].allowDelete).to.equal('true');
    expect(permissionSet.tabSettings?.[0].visibility).to.equal('Visible');
  });

  it('writes every element back in canonical form, valid against the schema', async () => {
    const canonical = renderPermissionSet(readPermissionSet(scrambledXml(EVERY_ELEMENT, { order: [3, 1, 2], indent: '  ', declaration: DECLARATION, finalNewline: true }), 'x').permissionSet);
    expect(canonical).to.equal(expectedCanonical(EVERY_ELEMENT));
    expect(await validateAgainstMetadataXsd([{ fileName: 'every.xml', contents: canonical }])).to.deep.equal([]);
  });

  it('keeps values exactly as written: no number or boolean coercion, whitespace kept', () => {
    const { permissionSet } = readPermissionSet(
      file('    <description>  0012 </description>', '    <hasActivationRequired>1</hasActivationRequired>', '    <label>1e3</label>'),
      'x'
    );
    expect(permissionSet).to.deep.equal({ description: '  0012 ', hasActivationRequired: '1', label: '1e3' });
  });

  it('decodes every entity and CDATA once, and writes them back as Salesforce does', () => {
    const xml = file('    <description>a &amp;amp; b &#39;c&#x27; &quot;d&quot; &lt;e&gt; <![CDATA[f & <g>]]></description>', '    <label>L</label>');
    const { permissionSet } = readPermissionSet(xml, 'x');
    expect(permissionSet.description).to.equal(`a &amp; b 'c' "d" <e> f & <g>`);
    expect(renderPermissionSet(permissionSet)).to.include(
      '<description>a &amp;amp; b &apos;c&apos; &quot;d&quot; &lt;e&gt; f &amp; &lt;g&gt;</description>'
    );
  });

  it('decodes references to every character XML 1.0 carries: tab, line breaks, the last of the BMP, past it', () => {
    const { permissionSet } = readPermissionSet(file('    <description>&#9;&#xA;&#13;&#xFFFD;&#x1F600;&#x10FFFF;</description>', '    <label>L</label>'), 'x');
    expect(permissionSet.description).to.equal('\t\n\r\uFFFD😀\u{10FFFF}');
  });

  it('keeps elements and fields a newer API version has, where a retrieve would put them', () => {
    const xml = file(
      '    <zNewerAccesses>',
      '        <enabled>true</enabled>',
      '        <zName>Z</zName>',
      '    </zNewerAccesses>',
      '    <label>L</label>',
      '    <userPermissions>',
      '        <name>ViewSetup</name>',
      '        <enabled>true</enabled>',
      '        <expiresOn>2027-01-01</expiresOn>',
      '    </userPermissions>',
      '    <isCustom>true</isCustom>',
      '    <zNewerAccesses><enabled>false</enabled><zName>A</zName></zNewerAccesses>'
    );
    const { permissionSet } = readPermissionSet(xml, 'x');
    expect(permissionSet.isCustom).to.be.instanceOf(UnknownElements);
    expect(permissionSet.userPermissions?.[0].expiresOn).to.be.instanceOf(UnknownElements);
    const canonical = renderPermissionSet(permissionSet);
    expect(canonical).to.equal(
      file(
        '    <isCustom>true</isCustom>',
        '    <label>L</label>',
        '    <userPermissions>',
        '        <enabled>true</enabled>',
        '        <expiresOn>2027-01-01</expiresOn>',
        '        <name>ViewSetup</name>',
        '    </userPermissions>',
        // Same-named unknown elements keep their file order: their key is not known.
        '    <zNewerAccesses>',
        '        <enabled>true</enabled>',
        '        <zName>Z</zName>',
        '    </zNewerAccesses>',
        '    <zNewerAccesses>',
        '        <enabled>false</enabled>',
        '        <zName>A</zName>',
        '    </zNewerAccesses>'
      )
    );
    expect(renderPermissionSet(readPermissionSet(canonical, 'x').permissionSet)).to.equal(canonical);
  });

  it('counts comments, which the canonical form leaves out as a retrieve does', () => {
    const { permissionSet, comments } = readPermissionSet(file('    <!-- Object Permissions -->', '    <label>L</label>', '    <!-- end -->'), 'x');
    expect(comments).to.equal(2);
    expect(renderPermissionSet(permissionSet)).to.equal(file('    <label>L</label>'));
  });

  describe('refuses what it cannot read, naming the file and line', () => {
    const path = 'force-app/main/default/permissionsets/Mine.permissionset-meta.xml';
    const cases: Array<{ what: string; xml: string; message: RegExp }> = [
      {
        what: 'a merge conflict marker',
        xml: file('    <label>L</label>', '<<<<<<< HEAD', '    <description>a</description>'),
        message: new RegExp(`^${path}:4:\\d+: isn't well-formed XML`),
      },
      { what: 'an unclosed tag', xml: file('    <label>L</label>', '    <userPermissions>', '        <name>A</name>'), message: /:\d+:\d+: isn't well-formed XML.*userPermissions/s },
      { what: 'another metadata type', xml: `${DECLARATION}\n<Profile xmlns="http://soap.sforce.com/2006/04/metadata">\n</Profile>\n`, message: /Mine.permissionset-meta.xml:2: the root element is <Profile>, and this file type has <PermissionSet>/ },
      { what: 'an entry missing a field', xml: file('    <label>L</label>', '    <userPermissions>', '        <name>A</name>', '    </userPermissions>'), message: /:4: <userPermissions> has no enabled/ },
      { what: 'a value given twice', xml: file('    <label>L</label>', '    <label>M</label>'), message: /:4: <label> appears twice in <PermissionSet>/ },
      { what: 'elements inside a value', xml: file('    <label>', '        <en>L</en>', '    </label>'), message: /:4: <label> holds child elements/ },
      { what: 'text beside elements', xml: file('    <label>L</label>', '    stray text'), message: /:2: <PermissionSet> mixes text with child elements/ },
      { what: 'an HTML entity', xml: file('    <label>Caf&eacute;</label>'), message: /:3: &eacute; isn't an entity XML knows/ },
      // XMLValidator lets these through; an XML 1.0 parser (the Metadata API's) refuses them.
      { what: 'a raw control character, at its line and column', xml: file('    <label>Acme\u0001</label>'), message: /:3:16: isn't well-formed XML: it holds U\+0001, a character XML 1.0 can't carry/ },
      { what: 'a raw control character in a comment', xml: file('    <!-- \u001b -->', '    <label>L</label>'), message: /:3:10: isn't well-formed XML: it holds U\+001B/ },
      { what: 'U+FFFE', xml: file('    <label>L</label>', '    <description>\uFFFE</description>'), message: /:4:18: isn't well-formed XML: it holds U\+FFFE/ },
      { what: 'a reference to a control character (XML 1.1 only)', xml: file('    <label>L</label>', '    <description>ab&#1;</description>'), message: /:4:20: isn't well-formed XML: &#1; refers to a character XML 1.0 can't carry/ },
      { what: 'a hexadecimal reference to NUL', xml: file('    <label>&#x0;</label>'), message: /:3:12: isn't well-formed XML: &#x0; refers to/ },
      { what: 'a reference to half a surrogate pair', xml: file('    <label>&#xD83D;</label>'), message: /:3:12: isn't well-formed XML: &#xD83D; refers to/ },
      { what: 'a reference past Unicode', xml: file('    <label>&#x110000;</label>'), message: /:3:12: isn't well-formed XML: &#x110000; refers to/ },
    ];
    for (const c of cases) {
      it(c.what, () => {
        const error = errorOf(c.xml);
        expect(error.message).to.match(c.message);
        expect(error.message).to.include(path).and.include('Nothing was written');
      });
    }
  });
});
