import { expect } from 'chai';
import { readTable } from '../../src/reference/tables.js';
import { bundledCatalog } from '../../src/resolve/catalog.js';
import { vocabulary } from '../../src/pages/vocabulary.js';
import { wordsOf } from '../../src/pages/words.js';
import { resolveField } from '../../src/pages/recognize/fields.js';
import { objectMentions } from '../../src/pages/recognize/objects.js';

describe('convert page: the vocabulary', () => {
  it('every alias names a user permission the catalog knows, and every standard object and User field is named once', () => {
    for (const row of readTable('user-permission-aliases.tsv')) expect(bundledCatalog().has(row.name), `${row.alias} → ${row.name}`).to.equal(true);
    const objects = readTable('standard-object-labels.tsv').map((r) => r.object);
    expect(new Set(objects).size).to.equal(objects.length);
    const userFields = readTable('user-fields.tsv').map((r) => r.field);
    const known = new Set(readTable('standard-object-fields.tsv').filter((r) => r.object === 'User').map((r) => r.field));
    for (const field of userFields) expect(known.has(field), field).to.equal(true);
  });

  it('reads labels, plurals and run-together words; not an object inside another word, nor an everyday word at a sentence start', () => {
    const found = (text: string): string[] => vocabulary().permissions.find(wordsOf(text)).map((m) => m.value[0].name);
    expect(found('Manage Internal UsersManage IP Addresses')).to.deep.equal(['ManageInternalUsers', 'ManageIpAddresses']);
    expect(found('View Role and Role Hierarchy')).to.deep.equal(['ViewRoles']);
    expect(found('Modify all data at the org level')).to.deep.equal(['ModifyAllData']);
    const objects = (text: string): string[] => objectMentions(text, wordsOf(text)).map((o) => o.object);
    expect(objects('Opportunities and Opportunity Contact Roles')).to.deep.equal(['Opportunity', 'OpportunityContactRole']);
    expect(objects('UserGems will need access')).to.deep.equal([]);
    expect(objects('Case: Read')).to.deep.equal(['Case']);
    expect(objects('Case studies show it. In case of doubt')).to.deep.equal([]);
    expect(objects('Invoice__c and acme__Order_Line__c')).to.deep.equal(['Invoice__c', 'acme__Order_Line__c']);
  });

  it('resolves field names as pages write them', () => {
    expect(resolveField('Task', 'WhoID')).to.equal('WhoId');
    expect(resolveField('Opportunity', 'Is Closed')).to.equal('IsClosed');
    expect(resolveField('Lead', 'Owner')).to.equal('OwnerId');
    expect(resolveField('Account', 'Account Name')).to.equal('Name');
    expect(resolveField('Opportunity', 'Related account name')).to.equal('AccountId');
    expect(resolveField('Account', 'DNC Synced')).to.equal(undefined);
    expect(resolveField('Invoice__c', 'Total__c')).to.equal('Total__c');
  });
});
