import { expect } from 'chai';
import { AuthInfo, Connection } from '@salesforce/core';
import { MockTestOrgData, TestContext } from '@salesforce/core/testSetup';
import type { JsonMap } from '@salesforce/ts-types';
import type { SchemaProgress } from '../../src/org/schema.js';
import { SchemaReadError, describeObjects, listQueryableObjects } from '../../src/org/schema.js';
import { FakeOrg, recordedDescribe, recordedOrg } from '../helpers/org.js';

/**
 * Responses are recorded in the shapes the REST API Developer Guide documents: Describe Global, sObject Describe
 * and the Composite resource's response body (see test/fixtures/org/README.md for the pages).
 */
describe('org schema (Composite describe)', () => {
  const $$ = new TestContext();
  const testOrg = new MockTestOrgData();
  let conn: Connection;

  beforeEach(async () => {
    await $$.stubAuths(testOrg);
    conn = await Connection.create({ authInfo: await AuthInfo.create({ username: testOrg.username }) });
  });

  const serve = (org: FakeOrg): FakeOrg => {
    $$.fakeConnectionRequest = org.handle;
    return org;
  };

  it('describes the objects in one Composite request and keeps what the rules need of each field', async () => {
    const org = serve(recordedOrg());
    const read = await describeObjects(conn, ['Account', 'Contact', 'Invoice__c', 'Invoice_Line__c']);

    expect(org.requests).to.have.length(1);
    expect(org.requests[0]).to.include({ method: 'POST', subrequests: 4 });
    expect(org.requests[0].url).to.match(/^\/services\/data\/v\d+\.\d\/composite$/);
    expect([...read.objects.keys()]).to.deep.equal(['Account', 'Contact', 'Invoice__c', 'Invoice_Line__c']);
    expect(read.failed).to.deep.equal([]);

    const line = read.objects.get('Invoice_Line__c')!;
    expect(line.custom).to.equal(true);
    expect(line.fields.find((f) => f.name === 'Invoice__c')).to.deep.include({
      type: 'reference',
      permissionable: false,
      relationshipOrder: 0,
      cascadeDelete: true,
      referenceTo: ['Invoice__c'],
    });
    expect(line.fields.find((f) => f.name === 'Line_Total__c')).to.deep.include({ calculated: true, updateable: false, permissionable: true });
    expect(line.fields.find((f) => f.name === 'Amount__c')).to.not.have.property('relationshipOrder');
    const invoice = read.objects.get('Invoice__c')!;
    expect(invoice.fields.find((f) => f.name === 'Invoice_Number__c')).to.deep.include({ autoNumber: true, defaultedOnCreate: true });
    // Every field of the recorded describe is kept, in the describe's order.
    const recorded = recordedDescribe('Account').fields as JsonMap[];
    expect(read.objects.get('Account')!.fields.map((f) => f.name)).to.deep.equal(recorded.map((f) => f.name));
  });

  it('reports a failed describe per object with its error code, and describes the rest', async () => {
    serve(recordedOrg());
    const read = await describeObjects(conn, ['Account', 'Missing__c', 'Payroll__c', 'Contact']);
    expect([...read.objects.keys()]).to.deep.equal(['Account', 'Contact']);
    expect(read.failed).to.deep.equal([
      { object: 'Missing__c', errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' },
      { object: 'Payroll__c', errorCode: 'INSUFFICIENT_ACCESS', message: 'insufficient access rights on object id' },
    ]);
  });

  it('sends 25 subrequests per request, with allOrNone false', async () => {
    const template = recordedDescribe('Contact');
    const names = Array.from({ length: 60 }, (_, i) => `Obj${i}__c`);
    const org = serve(new FakeOrg(new Map(names.map((n) => [n, { ...template, name: n }]))));
    const bodies: unknown[] = [];
    const handle = org.handle;
    $$.fakeConnectionRequest = (request) => {
      bodies.push(JSON.parse((request as { body: string }).body));
      return handle(request);
    };
    const read = await describeObjects(conn, names);
    expect(read.objects.size).to.equal(60);
    expect(org.requests.map((r) => r.subrequests)).to.deep.equal([25, 25, 10]);
    expect(bodies.every((b) => (b as { allOrNone: boolean }).allOrNone === false)).to.equal(true);
  });

  it('reads an 800-object org in objects/25 requests, never more than `concurrency` in flight, with progress', async () => {
    // 800 objects built from the recorded describes, renamed: the shapes are real, the names are generated.
    const templates = ['Account', 'Contact', 'Invoice__c', 'Invoice_Line__c'].map(recordedDescribe);
    const names = Array.from({ length: 800 }, (_, i) => `Generated${String(i).padStart(3, '0')}__c`);
    for (const concurrency of [1, 3, 5]) {
      const org = serve(new FakeOrg(new Map(names.map((n, i) => [n, { ...templates[i % templates.length], name: n }]))));
      const progress: SchemaProgress[] = [];
      const read = await describeObjects(conn, names, { concurrency, onProgress: (p) => progress.push(p) });
      expect(read.objects.size).to.equal(800);
      expect(org.requests).to.have.length(Math.ceil(800 / 25));
      expect(org.maxInFlight).to.be.at.most(concurrency);
      if (concurrency > 1) expect(org.maxInFlight).to.equal(concurrency);
      expect(progress[0]).to.deep.equal({ done: 0, total: 800, failed: 0 });
      expect(progress.at(-1)).to.deep.equal({ done: 800, total: 800, failed: 0 });
      expect(progress.map((p) => p.done)).to.deep.equal([...progress.map((p) => p.done)].sort((a, b) => a - b));
    }
  });

  it('stops on a request that fails as a whole and says what was read is partial', async () => {
    const template = recordedDescribe('Contact');
    const names = Array.from({ length: 100 }, (_, i) => `Obj${i}__c`);
    const org = serve(new FakeOrg(new Map(names.map((n) => [n, { ...template, name: n }]))));
    org.failRequest = 2;
    const error = await describeObjects(conn, names, { concurrency: 1 }).then(
      () => undefined,
      (e: unknown) => e
    );
    expect(error).to.be.instanceOf(SchemaReadError);
    const failure = error as SchemaReadError;
    expect(failure.message).to.equal(
      "Reading the org's schema stopped after 25 of 100 objects: Session expired or invalid. What was read so far is partial, so nothing was planned from it."
    );
    expect(failure.partial.objects.size).to.equal(25);
    expect(failure.actions?.join('\n')).to.contain('sf org login web');
    // Nothing more was sent after the failure.
    expect(org.requests).to.have.length(2);
  });

  it('lists the queryable objects of the global describe', async () => {
    serve(recordedOrg());
    const objects = await listQueryableObjects(conn);
    expect(objects.map((o) => o.name)).to.deep.equal(['Account', 'Contact', 'Invoice_Line__c', 'Invoice__c']);
  });
});
