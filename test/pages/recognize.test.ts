import { expect } from 'chai';
import { textLines } from '../../src/pages/page.js';
import type { Page } from '../../src/pages/page.js';
import { recognize } from '../../src/pages/recognize/index.js';
import type { Finding } from '../../src/pages/findings.js';

const read = (text: string, format: 'text' | 'markdown' = 'text'): Finding[] => {
  const page: Page = { document: 'page.txt', format, lines: textLines(text, format) };
  return recognize(page);
};
const named = (findings: Finding[], kind = 'userPermission'): string[] => findings.filter((f) => f.kind === kind).map((f) => f.name);

describe('convert page: recognizers', () => {
  it('"X or Y": Y is an alternative, recommended with the words that offer it; "either" makes both alternatives', () => {
    const [api, apiOnly] = read('Permissions | Type |\nAPI Enabled or API Only User | System |');
    expect(api).to.include({ name: 'ApiEnabled', tier: 'required' });
    expect(apiOnly).to.include({ name: 'ApiUserOnly', tier: 'recommended' });
    expect(apiOnly.condition).to.include('Instead of API Enabled');
    const either = read('You need Modify All Data. Either this or Modify Metadata Through Metadata API Functions.').filter((f) => f.kind === 'userPermission');
    expect(either.map((f) => f.tier)).to.deep.equal(['recommended', 'recommended']);
  });

  it('a permission another turns on is drafted with a note saying so', () => {
    const findings = read('- Manage Users: Enabling this option automatically enables the following: Assign Permission Sets, View All Users.');
    expect(named(findings)).to.deep.equal(['ManageUsers', 'AssignPermissionSets', 'ViewAllUsers']);
    expect(findings[1].note).to.equal('turned on by Manage Users, as the page says');
  });

  it('a Setup menu path is not a permission; the admin\'s "User Permissions Needed" go to review', () => {
    expect(named(read('Find them in Setup > Manage Users > Permission Sets.'))).to.deep.equal([]);
    const admin = read('User Permissions Needed\nTo assign permission sets:\nAssign Permission Sets\nNote\nThe integration user needs API Enabled.');
    expect(admin.find((f) => f.name === 'AssignPermissionSets')?.review).to.include('admin who does the setup');
    expect(admin.find((f) => f.name === 'ApiEnabled')?.review).to.equal(undefined);
  });

  it('conditions from the line, the lead-in and the heading; required where nothing says otherwise', () => {
    const findings = read('# Setup\n\n- API Enabled\n\n## Optional features\n\n- Run Reports: if you use report sync\n', 'markdown');
    expect(findings.find((f) => f.name === 'ApiEnabled')).to.include({ tier: 'required' });
    expect(findings.find((f) => f.name === 'RunReports')).to.include({ tier: 'recommended', condition: 'If you use report sync' });
  });

  it('objects with access words, ✓ columns, and "the objects" of the list above', () => {
    const findings = read(
      ['Object | Read | Edit | Delete |', 'Accounts | ✓ | ✓ | |', 'Cases | ✓ | | ✓ |', 'If you use a private sharing model, also View All on these objects.'].join('\n')
    ).filter((f) => f.kind === 'objectPermission');
    expect(findings.map((f) => `${f.name} ${f.tier} ${f.access?.join(',')}`)).to.deep.equal([
      'Account required allowRead,allowEdit',
      'Case required allowRead,allowDelete',
      'Account recommended viewAllRecords',
      'Case recommended viewAllRecords',
    ]);
  });

  it('fields: Object.Field names, lists under an object, read or edit', () => {
    const findings = read('- Contact.Email and Lead.Email: read\n- Opportunity fields: Read and Edit StageName CloseDate\n').filter((f) => f.kind === 'fieldPermission');
    expect(findings.map((f) => `${f.name} ${f.editable ? 'edit' : 'read'}`)).to.deep.equal(['Contact.Email read', 'Lead.Email read', 'Opportunity.StageName edit', 'Opportunity.CloseDate edit']);
  });
  it('each run of objects takes the access written after it ("to Read Only"), else before it', () => {
    const findings = read('- Set Accounts and Contacts to Read/Write, and Products and Price Books to Read Only.').filter((f) => f.kind === 'objectPermission');
    expect(findings.map((f) => `${f.name} ${f.access?.join(',')}`)).to.deep.equal([
      'Account allowRead,allowEdit',
      'Contact allowRead,allowEdit',
      'Product2 allowRead',
      'Pricebook2 allowRead',
    ]);
  });

  it('a permission the page says not to grant goes to review; a custom object\'s label before its API name is not a standard object', () => {
    const findings = read('We do not recommend giving the user Modify All Data.\n- Beacon Events (beacon__Event__c): Read, Create');
    expect(findings.find((f) => f.name === 'ModifyAllData')?.review).to.equal('the page says not to grant it');
    expect(findings.filter((f) => f.kind === 'objectPermission').map((f) => f.name)).to.deep.equal(['beacon__Event__c']);
  });

  it('fields after "the following Lead and Contact fields", and a "Required?" column', () => {
    const fields = read('The user needs edit access to the following Lead and Contact fields: Email, Lead Status.').filter((f) => f.kind === 'fieldPermission');
    expect(fields.map((f) => `${f.name} ${f.editable ? 'edit' : 'read'}`)).to.deep.equal(['Lead.Email edit', 'Lead.Status edit', 'Contact.Email edit']);
    const rows = read('Permission | Required? | Why |\nAPI Enabled | Yes | Calls the API |\nBulk API Hard Delete | No | Purges records |');
    expect(rows.map((f) => `${f.name} ${f.tier}`)).to.deep.equal(['ApiEnabled required', 'BulkApiHardDelete recommended']);
  });
});
