import { expect } from 'chai';
import { findProfile } from '../../src/profiles/index.js';
import { resolvePlan } from '../../src/resolve/resolve.js';
import { withUserAccessPolicy } from '../../src/resolve/user-access-policy.js';
import { createUserRecord, profileIdQuery, userAlias } from '../../src/render/user-record.js';

type Parse = (values: string) => Record<string, unknown>;
let stringToDictionary: Parse;
before(async () => {
  // sf data create record's own parser of --values (plugin-data, as the real sf has it; not in its package exports).
  const dataUtils = new URL('../../node_modules/@salesforce/plugin-data/lib/dataUtils.js', import.meta.url).href;
  ({ stringToDictionary } = (await import(dataUtils)) as { stringToDictionary: Parse });
});

/** The --values string as bash hands it to sf (the double quotes removed, $PROFILE_ID expanded), then as sf's own parser (plugin-data) reads it. */
const valuesOf = (command: string): Record<string, unknown> => {
  const quoted = /--values "(.*)"$/.exec(command)?.[1] ?? '';
  return stringToDictionary(quoted.replace('$PROFILE_ID', '00e000000000001AAA'));
};

/** Fields the User object requires on insert (SOAP API reference, User: not nillable, no default). */
const REQUIRED = ['Username', 'LastName', 'Email', 'Alias', 'TimeZoneSidKey', 'LocaleSidKey', 'EmailEncodingKey', 'LanguageLocaleKey', 'ProfileId'];

describe('the integration user as a User record, for sandboxes and production (sf data create record)', () => {
  it('grax: every required field, the User flags GRAX needs, the username --username gives', () => {
    const plan = withUserAccessPolicy(resolvePlan(findProfile('grax'), {}), 'grax@acme.example');
    const values = valuesOf(createUserRecord(plan));
    expect(Object.keys(values)).to.include.members(REQUIRED);
    expect(values).to.include({ Username: 'grax@acme.example', LastName: 'GRAX Integration User', Alias: 'grax', ProfileId: '00e000000000001AAA' });
    for (const field of plan.userFields) expect(String(values[field.field]), field.field).to.equal(String(field.value));
    expect(values.Email).to.equal('<email-for-the-integration-user>');
    expect(profileIdQuery(plan)).to.equal(
      'PROFILE_ID=$(sf data query --query "SELECT Id FROM Profile WHERE Name = \'Standard User\'" --result-format csv | tail -n 1)'
    );
  });

  it('ownbackup api-only: the API-only profile by name, the username a placeholder without --username', () => {
    const plan = resolvePlan(findProfile('ownbackup'), { variant: 'api-only' });
    expect(profileIdQuery(plan)).to.include("WHERE Name = 'Minimum Access - API Only Integrations'");
    expect(valuesOf(createUserRecord(plan))).to.include({ Username: '<integration-user-username>', LastName: 'OwnBackup Authenticated User', Alias: 'ownbacku' });
  });

  it('an alias of at most 8 letters and digits', () => {
    expect(userAlias('salesforce-backup')).to.equal('salesfor');
    expect(userAlias('---')).to.equal('intuser');
  });
});
