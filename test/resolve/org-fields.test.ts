import { expect } from 'chai';
import { AuthInfo, Connection, SfError } from '@salesforce/core';
import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import type { JsonMap } from '@salesforce/ts-types';
import { findProfile } from '../../src/profiles/index.js';
import type { ResolveOptions } from '../../src/resolve/resolve.js';
import { resolvePlan } from '../../src/resolve/resolve.js';
import { readOrgFields } from '../../src/org/fields.js';
import type { FieldSchema, ObjectSchema } from '../../src/org/schema.js';
import { orgFieldVerdict } from '../../src/resolve/org-fields.js';
import type { IntegrationUserPlan } from '../../src/resolve/model.js';
import { FakeOrg, fixture, recordedDescribe, recordedOrg } from '../helpers/org.js';

/**
 * The org answers with recorded responses shaped as the REST API Developer Guide documents them (Describe Global,
 * sObject Describe, Composite; pages in test/fixtures/org/README.md). Orgs the fixtures don't cover are built from
 * the recorded field describes, renamed.
 */
describe('field permissions from the org (--target-org --all-fields)', () => {
  const $$ = new TestContext();
  const testOrg = new MockTestOrgData();
  let conn: Connection;

  beforeEach(async () => {
    await $$.stubAuths(testOrg);
    conn = await Connection.create({ authInfo: await AuthInfo.create({ username: testOrg.username }) });
  });

  const planFrom = async (org: FakeOrg, vendor: string, options: ResolveOptions = {}): Promise<IntegrationUserPlan> => {
    $$.fakeConnectionRequest = org.handle;
    const profile = findProfile(vendor);
    return resolvePlan(profile, { ...options, orgFields: await readOrgFields(conn, profile, options) });
  };
  const fields = (plan: IntegrationUserPlan, object?: string): string[] =>
    plan.permissionSet.fieldPermissions
      .filter((f) => !object || f.field.startsWith(`${object}.`))
      .map((f) => `${f.field}${f.editable ? ' (edit)' : ''}`);

  describe('a multi-object org', () => {
    it('GRAX: every permissionable field of every object the org lists, edit where updateable (Modify All Data)', async () => {
      const org = recordedOrg();
      const plan = await planFrom(org, 'grax');
      expect(fields(plan)).to.deep.equal([
        'Account.AnnualRevenue (edit)',
        'Account.BillingCity (edit)',
        'Account.Description (edit)',
        'Account.Health_Score__c',
        'Account.ParentId (edit)',
        'Account.Region__c (edit)',
        'Account.Type (edit)',
        'Contact.AccountId (edit)',
        'Contact.Birthdate (edit)',
        'Contact.Email (edit)',
        'Contact.FirstName (edit)',
        'Invoice_Line__c.Amount__c (edit)',
        'Invoice_Line__c.Line_Total__c',
        'Invoice__c.Account__c (edit)',
        'Invoice__c.Due_Date__c (edit)',
        'Invoice__c.Invoice_Number__c',
        'Invoice__c.Status__c (edit)',
        'Invoice__c.Total__c',
      ]);
      expect(plan.permissionSet.fieldPermissions.every((f) => f.verified && f.because.every((b) => b.from === 'org'))).to.equal(true);
      expect(plan.permissionSet.fieldPermissions[0].because[0]).to.deep.equal({
        from: 'org',
        evidence: "From the org's describe of Account (updateable); the vendor writes to this object.",
      });
      // One global describe, then one Composite request for the four queryable objects (the change event isn't queryable).
      expect(org.requests.map((r) => `${r.method} ${r.url.replace(/v\d+\.\d/, 'vXX.X')} ${r.subrequests}`)).to.deep.equal([
        'GET /services/data/vXX.X/sobjects 0',
        'POST /services/data/vXX.X/composite 4',
      ]);
    });

    it("checks the vendor's object names against the org's global describe, non-queryable objects included", async () => {
      const org = recordedOrg();
      $$.fakeConnectionRequest = org.handle;
      const source = { line: 1, quote: 'q' };
      const profile = { ...findProfile('grax'), fieldPermissions: [{ field: 'Invoce__c.Total__c', editable: false, tier: 'required' as const, reason: 'r', source }] };
      const orgFields = await readOrgFields(conn, profile, {});
      expect([...(orgFields.globalObjects ?? [])]).to.deep.equal(['Account', 'AccountChangeEvent', 'Contact', 'Invoice_Line__c', 'Invoice__c']);
      expect(() => resolvePlan(profile, { orgFields })).to.throw('fieldPermissions[0].field: "Invoce__c" isn\'t an object of the org; closest: Invoice__c');
    });

    it('never writes required, master-detail or system fields, nor edit on formula, roll-up summary or auto-number fields', async () => {
      const plan = await planFrom(recordedOrg(), 'grax');
      const written = new Set(plan.permissionSet.fieldPermissions.map((f) => f.field));
      for (const name of ['Account', 'Contact', 'Invoice__c', 'Invoice_Line__c']) {
        for (const field of recordedDescribe(name).fields as JsonMap[]) {
          if (field.permissionable === false) expect(written.has(`${name}.${field.name as string}`), `${name}.${field.name as string}`).to.equal(false);
        }
      }
      // Master-detail (Invoice_Line__c.Invoice__c), required (Contact.LastName, Invoice_Line__c.Sku__c), system (Id, OwnerId).
      expect(written).to.not.include.any.members(['Invoice_Line__c.Invoice__c', 'Contact.LastName', 'Invoice_Line__c.Sku__c', 'Account.Id', 'Account.OwnerId']);
      const editable = new Set(plan.permissionSet.fieldPermissions.filter((f) => f.editable).map((f) => f.field));
      // Formula, roll-up summary, auto-number: readable, never editable.
      for (const field of ['Account.Health_Score__c', 'Invoice__c.Total__c', 'Invoice__c.Invoice_Number__c', 'Invoice_Line__c.Line_Total__c']) {
        expect(written.has(field), field).to.equal(true);
        expect(editable.has(field), field).to.equal(false);
      }
    });

    it('--objects narrows the objects whose fields are read', async () => {
      const org = recordedOrg();
      const plan = await planFrom(org, 'grax', { objects: ['Contact'] });
      expect(fields(plan)).to.deep.equal(['Contact.AccountId (edit)', 'Contact.Birthdate (edit)', 'Contact.Email (edit)', 'Contact.FirstName (edit)']);
      expect(org.requests.map((r) => r.subrequests)).to.deep.equal([1]);
    });

    it('reports an object whose describe failed, and reads the others', async () => {
      const plan = await planFrom(recordedOrg(), 'grax', { objects: ['Account', 'Payroll__c'] });
      expect(fields(plan)).to.have.length(7);
      expect(plan.omitted).to.deep.include({
        item: 'fields of Payroll__c',
        why: "The org's describe of the object failed (INSUFFICIENT_ACCESS: insufficient access rights on object id), so its fields aren't in the permission set.",
        because: [{ from: 'org', evidence: "the vendor's object list from the org's global describe" }],
      });
    });
  });

  describe('salesforce-backup', () => {
    it('reads for backup, and edits updateable fields for restore', async () => {
      const backup = await planFrom(recordedOrg(), 'salesforce-backup', { objects: ['Invoice__c'], tasks: ['backup'] });
      expect(fields(backup)).to.deep.equal([
        'Invoice__c.Account__c',
        'Invoice__c.Due_Date__c',
        'Invoice__c.Invoice_Number__c',
        'Invoice__c.Status__c',
        'Invoice__c.Total__c',
      ]);
      const restore = await planFrom(recordedOrg(), 'salesforce-backup', { objects: ['Invoice__c'], tasks: ['restore'] });
      expect(fields(restore)).to.deep.equal([
        'Invoice__c.Account__c (edit)',
        'Invoice__c.Due_Date__c (edit)',
        'Invoice__c.Invoice_Number__c',
        'Invoice__c.Status__c (edit)',
        'Invoice__c.Total__c',
      ]);
    });

    it('without --objects, takes every object of the org except the kinds its page lists as unsupported', async () => {
      const global = fixture<{ sobjects: JsonMap[] }>('global-describe.json');
      const entry = global.sobjects[0];
      const extra = ['AccountFeed', 'AccountHistory', 'AccountShare', 'Archive__b', 'Invoice__History', 'User'].map((name) => ({ ...entry, name, label: name }));
      const org = new FakeOrg(
        new Map(['Account', 'Contact', 'Invoice__c', 'Invoice_Line__c'].map((o) => [o, recordedDescribe(o)])),
        new Map(),
        { ...global, sobjects: [...global.sobjects, ...extra] }
      );
      const plan = await planFrom(org, 'salesforce-backup');
      expect(plan.permissionSet.objectPermissions.map((o) => o.object)).to.deep.equal(['Account', 'Contact', 'Invoice_Line__c', 'Invoice__c']);
      expect(org.requests[1].subrequests).to.equal(4);
      const skipped = plan.omitted.filter((o) => o.item.startsWith('fields of '));
      expect(skipped.map((o) => `${o.item}: ${o.why}`)).to.deep.equal([
        'fields of AccountFeed: Feed objects are not supported by the Backup app.',
        "fields of AccountHistory, Invoice__History: History objects aren't backed up because they can't be restored: history tables are read-only.",
        'fields of AccountShare: sharing objects have no field-level security',
        'fields of Archive__b: Records stored in Big Objects are not supported by the Backup app.',
        'fields of User: setup objects have no object permissions; system permissions such as View All Users and View Setup and Configuration grant access',
      ]);
      // The page's own words, with its line, explain the skip of a kind it doesn't support.
      const big = skipped.find((o) => o.item.includes('Archive__b'))!;
      expect(big.because[0]).to.deep.include({ from: 'vendor' });
      expect(big.because[0].from === 'vendor' && big.because[0].source.line).to.equal(53);
    });
  });

  describe('backstory', () => {
    /** An org with Backstory's objects, built from the recorded field describes. */
    const backstoryOrg = (withPeopleAiField: boolean): FakeOrg => {
      const account = recordedDescribe('Account');
      const contact = recordedDescribe('Contact');
      const pick = (describe: JsonMap, name: string): JsonMap => (describe.fields as JsonMap[]).find((f) => f.name === name)!;
      const as = (template: JsonMap, name: string, extra: JsonMap = {}): JsonMap => ({ ...template, name, label: name, ...extra });
      const plain = pick(contact, 'FirstName');
      const required = pick(contact, 'LastName');
      const reference = pick(contact, 'AccountId');
      const system = ['Id', 'IsDeleted', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'SystemModstamp'].map((n) => pick(account, n));
      const base = [...system, as(pick(account, 'CreatedById'), 'LastModifiedById'), pick(account, 'OwnerId')];
      const peopleAi = withPeopleAiField ? [as(plain, 'peopleai__Created_by_PeopleAI__c', { type: 'boolean', custom: true, nillable: false, defaultedOnCreate: true })] : [];
      const object = (name: string, fields: JsonMap[]): [string, JsonMap] => [name, { ...contact, name, label: name, fields }];
      return new FakeOrg(
        new Map([
          ['Account', account],
          object('Contact', [...(contact.fields as JsonMap[]), as(plain, 'Title'), pick(account, 'OwnerId')]),
          object('Event', [...base, as(pick(contact, 'Birthdate'), 'ActivityDate'), as(plain, 'Type', { type: 'picklist' }), ...peopleAi]),
          object('Lead', [...base, as(required, 'Company'), as(required, 'Name', { createable: false }), as(required, 'Status', { type: 'picklist' })]),
          object('Opportunity', [...base, as(reference, 'AccountId'), as(required, 'CloseDate', { type: 'date' }), as(required, 'Name'), as(required, 'StageName')]),
          object('Task', [...base, as(reference, 'WhatId'), as(reference, 'WhoId'), ...peopleAi]),
        ])
      );
    };

    it('names the required fields this org lacks, and writes nothing', async () => {
      const error = await planFrom(backstoryOrg(false), 'backstory').then(
        () => undefined,
        (e: unknown) => e
      );
      expect(error).to.be.instanceOf(SfError);
      expect((error as SfError).name).to.equal('RequiredFieldsMissingError');
      expect((error as SfError).message).to.equal(
        'Backstory (People.ai) needs read access to these fields, and this org can\'t give it: Event.peopleai__Created_by_PeopleAI__c, Task.peopleai__Created_by_PeopleAI__c.'
      );
    });

    it('names a required field whose object the org could not describe', async () => {
      const org = recordedOrg();
      const error = await planFrom(org, 'backstory').then(
        () => undefined,
        (e: unknown) => e
      );
      expect((error as SfError).message).to.contain('Event.ActivityDate (NOT_FOUND: The requested resource does not exist)');
      expect((error as SfError).message).to.contain('Contact.Title,');
      // Backstory's four objects and the two activity objects of its required fields: one request.
      expect(org.requests.map((r) => r.subrequests)).to.deep.equal([6]);
    });

    it('with every required field in the org: reads them, lists those without field-level security as covered', async () => {
      const plan = await planFrom(backstoryOrg(true), 'backstory');
      expect(fields(plan, 'Event')).to.deep.equal(['Event.ActivityDate', 'Event.Type', 'Event.peopleai__Created_by_PeopleAI__c']);
      expect(fields(plan, 'Contact')).to.include('Contact.Title (edit)');
      expect(plan.coveredFields.map((f) => f.field)).to.include.members(['Account.Name', 'Account.OwnerId', 'Opportunity.StageName', 'Lead.Company']);
      // Backstory edits Account: its updateable fields get edit, its formula field doesn't.
      expect(fields(plan, 'Account')).to.include.members(['Account.Type (edit)', 'Account.Health_Score__c']);
      const eventType = plan.permissionSet.fieldPermissions.find((f) => f.field === 'Event.Type')!;
      expect(eventType.because.map((b) => b.from)).to.deep.equal(['vendor']);
    });
  });
});

describe('orgFieldVerdict', () => {
  const object: ObjectSchema = { name: 'Invoice__c', label: 'Invoice', custom: true, queryable: true, fields: [] };
  const field = (overrides: Partial<FieldSchema>): FieldSchema => ({
    name: 'Amount__c',
    type: 'currency',
    permissionable: true,
    updateable: true,
    createable: true,
    nillable: true,
    defaultedOnCreate: false,
    calculated: false,
    autoNumber: false,
    custom: true,
    cascadeDelete: false,
    referenceTo: [],
    ...overrides,
  });

  it('reads and edits a plain field only where the vendor writes', () => {
    expect(orgFieldVerdict(object, field({}), true)).to.include({ kind: 'read', editable: true });
    expect(orgFieldVerdict(object, field({}), false)).to.include({ kind: 'read', editable: false });
  });

  it('skips what cannot carry field-level security, even where describe says permissionable', () => {
    expect(orgFieldVerdict(object, field({ permissionable: false }), true).kind).to.equal('skip');
    expect(orgFieldVerdict(object, field({ type: 'reference', relationshipOrder: 0, cascadeDelete: true }), true).kind).to.equal('skip');
    expect(orgFieldVerdict(object, field({ nillable: false }), true).kind).to.equal('skip');
    // Checkboxes are never empty, yet take field-level security.
    expect(orgFieldVerdict(object, field({ type: 'boolean', nillable: false }), true)).to.include({ kind: 'read', editable: true });
  });

  it('never edits formula, roll-up summary or auto-number fields', () => {
    expect(orgFieldVerdict(object, field({ calculated: true }), true)).to.include({ kind: 'read', editable: false });
    expect(orgFieldVerdict(object, field({ calculated: true, updateable: false }), true)).to.include({ kind: 'read', editable: false });
    expect(orgFieldVerdict(object, field({ autoNumber: true, updateable: false, nillable: false, defaultedOnCreate: true }), true)).to.include({
      kind: 'read',
      editable: false,
    });
  });
});
