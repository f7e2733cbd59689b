import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type sinon from 'sinon';
import { TestContext, MockTestOrgData } from '@salesforce/core/testSetup';
import { Progress, stubSfCommandUx, stubSpinner } from '@salesforce/sf-plugins-core';
import IntegrationUserCheck from '../../src/commands/integration-user/check.js';
import type { IntegrationUserCheckResult } from '../../src/commands/integration-user/check.js';
import type { CheckItem } from '../../src/check/model.js';
import type { FakeOrgState, QueryResponse, RecordedRequest } from '../helpers/fake-org.js';
import { fixture, fixtureText, serveOrg } from '../helpers/fake-org.js';
import { FakeOrg, fixture as schemaFixture, recordedDescribe } from '../helpers/org.js';
import { Ajv } from 'ajv';
import { validateAgainstMetadataXsd } from '../helpers/shared.js';

/**
 * `sf integration-user check` against a recorded org (test/fixtures/org/check/, shapes from the REST API
 * Developer Guide "Query" and "sObject Describe" and the Metadata API Developer Guide "readMetadata()";
 * see the README there). Each test changes one thing of an org where GRAX's user has everything.
 */

const grax = (): FakeOrgState => ({
  describe: { User: fixture('user-describe.json'), PermissionSet: fixture('permissionset-describe.json') },
  query: {
    Organization: fixture<QueryResponse>('organization.json'),
    User: fixture<QueryResponse>('grax-user.json'),
    PermissionSetAssignment: fixture<QueryResponse>('grax-permission-set-assignments.json'),
    PermissionSetLicenseAssign: fixture<QueryResponse>('grax-permission-set-license-assignments.json'),
    PermissionSet: fixture<QueryResponse>('grax-permission-sets.json'),
    ObjectPermissions: fixture<QueryResponse>('grax-object-permissions.json'),
    FieldPermissions: fixture<QueryResponse>('grax-field-permissions.json'),
    // The org's PermissionDependency (Tooling API) answers no rows here, so the bundled graph closes the plan.
    PermissionDependency: fixture<QueryResponse>('permission-dependencies-empty.json'),
  },
  // The multi-object org of test/fixtures/org/ (Account, Contact, Invoice__c, Invoice_Line__c), and Document.
  schema: new FakeOrg(
    new Map([...['Account', 'Contact', 'Invoice__c', 'Invoice_Line__c'].map((o) => [o, recordedDescribe(o)] as const), ['Document', schemaFixture('check/describe-Document.json')]]),
    new Map(),
    schemaFixture('global-describe.json')
  ),
  securitySettingsXml: fixtureText('security-settings.xml'),
});

const record = (response: QueryResponse, index = 0): Record<string, unknown> => response.records[index];
const without = (response: QueryResponse, keep: (r: Record<string, unknown>) => boolean): QueryResponse => {
  const records = response.records.filter(keep);
  return { ...response, totalSize: records.length, records };
};
const item = (result: IntegrationUserCheckResult, requirement: string): CheckItem => {
  const found = result.items.find((i) => i.requirement === requirement);
  if (!found) throw new Error(`no item "${requirement}" in ${result.items.map((i) => i.requirement).join(' | ')}`);
  return found;
};
/** Requests the check made; the Organization query is @salesforce/core's own, when it opens the org. */
const ours = (requests: RecordedRequest[]): RecordedRequest[] => requests.filter((r) => !/FROM Organization/.test(r.soql ?? ''));

describe('integration-user check (recorded org)', () => {
  const $$ = new TestContext();
  const testOrg = new MockTestOrgData();
  let ux: ReturnType<typeof stubSfCommandUx>;
  let progress: { start: sinon.SinonStub; finish: sinon.SinonStub; stop: sinon.SinonStub };

  beforeEach(async () => {
    await $$.stubAuths(testOrg);
    ux = stubSfCommandUx($$.SANDBOX);
    stubSpinner($$.SANDBOX);
    progress = { start: $$.SANDBOX.stub(Progress.prototype, 'start'), finish: $$.SANDBOX.stub(Progress.prototype, 'finish'), stop: $$.SANDBOX.stub(Progress.prototype, 'stop') };
    $$.SANDBOX.stub(Progress.prototype, 'update');
  });
  afterEach(() => {
    process.exitCode = undefined;
  });

  const check = async (state: FakeOrgState, ...extra: string[]): Promise<{ result: IntegrationUserCheckResult; requests: RecordedRequest[] }> => {
    const requests = serveOrg($$, $$.SANDBOX, state);
    const result = await IntegrationUserCheck.run(['--target-org', testOrg.username, '--username', 'integration@acme.com', ...(extra.includes('--vendor') || extra.includes('--profile-file') ? [] : ['--vendor', 'grax']), ...extra]);
    return { result, requests: ours(requests) };
  };
  const output = (): string => ux.log.getCalls().flatMap((c) => c.args).join('\n');

  describe('passing', () => {
    it('passes when the user has everything GRAX requires, says where each permission comes from, and exits 0', async () => {
      const { result, requests } = await check(grax());
      expect(result.outcome).to.equal('pass');
      expect(result.exitCode).to.equal(0);
      expect(process.exitCode).to.equal(0);
      expect(result.partial).to.equal(false);
      expect(result.items.filter((i) => i.status !== 'pass')).to.deep.equal([]);
      expect(item(result, 'user permission ApiEnabled').grantedBy).to.deep.equal(['profile: Standard User']);
      expect(item(result, 'user permission ViewAllData').grantedBy).to.deep.equal(['GRAX_Integration_User']);
      expect(item(result, 'user permission RunReports').grantedBy).to.deep.equal(['GRAX_Integration_User', 'profile: Standard User']);
      expect(item(result, 'user permission ViewAllData').reason).to.equal('Ensures access to read most objects, records and fields in the org for backup.');
      expect(item(result, 'permission set GRAX_Integration_User assigned')).to.include({ tier: 'required', status: 'pass' });
      expect(item(result, "org preference: Enable 'Set Audit Fields upon Record Creation' and 'Update Records with Inactive Owners' User Permissions").status).to.equal('pass');
      expect(result.user).to.deep.equal({ id: '005Hs00000ABCdeIAF', username: 'integration@acme.com', name: 'GRAX Integration User', isActive: true, profile: 'Standard User', userLicense: 'Salesforce' });
      expect(output()).to.include('Every required item holds');
      // Read-only: REST reads are GETs; the POSTs are the Composite describe (GET subrequests) and the Metadata API's readMetadata.
      expect(requests.filter((r) => r.method !== 'GET').map((r) => r.url.replace(/^.*\/(composite|Soap\/m)\b.*$/, '$1'))).to.deep.equal(['composite', 'Soap/m']);
      // GRAX's scan: every permissionable field of every queryable object, each readable.
      expect(result.fieldSecurity.map((g) => `${g.object} ${g.missing}/${g.fields}`)).to.deep.equal(['Account 0/7', 'Contact 0/4', 'Document 0/2', 'Invoice_Line__c 0/2', 'Invoice__c 0/5']);
      expect(progress.start.firstCall.args[0]).to.equal(5);
      expect(progress.finish.callCount).to.equal(1);
      expect(requests.map((r) => (r.soql ? /FROM (\w+)/.exec(r.soql)?.[1] : r.url.replace(/^.*\/v\d+\.\d\//, '').replace(/^.*\/Soap\//, 'Soap/')))).to.deep.equal([
        'sobjects/PermissionSet/describe',
        'PermissionDependency',
        'sobjects/User/describe',
        'User',
        'PermissionSetAssignment',
        'PermissionSetLicenseAssign',
        'PermissionSet',
        'sobjects',
        'composite',
        'ObjectPermissions',
        'FieldPermissions',
        'Soap/m/42.0',
      ]);
    });

    it('returns a --json result that schemas/integration-user-check.json describes, faults and all', async () => {
      const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(
        JSON.parse(readFileSync(new URL('../../schemas/integration-user-check.json', import.meta.url), 'utf8')) as object
      );
      const state = grax();
      state.errors = [{ match: /FROM PermissionSetLicenseAssign/, error: { status: 400, errorCode: 'INVALID_TYPE', message: "sObject type 'PermissionSetLicenseAssign' is not supported." } }];
      const { result } = await check(state, '--include', 'recommended');
      expect(validate(JSON.parse(JSON.stringify(result))), JSON.stringify(validate.errors)).to.equal(true);
      expect(result.faults).to.have.length(1);
    });

    it('reports a recommended permission the org lacks as not-in-org without failing the check', async () => {
      const state = grax();
      const describe = state.describe.PermissionSet as { fields: Array<{ name: string }> };
      describe.fields = describe.fields.filter((f) => f.name !== 'PermissionsViewEncryptedData');
      const { result } = await check(state, '--include', 'recommended');
      expect(item(result, 'user permission ViewEncryptedData')).to.include({ tier: 'recommended', status: 'not-in-org' });
      expect(item(result, 'user permission ViewEncryptedData').detail).to.include('PermissionSet.PermissionsViewEncryptedData');
      expect(result.outcome).to.equal('pass');
      expect(result.recommended).to.deep.equal({ pass: 0, fail: 0, notInOrg: 1, unchecked: 0 });
    });
  });

  describe('failing on each kind of gap (exit code 100)', () => {
    const expectFailure = (result: IntegrationUserCheckResult, requirement: string, detail?: string): void => {
      expect(result.outcome).to.equal('fail');
      expect(result.exitCode).to.equal(100);
      expect(process.exitCode).to.equal(100);
      const failed = item(result, requirement);
      expect(failed.status, requirement).to.be.oneOf(['fail', 'not-in-org']);
      if (detail) expect(failed.detail).to.include(detail);
      expect(output()).to.include(requirement);
    };

    it('an inactive user', async () => {
      const state = grax();
      record(state.query.User).IsActive = false;
      const { result } = await check(state);
      expectFailure(result, 'user integration@acme.com exists and is active');
      expect(result.items.filter((i) => i.status !== 'pass')).to.have.length(1);
    });

    it('the GRAX_Integration_User permission set not assigned, and the permissions only it grants', async () => {
      const state = grax();
      state.query.PermissionSetAssignment = without(state.query.PermissionSetAssignment, (r) => r.PermissionSetId !== '0PSHs000004GraxIAA');
      state.query.PermissionSet = without(state.query.PermissionSet, (r) => r.Id !== '0PSHs000004GraxIAA');
      state.query.ObjectPermissions = without(state.query.ObjectPermissions, (r) => r.ParentId !== '0PSHs000004GraxIAA');
      const { result } = await check(state);
      expectFailure(result, 'permission set GRAX_Integration_User assigned');
      expect(item(result, 'user permission ViewAllData').status).to.equal('fail');
      expect(item(result, 'user permission ApiEnabled').status).to.equal('pass');
      expect(item(result, 'Create, Delete, Edit, Read on Document').detail).to.equal('missing Create, Delete, Edit, Read');
    });

    it('a permission set assigned under another name does not count as GRAX_Integration_User', async () => {
      const state = grax();
      const assignment = record(state.query.PermissionSetAssignment, 1) as { PermissionSet: { Name: string } };
      assignment.PermissionSet.Name = 'GRAX_User_Copy';
      const { result } = await check(state);
      expectFailure(result, 'permission set GRAX_Integration_User assigned');
      expect(item(result, 'user permission ViewAllData').grantedBy).to.deep.equal(['GRAX_User_Copy']);
    });

    it('a missing user permission', async () => {
      const state = grax();
      record(state.query.PermissionSet, 1).PermissionsQueryAllFiles = false;
      const { result } = await check(state);
      expectFailure(result, 'user permission QueryAllFiles');
      expect(item(result, 'user permission QueryAllFiles').grantedBy).to.deep.equal([]);
      expect(result.required.fail).to.equal(1);
    });

    it('a required user permission this org does not have', async () => {
      const state = grax();
      const describe = state.describe.PermissionSet as { fields: Array<{ name: string }> };
      describe.fields = describe.fields.filter((f) => f.name !== 'PermissionsQueryAllFiles');
      const { result, requests } = await check(state);
      expectFailure(result, 'user permission QueryAllFiles', 'not in this org');
      // Only fields that exist are queried: a missing one would fail the whole query with INVALID_FIELD.
      expect(requests.find((r) => r.soql?.includes('FROM PermissionSet '))?.soql).to.not.include('PermissionsQueryAllFiles');
    });

    it('a missing object permission', async () => {
      const state = grax();
      record(state.query.ObjectPermissions).PermissionsDelete = false;
      const { result } = await check(state);
      expectFailure(result, 'Create, Delete, Edit, Read on Document', 'missing Delete');
    });

    it('a user flag off (Marketing User)', async () => {
      const state = grax();
      record(state.query.User).UserPermissionsMarketingUser = false;
      const { result } = await check(state);
      expectFailure(result, 'Marketing User = true on the user', 'is false');
    });

    it('the org preference for audit fields off', async () => {
      const state = grax();
      state.securitySettingsXml = state.securitySettingsXml.replace(
        '<enableAuditFieldsInactiveOwner>true</enableAuditFieldsInactiveOwner>',
        '<enableAuditFieldsInactiveOwner>false</enableAuditFieldsInactiveOwner>'
      );
      const { result } = await check(state);
      expectFailure(result, "org preference: Enable 'Set Audit Fields upon Record Creation' and 'Update Records with Inactive Owners' User Permissions", 'is false');
    });

    describe("field-level security (GRAX's Missing Field Permissions scan)", () => {
      it('fails with counts and the first few fields per object where read access is missing', async () => {
        const state = grax();
        state.query.FieldPermissions = without(state.query.FieldPermissions, (r) => r.Field === 'Account.Type' || r.SobjectType !== 'Account');
        record(state.query.FieldPermissions).PermissionsRead = true;
        const { result } = await check(state);
        expectFailure(result, 'read on every permissionable field of Account', '6 of 7 fields unreadable: Account.AnnualRevenue, Account.BillingCity, Account.Description, Account.Health_Score__c, Account.ParentId and 1 more');
        expect(result.fieldSecurity.find((g) => g.object === 'Account')).to.deep.equal({
          object: 'Account',
          fields: 7,
          missing: 6,
          firstMissing: ['Account.AnnualRevenue', 'Account.BillingCity', 'Account.Description', 'Account.Health_Score__c', 'Account.ParentId'],
        });
        expect(item(result, 'read on every permissionable field of Contact').status).to.equal('pass');
        // Fields that take no field-level security (Id, Name, OwnerId, system fields) are never gaps.
        expect(result.fieldSecurity.flatMap((g) => g.firstMissing)).to.not.include('Account.Name');
        expect(output()).to.include('Field-level security:');
      });

      it('counts View All Fields on the object (API 63.0+) as read on every field', async () => {
        const state = grax();
        state.query.FieldPermissions = without(state.query.FieldPermissions, (r) => r.SobjectType !== 'Account');
        const viewAll = { ...record(state.query.ObjectPermissions), SobjectType: 'Account', PermissionsCreate: false, PermissionsEdit: false, PermissionsDelete: false, PermissionsViewAllFields: true };
        state.query.ObjectPermissions = { ...state.query.ObjectPermissions, totalSize: 2, records: [...state.query.ObjectPermissions.records, viewAll] };
        const { result, requests } = await check(state, '--api-version', '63.0');
        expect(requests.find((r) => r.soql?.includes('FROM ObjectPermissions'))?.soql).to.include('PermissionsViewAllFields');
        expect(item(result, 'read on every permissionable field of Account')).to.include({ status: 'pass' });
        expect(result.outcome).to.equal('pass');
      });

      it('scans only the objects named with --scan-objects (and the plan\'s own), without a global describe', async () => {
        const { result, requests } = await check(grax(), '--scan-objects', 'Contact');
        expect(result.fieldSecurity.map((g) => g.object)).to.deep.equal(['Contact', 'Document']);
        expect(requests.some((r) => /\/sobjects$/.test(r.url))).to.equal(false);
      });

      it('marks an object whose describe fails as unchecked, and the result as partial (68)', async () => {
        const state = grax();
        state.schema = new FakeOrg(
          new Map([['Account', recordedDescribe('Account')], ['Document', schemaFixture('check/describe-Document.json')]]),
          new Map(Object.entries(schemaFixture<Record<string, { httpStatusCode: number; body: Array<{ errorCode: string; message: string }> }>>('describe-errors.json')))
        );
        const { result } = await check(state, '--scan-objects', 'Account,Payroll__c');
        expect(item(result, 'read on every permissionable field of Payroll__c')).to.include({ status: 'unchecked', detail: 'its describe failed (INSUFFICIENT_ACCESS: insufficient access rights on object id)' });
        expect(result.partial).to.equal(true);
        expect(result.outcome).to.equal('incomplete');
        expect(result.exitCode).to.equal(68);
        expect(result.faults.map((f) => f.message)).to.deep.equal(["Objects that couldn't be described, so their fields weren't scanned (1): Payroll__c (INSUFFICIENT_ACCESS)."]);
      });

      it('a Composite describe that fails as a whole leaves the whole scan unchecked', async () => {
        const state = grax();
        state.errors = [{ match: /\/composite$/, error: { status: 503, errorCode: 'SERVER_UNAVAILABLE', message: 'Server temporarily unavailable' } }];
        const { result } = await check(state);
        expect(item(result, 'read on every permissionable field of the objects scanned')).to.include({ status: 'unchecked', tier: 'required' });
        // The bar the failed read left unfinished is stopped.
        expect(progress.finish.callCount).to.equal(0);
        expect(progress.stop.called).to.equal(true);
        expect(result.outcome).to.equal('incomplete');
      });
    });

    describe('Salesforce Backup: licenses and assigned permission sets', () => {
      const backup = (): FakeOrgState => {
        const state = grax();
        state.query.PermissionSetAssignment = fixture<QueryResponse>('backup-permission-set-assignments.json');
        state.query.PermissionSetLicenseAssign = fixture<QueryResponse>('backup-permission-set-license-assignments.json');
        state.query.ObjectPermissions = fixture<QueryResponse>('backup-object-permissions.json');
        return state;
      };
      const args = ['--vendor', 'salesforce-backup', '--objects', 'Account,Contact', '--task', 'backup'];

      it('passes with the license, BackupRestore and read on each object', async () => {
        const { result } = await check(backup(), ...args);
        expect(result.items.filter((i) => i.status !== 'pass').map((i) => i.requirement)).to.deep.equal([]);
        expect(item(result, 'permission set license Backup and Restore User assigned').grantedBy).to.deep.equal(['BackupRestoreUserPsl']);
        expect(item(result, 'Read on Account').grantedBy).to.deep.equal(['Salesforce_Backup_Object_Access', 'profile: Standard User']);
        expect(result.outcome).to.equal('pass');
      });

      it('fails on a missing permission set license', async () => {
        const state = backup();
        state.query.PermissionSetLicenseAssign = without(state.query.PermissionSetLicenseAssign, () => false);
        const { result } = await check(state, ...args);
        expectFailure(result, 'permission set license Backup and Restore User assigned');
      });

      it('fails on a vendor permission set not assigned', async () => {
        const state = backup();
        state.query.PermissionSetAssignment = without(state.query.PermissionSetAssignment, (r) => r.PermissionSetId !== '0PSHs000005BkupIAA');
        const { result } = await check(state, ...args);
        expectFailure(result, 'permission set BackupRestore assigned');
      });

      it('fails on an object with no object permission at all', async () => {
        const state = backup();
        state.query.ObjectPermissions = without(state.query.ObjectPermissions, (r) => r.SobjectType !== 'Contact');
        const { result } = await check(state, ...args);
        expectFailure(result, 'Read on Contact', 'missing Read');
      });
    });
  });

  describe('--profile-file', () => {
    it("checks against your own vendor's file as generate reads it", async () => {
      const file = new URL('../fixtures/profile-files/acme-backup.yaml', import.meta.url).pathname;
      const { result } = await check(grax(), '--profile-file', file, '--objects', 'Account');
      expect(result.vendor).to.equal('acme-backup');
      expect(item(result, 'permission set acme__Backup_Connector assigned')).to.include({ tier: 'required', status: 'fail' });
      expect(item(result, 'field permissions on 1 fields of Account the vendor lists')).to.include({ status: 'fail', detail: '1 of 1 fields unreadable: Account.Industry' });
      expect(item(result, 'user permission ViewAllData')).to.include({ status: 'pass', reason: 'Reads every record for backup' });
      expect(result.exitCode).to.equal(100);
    });

    it('takes exactly one of --vendor and --profile-file', async () => {
      serveOrg($$, $$.SANDBOX, grax());
      try {
        await IntegrationUserCheck.run(['--target-org', testOrg.username, '--username', 'integration@acme.com']);
        expect.fail('expected a flag error');
      } catch (error) {
        expect((error as Error).message).to.include('Exactly one of the following must be provided: --profile-file, --vendor');
      }
    });
  });

  describe('faults', () => {
    const expectRefused = async (state: FakeOrgState, ...parts: string[]): Promise<Error> => {
      try {
        await check(state);
      } catch (error) {
        for (const part of parts) expect((error as Error).message + JSON.stringify((error as { actions?: string[] }).actions)).to.include(part);
        return error as Error;
      }
      expect.fail('expected the check to stop');
    };

    it('an unknown username stops the check with what to look at', async () => {
      const state = grax();
      state.query.User = without(state.query.User, () => false);
      const error = await expectRefused(state, 'no user with username "integration@acme.com"', 'full username');
      expect(error.name).to.equal('UserNotFoundError');
    });

    it('expired auth (INVALID_SESSION_ID) stops the check and says to log in again', async () => {
      const state = grax();
      state.errors = [{ match: /sobjects\/User\/describe/, error: { status: 401, errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' } }];
      const error = await expectRefused(state, 'no longer valid', 'Session expired or invalid', 'sf org login');
      expect(error.name).to.equal('INVALID_SESSION_ID');
    });

    it('API access off for the checking user (API_DISABLED_FOR_ORG) stops the check', async () => {
      const state = grax();
      state.errors = [{ match: /sobjects\/User\/describe/, error: { status: 403, errorCode: 'API_DISABLED_FOR_ORG', message: 'API is not enabled for this Organization or Partner' } }];
      await expectRefused(state, 'API access is off', 'API Enabled');
    });

    it('a checking user without View Setup (INSUFFICIENT_ACCESS, INVALID_TYPE): partial, unchecked, exit code 68, never a pass', async () => {
      const state = grax();
      state.errors = [
        { match: /FROM PermissionSetAssignment/, error: { status: 403, errorCode: 'INSUFFICIENT_ACCESS', message: 'insufficient access rights on object id' } },
        { match: /FROM PermissionSetLicenseAssign/, error: { status: 400, errorCode: 'INVALID_TYPE', message: "sObject type 'PermissionSetLicenseAssign' is not supported." } },
      ];
      const { result } = await check(state);
      expect(result.partial).to.equal(true);
      expect(result.outcome).to.equal('incomplete');
      expect(result.exitCode).to.equal(68);
      expect(process.exitCode).to.equal(68);
      expect(item(result, 'user permission ViewAllData')).to.include({ status: 'unchecked' });
      expect(item(result, 'permission set GRAX_Integration_User assigned').detail).to.include('INSUFFICIENT_ACCESS');
      expect(result.faults.map((f) => f.errorCode)).to.deep.equal(['INSUFFICIENT_ACCESS', 'INVALID_TYPE']);
      expect(result.faults[1].action).to.include('View Setup and Configuration');
      // What could be read still is: the user's flags.
      expect(item(result, 'Marketing User = true on the user').status).to.equal('pass');
      expect(output()).to.include("isn't a pass");
    });

    it('a gap found beside a failed read is still a failure (100), and the result is marked partial', async () => {
      const state = grax();
      record(state.query.User).UserPermissionsSFContentUser = false;
      state.errors = [{ match: /readMetadata/, error: { status: 500, errorCode: 'INSUFFICIENT_ACCESS', message: 'insufficient access rights on object id' } }];
      const { result } = await check(state);
      expect(result.outcome).to.equal('fail');
      expect(result.partial).to.equal(true);
      expect(result.items.find((i) => i.kind === 'orgSetting')?.status).to.equal('unchecked');
      expect(result.exitCode).to.equal(100);
    });

    it('a request that fails midway (a second page of results) leaves what needed it unchecked', async () => {
      const state = grax();
      const sets = state.query.PermissionSet;
      state.query.PermissionSet = { ...sets, done: false, nextRecordsUrl: '/services/data/v42.0/query/01gHs00000PsMore-2000', records: [sets.records[0]] };
      state.errors = [{ match: /query\/01gHs00000PsMore-2000/, error: { status: 503, errorCode: 'SERVER_UNAVAILABLE', message: 'Server temporarily unavailable' } }];
      const { result } = await check(state);
      expect(result.partial).to.equal(true);
      expect(result.outcome).to.equal('incomplete');
      // Not "fail": the first page alone lacks the GRAX permission set's row, but a partial read proves nothing missing.
      expect(result.items.filter((i) => i.kind === 'userPermission').every((i) => i.status === 'unchecked')).to.equal(true);
      expect(result.faults[0]).to.include({ errorCode: 'SERVER_UNAVAILABLE' });
    });

    it('a session that expires midway stops further requests; what was read is kept', async () => {
      const state = grax();
      state.errors = [{ match: /FROM PermissionSet WHERE/, error: { status: 401, errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' } }];
      const { result, requests } = await check(state);
      expect(result.outcome).to.equal('incomplete');
      expect(requests.some((r) => /FROM (ObjectPermissions|FieldPermissions)/.test(r.soql ?? '') || r.url.includes('/Soap/'))).to.equal(false);
      expect(item(result, 'permission set GRAX_Integration_User assigned').status).to.equal('pass');
      expect(result.items.find((i) => i.kind === 'orgSetting')?.status).to.equal('unchecked');
      expect(result.faults.every((f) => f.errorCode === 'INVALID_SESSION_ID')).to.equal(true);
    });
  });

  describe('User Access Policies (listMetadata and readMetadata responses recorded as the Metadata API guide documents them)', () => {
    // UserAccessPolicy is in the Metadata API from 57.0; TestContext's connection is 42.0 unless --api-version says otherwise.
    const withPolicies = (): FakeOrgState => ({
      ...grax(),
      userAccessPolicies: { listXml: fixtureText('user-access-policies-list.xml'), readXml: fixtureText('user-access-policies-read.xml') },
    });
    const soapCalls = (requests: RecordedRequest[]): string[] => requests.filter((r) => r.url.includes('/Soap/m/')).map((r) => r.url.replace(/^.*\/Soap\//, 'Soap/'));

    it('reports the policies that select the user by Username, Active and in Design, and leaves the outcome alone', async () => {
      const { result, requests } = await check(withPolicies(), '--api-version', '62.0');
      expect(result).to.include({ outcome: 'pass', exitCode: 0, partial: false });
      expect(result.faults).to.deep.equal([]);
      const policies = result.userAccessPolicies;
      if (!policies.read) expect.fail(JSON.stringify(policies));
      expect(policies.inOrg).to.equal(4);
      // Not the policy for backstory@acme.com, nor the guide's sample that selects a profile's users.
      expect(policies.policies.map((p) => [p.fullName, p.status, p.active, p.selectsUser, p.grants, p.lacks])).to.deep.equal([
        ['Integration_Users', 'Active', true, 'if-other-filters', ['GRAX_Integration_User'], []],
        ['GRAX_Integration_User_Policy', 'Design', false, 'yes', ['GRAX_Integration_User'], []],
      ]);
      expect(policies.policies[0]).to.include({ order: 5, triggerType: 'CreateAndUpdate' });
      expect(policies.policies[0].otherFilters).to.deep.equal(['User.IsActive equals true']);
      // Security settings, then the list and one read of the four policies; all read-only SOAP calls.
      expect(soapCalls(requests)).to.deep.equal(['Soap/m/62.0', 'Soap/m/62.0', 'Soap/m/62.0']);
      const text = output();
      expect(text).to.include('User Access Policies that select integration@acme.com by Username (of 4 in the org):');
      expect(text).to.include('- "Integration users" (Integration_Users): selects the user by Username only if its other filters hold too: User.IsActive equals true');
      expect(text).to.include('Active (order 5): it runs when the user is created or updated.');
      expect(text).to.include('- "GRAX integration user" (GRAX_Integration_User_Policy): selects the user by Username');
      expect(text).to.include('grants all the plan assigns: GRAX_Integration_User');
      expect(text).to.include("Design: it assigns nothing on its own. In Setup > User Access Policies, open it and either click Preview Users and apply it to the user, or give it an Order and set its Status to Active");
      expect(text).to.not.include('Backstory integration user').and.not.include('Sales_Rep_Migration');
    });

    it('several Active policies select the user: the one with the lowest order is the one Salesforce applies', async () => {
      const state = withPolicies();
      state.userAccessPolicies!.readXml = state.userAccessPolicies!.readXml.replace(
        '<masterLabel>GRAX integration user</masterLabel><status>Design</status>',
        '<masterLabel>GRAX integration user</masterLabel><order>1</order><status>Active</status>'
      );
      // Integration_Users selects the user for sure once its IsActive filter is OR'd.
      state.userAccessPolicies!.readXml = state.userAccessPolicies!.readXml.replace('<booleanFilter>1 AND 2</booleanFilter><description>Integration', '<booleanFilter>1 OR 2</booleanFilter><description>Integration');
      const { result } = await check(state, '--api-version', '62.0');
      const policies = result.userAccessPolicies;
      if (!policies.read) expect.fail(JSON.stringify(policies));
      expect(policies.policies.map((p) => [p.fullName, p.order, p.outrankedBy])).to.deep.equal([
        ['GRAX_Integration_User_Policy', 1, undefined],
        ['Integration_Users', 5, 'GRAX_Integration_User_Policy'],
      ]);
      expect(output()).to.include('Active, but "GRAX_Integration_User_Policy" has a lower order and selects the user too: Salesforce applies only the lowest');
    });

    it('a policy that lacks or revokes what the plan assigns says which', async () => {
      const state = withPolicies();
      state.userAccessPolicies!.readXml = state.userAccessPolicies!.readXml.replace(
        '<userAccessPolicyActions><action>Grant</action><target>GRAX_Integration_User</target><type>PermissionSet</type></userAccessPolicyActions><userAccessPolicyActions><action>Grant</action><target>Integration_API_Access</target>',
        '<userAccessPolicyActions><action>Revoke</action><target>GRAX_Integration_User</target><type>PermissionSet</type></userAccessPolicyActions><userAccessPolicyActions><action>Grant</action><target>Integration_API_Access</target>'
      );
      const { result } = await check(state, '--api-version', '62.0');
      expect(result.userAccessPolicies.read && result.userAccessPolicies.policies[0]).to.include({ fullName: 'Integration_Users' });
      expect(output()).to.include("grants none of the plan's: GRAX_Integration_User").and.include('revokes GRAX_Integration_User, which the plan assigns');
    });

    it('an Active policy on Create only says so: it ran when the user was created, not on updates', async () => {
      const state = withPolicies();
      state.userAccessPolicies!.readXml = state.userAccessPolicies!.readXml.replace('<order>5</order><status>Active</status><triggerType>CreateAndUpdate</triggerType>', '<order>5</order><status>Active</status><triggerType>Create</triggerType>');
      const { result } = await check(state, '--api-version', '62.0');
      expect(result.userAccessPolicies.read && result.userAccessPolicies.policies[0]).to.include({ fullName: 'Integration_Users', triggerType: 'Create' });
      expect(output()).to.include('Active (order 5): it runs when the user is created.');
    });

    it('no policy in the org: says the assignments are the user\'s own and how to get one', async () => {
      const { result, requests } = await check(grax(), '--api-version', '62.0');
      expect(result.userAccessPolicies).to.deep.equal({ read: true, inOrg: 0, policies: [] });
      // Nothing listed, so nothing to read.
      expect(soapCalls(requests)).to.have.length(2);
      expect(output()).to.include('No User Access Policy selects integration@acme.com by Username (of 0 in the org;').and.include('generate --username writes such a policy');
    });

    it('an API version before 57.0: not read, no request made, and why; the check itself is whole', async () => {
      const { result, requests } = await check(withPolicies());
      expect(result.userAccessPolicies.read).to.equal(false);
      if (result.userAccessPolicies.read) return;
      expect(result.userAccessPolicies.fault).to.include({ errorCode: 'UNSUPPORTED_API_VERSION' });
      expect(result.userAccessPolicies.fault.message).to.include('from 57.0').and.include('API version 42.0');
      expect(result.userAccessPolicies.fault.action).to.include('--api-version 57.0');
      expect(soapCalls(requests)).to.deep.equal(['Soap/m/42.0']);
      expect(result).to.include({ outcome: 'pass', exitCode: 0, partial: false });
      expect(output()).to.include("User Access Policies weren't checked:");
    });

    it("an org that can't use the type (INVALID_TYPE from listMetadata): could not read, with what to do, not a failed check", async () => {
      const state = withPolicies();
      state.errors = [{ match: /<listMetadata\b/, error: { status: 500, errorCode: 'INVALID_TYPE', message: 'Cannot use: UserAccessPolicy in this organization' } }];
      const { result } = await check(state, '--api-version', '62.0');
      if (result.userAccessPolicies.read) expect.fail('expected the policies unread');
      expect(result.userAccessPolicies.fault).to.include({ errorCode: 'INVALID_TYPE' });
      expect(result.userAccessPolicies.fault.message).to.include('Cannot use: UserAccessPolicy in this organization');
      expect(result).to.include({ outcome: 'pass', exitCode: 0, partial: false });
      expect(result.faults).to.deep.equal([]);
      expect(output()).to.include("User Access Policies weren't checked: Couldn't read User Access Policies").and.include('User Management Settings');
    });

    it('a checking user without Metadata API access (INSUFFICIENT_ACCESS on readMetadata) is told which permission reads them', async () => {
      const state = withPolicies();
      state.errors = [{ match: /<type>UserAccessPolicy<\/type><fullNames>/, error: { status: 500, errorCode: 'INSUFFICIENT_ACCESS', message: 'use of the Metadata API requires a user with the ModifyAllData permission' } }];
      const { result } = await check(state, '--api-version', '62.0');
      if (result.userAccessPolicies.read) expect.fail('expected the policies unread');
      expect(result.userAccessPolicies.fault.message).to.include('use of the Metadata API requires a user with the ModifyAllData permission');
      // The policies' own action, not the one for View Setup and Security settings.
      expect(result.userAccessPolicies.fault.action).to.include('"Modify Metadata Through Metadata API Functions" or "Modify All Data"');
      expect(result.outcome).to.equal('pass');
    });

    it('the --json result with policies read and unread is what schemas/integration-user-check.json describes', async () => {
      const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(
        JSON.parse(readFileSync(new URL('../../schemas/integration-user-check.json', import.meta.url), 'utf8')) as object
      );
      for (const args of [['--api-version', '62.0'], []]) {
        const { result } = await check(withPolicies(), ...args);
        expect(validate(JSON.parse(JSON.stringify(result))), JSON.stringify(validate.errors)).to.equal(true);
      }
    });
  });

  describe('--output-dir', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'iu-check-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('writes what is missing as a permission set generate would write, and a second run changes nothing', async () => {
      const state = grax();
      record(state.query.PermissionSet, 1).PermissionsModifyAllData = false;
      record(state.query.ObjectPermissions).PermissionsDelete = false;
      state.query.FieldPermissions = without(state.query.FieldPermissions, (r) => r.Field !== 'Account.Type' && r.Field !== 'Contact.Email');
      const { result } = await check(state, '--output-dir', dir, '--api-version', '62.0');
      expect(result.file?.status).to.equal('created');
      const path = join(dir, 'permissionsets', 'GRAX_Integration_User_Missing.permissionset-meta.xml');
      const xml = readFileSync(path, 'utf8');
      expect(xml).to.include('<name>ModifyAllData</name>').and.include('<object>Document</object>').and.include('<label>GRAX INTEGRATION USER Permission (missing)</label>');
      // What ModifyAllData depends on comes along, so the set deploys on its own.
      expect(xml).to.include('<name>ViewAllData</name>').and.not.include('<name>ApiEnabled</name>');
      // The scan's gaps, with read access only; fields that were readable are not written.
      expect(xml).to.include('<field>Account.Type</field>').and.include('<field>Contact.Email</field>').and.not.include('<field>Account.BillingCity</field>');
      expect(xml.match(/<fieldPermissions>/g)).to.have.length(2);
      expect(xml).to.not.include('<editable>true</editable>');
      expect(await validateAgainstMetadataXsd([{ fileName: 'missing.permissionset-meta.xml', contents: xml }])).to.deep.equal([]);
      const again = await check(state, '--output-dir', dir, '--api-version', '62.0');
      expect(again.result.file?.status).to.equal('identical');
    });

    it('writes nothing when nothing is missing', async () => {
      const { result } = await check(grax(), '--output-dir', dir);
      expect(result.file).to.equal(undefined);
      expect(output()).to.include('Nothing is missing');
    });
  });
});
