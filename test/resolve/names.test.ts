import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { expect } from 'chai';
import { SfError } from '@salesforce/core';
import { findProfile } from '../../src/profiles/index.js';
import type { VendorProfile } from '../../src/profiles/types.js';
import { resolvePlan } from '../../src/resolve/resolve.js';
import { readTable } from '../../src/reference/tables.js';
import { nameJudge, objectNameVerdict, standardObjects } from '../../src/resolve/names.js';

const refusal = (fn: () => unknown): SfError => {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(SfError);
    expect((error as SfError).actions?.length ?? 0).to.be.greaterThan(0);
    return error as SfError;
  }
  return expect.fail('expected the plan to be refused');
};

const backup = findProfile('salesforce-backup');
const page = { line: 1, quote: 'q', document: 'acme.md' };
/** A profile of one's own with the given object and field permissions. */
const withItems = (objects: string[], fields: string[] = []): VendorProfile => ({
  ...findProfile('grax'),
  id: 'acme',
  objectPermissions: objects.map((object) => ({ object, access: ['allowRead'], tier: 'required', reason: 'r', source: page })),
  fieldPermissions: fields.map((field) => ({ field, editable: false, tier: 'required', reason: 'r', source: page })),
});

describe('object and field names, checked before anything is written', () => {
  describe('without an org: the bundled standard objects and the custom suffixes', () => {
    it('refuses a typo of a standard object with the closest name, and a wrong case with the right one', () => {
      const typo = refusal(() => resolvePlan(backup, { objects: ['Acount'] }));
      expect(typo.name).to.equal('UnknownNamesError');
      expect(typo.message).to.include('--objects: "Acount" isn\'t a standard object; did you mean Account?');
      const cased = refusal(() => resolvePlan(backup, { objects: ['account'] }));
      expect(cased.message).to.include('--objects: "account" is spelled Account in Salesforce');
      expect(cased.actions?.join('\n')).to.include('--org-shape');
    });

    it('names every refused name with its place in the profile', () => {
      const error = refusal(() => resolvePlan(withItems(['Contact', 'Opportunty'], ['Account.Industy', 'account.Name', 'Contact.Email'])));
      expect(error.message).to.include('objectPermissions[1].object: "Opportunty" isn\'t a standard object; did you mean Opportunity?');
      expect(error.message).to.include('fieldPermissions[0].field: "Industy" isn\'t a standard field of Account; did you mean Account.Industry?');
      expect(error.message).to.include('fieldPermissions[1].field: "account" is spelled Account');
      expect(error.message).to.not.include('Contact.Email');
      const backstory = findProfile('backstory');
      expect(() => resolvePlan(backstory, { variant: 'least-privilege' })).to.not.throw();
    });

    it('passes custom names of every object kind that takes object permissions, unverified', () => {
      const objects = ['Invoice__c', 'ns__Invoice__c', 'Order_Line__x', 'Archive__b', 'Order_Placed__e', 'FAQ__kav'];
      for (const object of objects) expect(objectNameVerdict(object), object).to.deep.equal({ ok: true, verified: false });
      const plan = resolvePlan(withItems(objects, ['Account.Region__c', 'Account.Region__pc', 'Invoice__c.Total__c']));
      expect(plan.permissionSet.objectPermissions.filter((o) => !o.verified).map((o) => o.object).sort()).to.deep.equal([...objects].sort());
      expect(plan.permissionSet.fieldPermissions.map((f) => [f.field, f.verified])).to.deep.equal([
        ['Account.Region__c', false],
        ['Account.Region__pc', false],
        ['Invoice__c.Total__c', false],
      ]);
    });

    it('refuses a suffix no object with object permissions has', () => {
      expect(objectNameVerdict('Invoice__z')).to.have.property('ok', false);
      expect(objectNameVerdict('Invoice__C')).to.have.property('ok', false);
      expect(nameJudge().field('Account.Region__r')).to.have.property('ok', false);
      const error = refusal(() => resolvePlan(backup, { objects: ['Invoice__z'] }));
      expect(error.message).to.include('__c (custom objects)');
    });

    it('leaves a standard-looking name the list lacks, and no typo of one, for the org to confirm', () => {
      // ServiceAppointment (Field Service) is a real object the bundled list lacks.
      expect(standardObjects().has('ServiceAppointment')).to.equal(false);
      const plan = resolvePlan(backup, { objects: ['ServiceAppointment', 'Account'] });
      expect(plan.permissionSet.objectPermissions.map((o) => [o.object, o.verified])).to.deep.equal([
        ['Account', true],
        ['ServiceAppointment', false],
      ]);
    });

    it('passes every object and field the built-in vendors name, each verified', () => {
      for (const id of ['grax', 'ownbackup', 'backstory']) {
        const profile = findProfile(id);
        for (const variant of profile.variants?.map((v) => v.id) ?? [undefined]) {
          const plan = resolvePlan(profile, { variant, includeRecommended: true, profileName: 'P' });
          expect(plan.permissionSet.objectPermissions.filter((o) => !o.verified).map((o) => o.object), `${id} ${variant ?? ''}`).to.deep.equal([]);
        }
      }
    });
  });

  describe("with the org's object names (knownObjects: an org shape or the global describe)", () => {
    const org = new Set(['Account', 'Contact', 'Invoice__c', 'ServiceAppointment']);

    it('passes, verified, what the org has, custom objects included', () => {
      const plan = resolvePlan(backup, { objects: ['Invoice__c', 'ServiceAppointment'], knownObjects: org });
      expect(plan.permissionSet.objectPermissions.map((o) => [o.object, o.verified])).to.deep.equal([
        ['Invoice__c', true],
        ['ServiceAppointment', true],
      ]);
    });

    it("refuses what the org lacks, custom objects too, with the org's closest names", () => {
      const error = refusal(() => resolvePlan(backup, { objects: ['Invoce__c', 'Opportunity', 'contact'], knownObjects: org }));
      expect(error.name).to.equal('NamesNotInOrgError');
      expect(error.message).to.include('--objects: "Invoce__c" isn\'t an object of the org; closest: Invoice__c');
      expect(error.message).to.include('--objects: "Opportunity" isn\'t an object of the org');
      expect(error.message).to.include('--objects: "contact" is spelled Contact');
    });

    it("checks the vendor's own objects and the objects of its fields", () => {
      const error = refusal(() => resolvePlan(withItems(['Invoice__c', 'Lead'], ['Quote__c.Total__c']), { knownObjects: org }));
      expect(error.message).to.include('objectPermissions[1].object: "Lead"');
      expect(error.message).to.include('fieldPermissions[0].field: "Quote__c"');
    });
  });

  it("bundles exactly jsforce's standard objects and the SOAP reference's objects it lacks (data/README.md)", () => {
    const require = createRequire(import.meta.url);
    const jsforce = join(dirname(require.resolve('@jsforce/jsforce-node/package.json')), 'lib', 'types', 'standard-schema.d.ts');
    const fromJsforce = [...readFileSync(jsforce, 'utf8').matchAll(/^ {4}Name: '([A-Za-z0-9_]+)';$/gm)].map((m) => m[1]);
    const rows = readTable('standard-objects.tsv');
    expect(rows.filter((r) => r.source === 'jsforce').map((r) => r.object)).to.deep.equal([...new Set(fromJsforce)].sort());
    const soap = new Set(readTable('standard-object-fields.tsv').map((r) => r.object));
    for (const row of rows.filter((r) => r.source !== 'jsforce')) {
      expect(row.source).to.equal('soap-object-reference');
      expect(soap.has(row.object), row.object).to.equal(true);
    }
    const names = rows.map((r) => r.object);
    expect(names).to.deep.equal([...names].sort());
  });
});
