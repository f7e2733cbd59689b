import { expect } from 'chai';
import { userAccessPolicyFileMerge } from '../../src/merge/user-access-policy.js';
import { renderUserAccessPolicy, toUserAccessPolicySource } from '../../src/render/user-access-policy.js';
import type { PlannedUserAccessPolicy } from '../../src/resolve/model.js';

const POLICY: PlannedUserAccessPolicy = {
  fullName: 'OwnBackup_Authenticated_User_Policy',
  label: 'OwnBackup integration user',
  description: 'Grants it.',
  username: 'u@acme.example',
  triggerType: 'CreateAndUpdate',
  status: 'Design',
  grants: [
    { type: 'PermissionSetLicense', target: 'SalesforceAPIIntegrationPsl', label: 'Salesforce API Integration' },
    { type: 'PermissionSet', target: 'OwnBackup_Authenticated_User', label: 'OwnBackup' },
  ],
};
const PATH = 'force-app/main/default/useraccesspolicies/OwnBackup_Authenticated_User_Policy.useraccesspolicy-meta.xml';
const generated = toUserAccessPolicySource(POLICY);
const merge = (existing: string, force = false) => userAccessPolicyFileMerge(generated, POLICY.username, force)(existing, PATH);

const action = (a: string, target: string, type: string): string[] => [
  '    <userAccessPolicyActions>',
  `        <action>${a}</action>`,
  `        <target>${target}</target>`,
  `        <type>${type}</type>`,
  '    </userAccessPolicyActions>',
];
const usernameFilter = (value: string, sortOrder = '1'): string[] => [
  '    <userAccessPolicyFilters>',
  '        <columnName>Username</columnName>',
  '        <operation>equals</operation>',
  `        <sortOrder>${sortOrder}</sortOrder>`,
  '        <target>User</target>',
  '        <type>User</type>',
  `        <value>${value}</value>`,
  '    </userAccessPolicyFilters>',
];
const file = (...body: string[]): string =>
  ['<?xml version="1.0" encoding="UTF-8"?>', '<UserAccessPolicy xmlns="http://soap.sforce.com/2006/04/metadata">', ...body, '</UserAccessPolicy>', ''].join('\n');

describe('User Access Policy merge', () => {
  it('leaves the generated policy as it is: a second run changes nothing', () => {
    const content = renderUserAccessPolicy(generated);
    expect(merge(content)).to.deep.equal({ content });
  });

  it('keeps what the user has (an Active status, an order, a group, a second filter, an element of a newer API) and adds the missing grants, licenses first', () => {
    const existing = file(
      '    <booleanFilter>1 AND 2</booleanFilter>',
      '    <masterLabel>Own integration</masterLabel>',
      '    <newerElement>kept</newerElement>',
      '    <order>5</order>',
      '    <status>Active</status>',
      '    <triggerType>Create</triggerType>',
      ...action('Grant', 'Backup_Admins', 'Group'),
      ...usernameFilter('U@Acme.Example'),
      '    <userAccessPolicyFilters>',
      '        <columnName>IsActive</columnName>',
      '        <operation>equals</operation>',
      '        <sortOrder>2</sortOrder>',
      '        <target>User</target>',
      '        <type>User</type>',
      '        <value>true</value>',
      '    </userAccessPolicyFilters>'
    );
    const merged = merge(existing);
    expect(merged).to.deep.equal({
      content: file(
        '    <booleanFilter>1 AND 2</booleanFilter>',
        '    <description>Grants it.</description>',
        '    <masterLabel>Own integration</masterLabel>',
        '    <newerElement>kept</newerElement>',
        '    <order>5</order>',
        '    <status>Active</status>',
        '    <triggerType>Create</triggerType>',
        ...action('Grant', 'SalesforceAPIIntegrationPsl', 'PermissionSetLicense'),
        ...action('Grant', 'Backup_Admins', 'Group'),
        ...action('Grant', 'OwnBackup_Authenticated_User', 'PermissionSet'),
        ...usernameFilter('U@Acme.Example'),
        '    <userAccessPolicyFilters>',
        '        <columnName>IsActive</columnName>',
        '        <operation>equals</operation>',
        '        <sortOrder>2</sortOrder>',
        '        <target>User</target>',
        '        <type>User</type>',
        '        <value>true</value>',
        '    </userAccessPolicyFilters>'
      ),
    });
    if (!('content' in merged)) throw new Error('merged');
    expect(merge(merged.content)).to.deep.equal(merged);
  });

  it('refuses a policy that selects other users, naming the file, its filters and the username', () => {
    const other = file('    <booleanFilter>1</booleanFilter>', '    <masterLabel>x</masterLabel>', '    <status>Design</status>', ...usernameFilter('someone@acme.example'));
    expect(merge(other)).to.have.property('conflict').that.includes(PATH).and.includes('Username equals someone@acme.example').and.includes('not Username equals u@acme.example');
    expect(merge(other, true)).to.deep.equal({ content: renderUserAccessPolicy(generated) });
  });

  it('refuses a policy that revokes what the plan grants', () => {
    const revoking = file(
      '    <booleanFilter>1</booleanFilter>',
      '    <masterLabel>x</masterLabel>',
      '    <status>Design</status>',
      ...action('Revoke', 'OwnBackup_Authenticated_User', 'PermissionSet'),
      ...usernameFilter('u@acme.example')
    );
    expect(merge(revoking)).to.have.property('conflict').that.includes('has Revoke for PermissionSet OwnBackup_Authenticated_User');
  });

  it('refuses a file it cannot read, naming the file and line', () => {
    expect(() => merge(file('    <booleanFilter>1</booleanFilter>', '    <status>Design'))).to.throw(PATH);
  });
});
