import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { USER_ACCESS_POLICY, USER_MANAGEMENT_SETTINGS } from '../../src/metadata/schemas.js';
import { readSourceXml } from '../../src/read/source-xml.js';
import { renderUserAccessPolicy, toUserAccessPolicySource } from '../../src/render/user-access-policy.js';
import { renderSettings, mergeSettings } from '../../src/render/settings.js';
import { findProfile } from '../../src/profiles/index.js';
import { resolvePlan } from '../../src/resolve/resolve.js';
import { checkUsername, policyName, withUserAccessPolicy } from '../../src/resolve/user-access-policy.js';
import { validateAgainstMetadataXsd } from '../helpers/shared.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/metadata/${name}`, import.meta.url), 'utf8');

describe('User Access Policy: the Metadata API documentation\'s examples', () => {
  // test/fixtures/metadata/README.md: transcribed from the Metadata API Developer Guide's UserAccessPolicy page.
  for (const name of ['Sales_Rep_Migration.useraccesspolicy-meta.xml', 'Remove_AMER_Sales_Group.useraccesspolicy-meta.xml']) {
    it(`${name}: read and written back byte for byte (element names, their order, actions and filters in their order)`, () => {
      const xml = fixture(name);
      const { record } = readSourceXml(USER_ACCESS_POLICY, xml, name);
      expect(Object.keys(record).every((key) => USER_ACCESS_POLICY.elements.some((e) => e.name === key)), 'every element known to the schema').to.equal(true);
      expect(renderUserAccessPolicy(record)).to.equal(xml);
    });
  }

  it('keeps the filters in the order given, not sorted by text (sortOrder 10 after 2)', () => {
    const filters = ['2', '10'].map((sortOrder) => ({ operation: 'equals', sortOrder, target: `P${sortOrder}`, type: 'Profile' }));
    const xml = renderUserAccessPolicy({ booleanFilter: '2 OR 10', masterLabel: 'x', status: 'Design', userAccessPolicyFilters: filters });
    expect(xml.indexOf('<sortOrder>2</sortOrder>')).to.be.lessThan(xml.indexOf('<sortOrder>10</sortOrder>'));
  });
});

describe('User Access Policy for a plan (generate --username)', () => {
  const plan = withUserAccessPolicy(resolvePlan(findProfile('ownbackup'), { variant: 'api-only' }), 'u@acme.example');
  const policy = plan.userAccessPolicy!;

  it('ownbackup api-only: grants the licenses first (Salesforce API Integration among them), then the permission sets', () => {
    expect(policy.grants.map((g) => `${g.type} ${g.target}`)).to.deep.equal([
      ...plan.permissionSetLicenses.map((l) => `PermissionSetLicense ${l.name}`),
      `PermissionSet ${plan.permissionSet.fullName}`,
      ...plan.permissionSetAssignments.map((a) => `PermissionSet ${a.name}`),
    ]);
    expect(policy.grants.map((g) => g.target)).to.include.members(['SalesforceAPIIntegrationPsl', 'OwnBackup_Authenticated_User']);
    expect(policy).to.include({ fullName: 'OwnBackup_Authenticated_User_Policy', username: 'u@acme.example', status: 'Design', triggerType: 'CreateAndUpdate' });
  });

  it('renders the user selected by Username equals, Design status, on create and update', () => {
    const xml = renderUserAccessPolicy(toUserAccessPolicySource(policy));
    const { record } = readSourceXml(USER_ACCESS_POLICY, xml, 'policy');
    expect(record).to.include({ booleanFilter: '1', status: 'Design', triggerType: 'CreateAndUpdate' });
    expect(record.userAccessPolicyFilters).to.deep.equal([
      { columnName: 'Username', operation: 'equals', sortOrder: '1', target: 'User', type: 'User', value: 'u@acme.example' },
    ]);
    expect((record.userAccessPolicyActions as Array<Record<string, string>>).map((a) => a.action)).to.deep.equal(policy.grants.map(() => 'Grant'));
    expect(record.order, 'no order: only an Active policy needs one').to.equal(undefined);
  });

  it('adds the User Management preferences policies need, schema-valid', async () => {
    const settings = plan.orgSettings.filter((s) => s.settings === 'UserManagement');
    expect(settings.map((s) => s.field)).to.deep.equal(['enableEnhcUiUserAccessPolicies', 'userAccessPoliciesEnabled']);
    const xml = renderSettings(USER_MANAGEMENT_SETTINGS, settings);
    expect(await validateAgainstMetadataXsd([{ fileName: 'UserManagement.settings-meta.xml', contents: xml }])).to.deep.equal([]);
    const existing = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<UserManagementSettings xmlns="http://soap.sforce.com/2006/04/metadata">',
      '    <enableEnhancedPermsetMgmt>true</enableEnhancedPermsetMgmt>',
      '    <userFieldHistoryTracking>true</userFieldHistoryTracking>',
      '</UserManagementSettings>',
      '',
    ].join('\n');
    const merged = mergeSettings(USER_MANAGEMENT_SETTINGS, settings, false)(existing, 'UserManagement.settings-meta.xml');
    expect(merged).to.deep.equal({
      content: [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<UserManagementSettings xmlns="http://soap.sforce.com/2006/04/metadata">',
        '    <enableEnhancedPermsetMgmt>true</enableEnhancedPermsetMgmt>',
        '    <enableEnhcUiUserAccessPolicies>true</enableEnhcUiUserAccessPolicies>',
        '    <userAccessPoliciesEnabled>true</userAccessPoliciesEnabled>',
        '    <userFieldHistoryTracking>true</userFieldHistoryTracking>',
        '</UserManagementSettings>',
        '',
      ].join('\n'),
    });
    const off = existing.replace('<userFieldHistoryTracking>true', '<userAccessPoliciesEnabled>false</userAccessPoliciesEnabled>\n    <userFieldHistoryTracking>true');
    expect(mergeSettings(USER_MANAGEMENT_SETTINGS, settings, false)(off, 'UserManagement.settings-meta.xml'))
      .to.have.property('conflict')
      .that.includes('sets userAccessPoliciesEnabled to false');
  });

  it('refuses a username that is not in email form, naming it', () => {
    // A control character would reach the policy's filter value, which XML 1.0 can't carry.
    for (const bad of ['integration', 'u@acme', 'two words@acme.com', `${'a'.repeat(80)}@acme.com`, 'u\u0001@acme.com', 'u@acme.c\u001bom']) {
      expect(() => checkUsername(bad), bad).to.throw(`--username "${bad}" isn't a Salesforce username`);
    }
    expect(checkUsername('ownbackup+prod@acme.co.uk')).to.equal('ownbackup+prod@acme.co.uk');
  });

  it('names the policy after the permission set, within a developer name\'s 40 characters', () => {
    expect(policyName('Salesforce_Backup_Object_Access')).to.equal('Salesforce_Backup_Object_Access_Policy');
    const long = policyName('A_Very_Long_Permission_Set_Name_For_Acme_Backup');
    expect(long).to.have.length.at.most(40);
    expect(long).to.match(/^[A-Za-z]\w*[^_]_Policy$/);
  });
});
