import { expect } from 'chai';
import type { PlannedOrgSetting } from '../../src/resolve/model.js';
import { SECURITY_SETTINGS } from '../../src/metadata/schemas.js';
import { mergeSettings, renderSettings } from '../../src/render/settings.js';
import { validateAgainstMetadataXsd } from '../helpers/shared.js';

const AUDIT: PlannedOrgSetting = { settings: 'Security', field: 'enableAuditFieldsInactiveOwner', value: true, label: 'audit', because: [] };
const PATH = 'force-app/main/default/settings/Security.settings-meta.xml';

const file = (...body: string[]): string =>
  ['<?xml version="1.0" encoding="UTF-8"?>', '<SecuritySettings xmlns="http://soap.sforce.com/2006/04/metadata">', ...body, '</SecuritySettings>', ''].join('\n');

const merge = (existing: string, force = false) => mergeSettings(SECURITY_SETTINGS, [AUDIT], force)(existing, PATH);

describe('Security settings', () => {
  it('renders a new file holding only the preference, valid against the schema', async () => {
    const xml = renderSettings(SECURITY_SETTINGS, [AUDIT]);
    expect(xml).to.equal(file('    <enableAuditFieldsInactiveOwner>true</enableAuditFieldsInactiveOwner>'));
    expect(await validateAgainstMetadataXsd([{ fileName: 'Security.settings-meta.xml', contents: xml }])).to.deep.equal([]);
  });

  it('inserts the preference where the schema orders it, keeping everything else byte for byte', () => {
    const existing = file(
      '    <canUsersGrantLoginAccess>true</canUsersGrantLoginAccess>',
      '    <!-- kept: a comment of the user -->',
      '    <passwordPolicies>',
      '        <complexity>AlphaNumeric</complexity>',
      '        <enableAuditFieldsInactiveOwner-not-a-real-element-but-nested>x</enableAuditFieldsInactiveOwner-not-a-real-element-but-nested>',
      '    </passwordPolicies>',
      '    <sessionSettings>',
      '        <forceRelogin>true</forceRelogin>',
      '    </sessionSettings>'
    );
    const merged = merge(existing);
    expect(merged).to.deep.equal({
      content: file(
        '    <canUsersGrantLoginAccess>true</canUsersGrantLoginAccess>',
        '    <!-- kept: a comment of the user -->',
        '    <enableAuditFieldsInactiveOwner>true</enableAuditFieldsInactiveOwner>',
        '    <passwordPolicies>',
        '        <complexity>AlphaNumeric</complexity>',
        '        <enableAuditFieldsInactiveOwner-not-a-real-element-but-nested>x</enableAuditFieldsInactiveOwner-not-a-real-element-but-nested>',
        '    </passwordPolicies>',
        '    <sessionSettings>',
        '        <forceRelogin>true</forceRelogin>',
        '    </sessionSettings>'
      ),
    });
  });

  it('appends after the last element when everything present comes earlier, in the file\'s own indent', () => {
    const existing = file('\t<canUsersGrantLoginAccess>false</canUsersGrantLoginAccess>');
    expect(merge(existing)).to.deep.equal({
      content: file('\t<canUsersGrantLoginAccess>false</canUsersGrantLoginAccess>', '\t<enableAuditFieldsInactiveOwner>true</enableAuditFieldsInactiveOwner>'),
    });
  });

  it('leaves a file that already turns it on exactly as it is', () => {
    const existing = file('    <enableAuditFieldsInactiveOwner>true</enableAuditFieldsInactiveOwner>', '    <enableCoepHeader>false</enableCoepHeader>');
    expect(merge(existing)).to.deep.equal({ content: existing });
  });

  it('refuses to turn on what the user turned off, unless forced', () => {
    const existing = file('    <enableAuditFieldsInactiveOwner>false</enableAuditFieldsInactiveOwner>');
    const refused = merge(existing);
    expect(refused).to.have.property('conflict').that.includes(PATH).and.includes('sets enableAuditFieldsInactiveOwner to false');
    expect(merge(existing, true)).to.deep.equal({ content: file('    <enableAuditFieldsInactiveOwner>true</enableAuditFieldsInactiveOwner>') });
  });

  it('refuses a file it cannot read as SecuritySettings', () => {
    expect(merge('<?xml version="1.0"?>\n<Other xmlns="x"><a>1</a></Other>\n')).to.have.property('conflict').that.includes("isn't a SecuritySettings");
    expect(merge('<SecuritySettings><unclosed>')).to.have.property('conflict');
  });
});
