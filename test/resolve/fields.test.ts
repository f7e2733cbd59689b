import { expect } from 'chai';
import { classifyField, mergeFieldPermissions } from '../../src/resolve/fields.js';
import { readTable } from '../../src/reference/tables.js';
import type { Because, PlannedFieldPermission } from '../../src/resolve/model.js';

describe('field-level security: which fields a permission set can name', () => {
  it('covers fields the platform always grants: audit and system fields, owner, Name, record type', () => {
    for (const field of ['Account.CreatedById', 'Contact.CreatedDate', 'Event.LastModifiedById', 'Lead.OwnerId', 'Contact.Name', 'Account.Name', 'Opportunity.RecordTypeId', 'Account.Id']) {
      expect(classifyField(field).kind, field).to.equal('covered');
    }
  });

  it('covers required fields: created with a value that can never be empty', () => {
    for (const field of ['Opportunity.StageName', 'Opportunity.CloseDate', 'Lead.Status', 'Task.Status', 'Task.Priority']) {
      expect(classifyField(field), field).to.deep.equal({ kind: 'covered', why: 'required fields are always readable' });
    }
  });

  it('writes optional fields, checkboxes and formula or roll-up fields', () => {
    for (const field of ['Account.AnnualRevenue', 'Contact.Title', 'Account.BillingAddress', 'Opportunity.Probability', 'Contact.DoNotCall', 'Campaign.NumberOfLeads', 'Task.WhatId', 'Opportunity.ExpectedRevenue']) {
      expect(classifyField(field), field).to.deep.equal({ kind: 'permissionable', verified: true });
    }
  });

  it('writes custom fields, marked as only the org can confirm them', () => {
    expect(classifyField('Event.peopleai__Created_by_PeopleAI__c')).to.deep.equal({ kind: 'permissionable', verified: false });
    expect(classifyField('Account.Name__c')).to.deep.equal({ kind: 'permissionable', verified: false });
    // Why a custom field is settled by its suffix alone: the bundled table of standard fields holds none.
    expect(readTable('standard-object-fields.tsv').filter((row) => row.field.endsWith('__c'))).to.deep.equal([]);
  });

  it('leaves out fields that exist only with a feature', () => {
    const verdict = classifyField('Opportunity.Territory2Id');
    expect(verdict.kind).to.equal('feature-dependent');
    expect(verdict.kind === 'feature-dependent' && verdict.why).to.include('Enterprise Territory Management');
  });

  it('merges the entries of a field into one, in field order: edit where any asks, every reason in the order given', () => {
    const reason = (text: string): Because => ({ from: 'vendor', tier: 'required', reason: text, source: { document: 'x.md', line: 1, quote: text } });
    const entry = (field: string, editable: boolean, verified: boolean, text: string): PlannedFieldPermission => ({ field, readable: true, editable, verified, because: [reason(text)] });
    const planned = [entry('Contact.Title', false, true, 'a'), entry('Account.Name__c', false, false, 'b'), entry('Contact.Title', true, false, 'c'), entry('Account.Industry', false, true, 'd'), entry('Contact.Title', false, false, 'e')];
    const before = JSON.stringify(planned);
    const merged = mergeFieldPermissions(planned);
    expect(merged.map((f) => `${f.field} ${f.editable} ${f.verified} ${f.because.map((b) => (b.from === 'vendor' ? b.reason : '')).join('')}`)).to.deep.equal([
      'Account.Industry false true d',
      'Account.Name__c false false b',
      'Contact.Title true true ace',
    ]);
    // The entries given are left as they were.
    expect(JSON.stringify(planned)).to.equal(before);
  });

  it('merges the same way entries already in field order, and leaves them as they were', () => {
    const reason = (text: string): Because => ({ from: 'vendor', tier: 'required', reason: text, source: { document: 'x.md', line: 1, quote: text } });
    const entry = (field: string, editable: boolean, text: string): PlannedFieldPermission => ({ field, readable: true, editable, verified: true, because: [reason(text)] });
    const planned = [entry('Account.Industry', false, 'a'), entry('Account.Industry', true, 'b'), entry('Contact.Title', false, 'c')];
    const before = JSON.stringify(planned);
    const merged = mergeFieldPermissions(planned);
    expect(merged.map((f) => `${f.field} ${f.editable} ${f.because.map((b) => (b.from === 'vendor' ? b.reason : '')).join('')}`)).to.deep.equal([
      'Account.Industry true ab',
      'Contact.Title false c',
    ]);
    expect(merged).to.not.equal(planned);
    expect(JSON.stringify(planned)).to.equal(before);
  });
});
