import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { parse } from 'yaml';
import type { SfError } from '@salesforce/core';
import { loadProfileFile, selectProfile } from '../../src/profiles/load-file.js';
import { QUOTE_LIMIT } from '../../src/profiles/line-index.js';
import { isOneByteString } from '../helpers/strings.js';
import { resolvePlan } from '../../src/resolve/resolve.js';
import type { PageRef, VendorProfile } from '../../src/profiles/types.js';

/** A vendor not built in, with every kind of item the model has. */
const FULL = fileURLToPath(new URL('../fixtures/profile-files/acme-backup.yaml', import.meta.url));

/** The smallest useful file, exactly as the issue gives it. */
const SMALLEST = `{
  "vendor": "acme-backup",
  "name": "Acme Backup",
  "permissionSet": { "name": "Acme_Backup_Integration", "label": "Acme Backup Integration" },
  "userPermissions": [ { "name": "ApiEnabled", "tier": "required", "reason": "Calls the REST and Bulk APIs" } ]
}
`;

const SMALLEST_YAML = `vendor: acme-backup
name: Acme Backup
permissionSet:
  name: Acme_Backup_Integration
  label: Acme Backup Integration
userPermissions:
  - name: ApiEnabled
    tier: required
    reason: Calls the REST and Bulk APIs
`;

type Problem = { path: string; line?: number; column?: number; message: string };

describe('vendor profile files (--profile-file)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'iu-profile-file-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  /** The error a file is refused with. */
  const refused = (path: string): SfError<{ file: string; problems: Problem[] }> => {
    try {
      loadProfileFile(path);
    } catch (error) {
      return error as SfError<{ file: string; problems: Problem[] }>;
    }
    return expect.fail(`expected ${path} to be refused`);
  };
  /** The only problem found in a YAML document. */
  const problemIn = (yaml: string, name = 'vendor.yaml'): Problem => {
    const error = refused(write(name, yaml));
    expect(error.name).to.equal('InvalidProfileFileError');
    expect(error.data?.problems, error.message).to.have.length(1);
    const [problem] = error.data?.problems ?? [];
    // The message names the file, the place and the problem on one line.
    const place = problem.line ? `:${problem.line}:${problem.column ?? ''}` : '';
    expect(error.message).to.include(`${join(dir, name)}${place} ${problem.path}: ${problem.message}`);
    return problem;
  };
  /** SMALLEST_YAML with one line replaced. */
  const smallestWith = (from: string, to: string): string => {
    expect(SMALLEST_YAML).to.include(from);
    return SMALLEST_YAML.replace(from, to);
  };

  describe('valid files', () => {
    it('accepts the smallest useful file exactly as written, filling in what a user cannot know', () => {
      const profile = loadProfileFile(write('acme.json', SMALLEST));
      expect(profile.id).to.equal('acme-backup');
      expect(profile.vendor).to.equal('Acme Backup');
      expect(profile.permissionSet).to.include({ name: 'Acme_Backup_Integration', label: 'Acme Backup Integration' });
      expect(profile.permissionSet.description).to.include('Acme Backup');
      const [permission] = profile.userPermissions ?? [];
      // Label and API-name evidence come from the bundled permission table; the source is the item's own line.
      expect(permission).to.deep.include({ name: 'ApiEnabled', label: 'API Enabled', tier: 'required', reason: 'Calls the REST and Bulk APIs' });
      expect(permission.apiName).to.include('data/user-permissions.tsv: ApiEnabled = "API Enabled"');
      expect(permission.source).to.deep.equal({
        document: 'acme.json',
        line: 5,
        quote: '"userPermissions": [ { "name": "ApiEnabled", "tier": "required", "reason": "Calls the REST and Bulk APIs" } ]',
      });
      expect(profile.pages).to.deep.equal([{ title: 'Acme Backup (profile file)', document: 'acme.json' }]);
    });

    it('quotes, from a file on one line, each item from its own place and within QUOTE_LIMIT, not the whole line', () => {
      const fields = Array.from({ length: 40 }, (_, i) => ({ field: `Account.Field_${i}__c`, tier: 'required', reason: `Backs up field ${i}` }));
      const oneLine = JSON.stringify({ ...(JSON.parse(SMALLEST) as object), fieldPermissions: fields });
      expect(oneLine.length).to.be.greaterThan(QUOTE_LIMIT * 10);
      const profile = loadProfileFile(write('acme.json', oneLine));
      profile.fieldPermissions?.forEach((item, i) => {
        expect(item.source.line).to.equal(1);
        expect(item.source.quote.startsWith(`{"field":"Account.Field_${i}__c"`), item.source.quote).to.equal(true);
        expect(item.source.quote.length).to.be.at.most(QUOTE_LIMIT + 1);
      });
      // One more than the limit is the ellipsis: the line went on.
      expect(profile.fieldPermissions?.[0].source.quote.endsWith('…')).to.equal(true);
      // The last item's rest of the line fits: quoted to its end.
      expect(profile.fieldPermissions?.[39].source.quote).to.equal('{"field":"Account.Field_39__c","tier":"required","reason":"Backs up field 39"}]}');
    });

    it('gives the names of a YAML file with text beyond ASCII strings of their own, one byte a character', () => {
      const yaml = `${SMALLEST_YAML}fieldPermissions:\n  - field: Account.AccountNumber\n    tier: required\n    reason: Restores it — every record\n`;
      const profile = loadProfileFile(write('acme.yaml', yaml));
      expect(isOneByteString(yaml)).to.equal(false);
      expect(profile.fieldPermissions?.[0]).to.deep.include({ field: 'Account.AccountNumber', reason: 'Restores it — every record' });
      expect(isOneByteString(profile.fieldPermissions?.[0].field ?? '')).to.equal(true);
    });

    it('reads the same file written as YAML into the same profile', () => {
      const fromJson = loadProfileFile(write('acme.json', SMALLEST));
      const fromYaml = loadProfileFile(write('acme.yml', SMALLEST_YAML));
      expect(withoutFileSources(fromYaml)).to.deep.equal(withoutFileSources(fromJson));
      expect(fromYaml.userPermissions?.[0].source).to.deep.equal({ document: 'acme.yml', line: 7, quote: '- name: ApiEnabled' });
    });

    it('means in YAML what the YAML reader with positions means, whichever reader reads it', () => {
      const fields = (editable: string): string =>
        `${SMALLEST_YAML}fieldPermissions:\n  - field: Account.Industry\n    editable: ${editable}\n    tier: required\n    reason: Restores it\n`;
      // %YAML 1.1 makes `yes` a boolean; js-yaml ignores the directive, so the YAML reader reads that file.
      const yaml11 = loadProfileFile(write('acme.yaml', `%YAML 1.1\n---\n${fields('yes')}`));
      expect(yaml11.fieldPermissions?.[0]).to.deep.include({ field: 'Account.Industry', editable: true });
      expect(yaml11.fieldPermissions?.[0].source).to.deep.equal({ document: 'acme.yaml', line: 13, quote: '- field: Account.Industry' });
      // In YAML 1.2 (both readers), `yes` is a string, refused where a boolean belongs, at its line and column.
      expect(problemIn(fields('yes'))).to.deep.include({ path: 'fieldPermissions[0].editable', line: 12, column: 15 });
      expect(loadProfileFile(write('acme.yaml', fields('true'))).fieldPermissions?.[0]).to.deep.include({ editable: true });
      // An alias is left to the YAML reader, which resolves it the same way.
      const aliased = loadProfileFile(write('acme.yaml', `${SMALLEST_YAML.replace('reason: Calls', 'reason: &why Calls')}caveats:\n  - { id: api, tier: required, reason: *why }\n`));
      expect(aliased.caveats?.[0]).to.deep.include({ id: 'api', reason: 'Calls the REST and Bulk APIs' });
    });

    it('accepts a file with every kind of item, and the pipeline resolves it like a built-in profile', () => {
      const profile = loadProfileFile(FULL);
      const kinds = ['userPermissions', 'objectPermissions', 'fieldPermissions', 'inheritedFields', 'userFields', 'orgSettings', 'permissionSetAssignments', 'caveats'] as const;
      for (const kind of kinds) expect(profile[kind], kind).to.have.length.greaterThan(0);
      expect(profile.variants?.[1].permissionSetLicenses?.[0]).to.include({ name: 'SalesforceAPIIntegrationPsl', neededForAnyPermissionSet: true });
      expect(profile.chosenObjects?.unsupported[0].pattern).to.deep.equal(/__b$/);
      expect(profile.userPermissions?.find((p) => p.name === 'CreateAuditFields')?.apiName).to.include('exists only once SecuritySettings.enableAuditFieldsInactiveOwner is on');
      // A source the file gives is kept as given; its document defaults to the first page.
      expect(profile.userPermissions?.[0].source).to.deep.equal({ line: 20, quote: 'API Enabled' });

      const plan = resolvePlan(profile, { variant: 'api-only', includeRecommended: true, objects: ['Contact'], tasks: ['restore'] });
      expect(plan.permissionSet.fullName).to.equal('Acme_Backup_API_Only');
      expect(plan.permissionSet.userPermissions.map((p) => p.name)).to.include.members(['ApiEnabled', 'CreateAuditFields', 'ViewAllData', 'ViewEncryptedData']);
      expect(plan.permissionSet.objectPermissions.map((o) => o.object)).to.deep.equal(['Account', 'Contact']);
      expect(plan.permissionSet.fieldPermissions.map((f) => `${f.field}:${f.editable}`)).to.deep.equal(['Account.Description:true', 'Account.Industry:false']);
      expect(plan.userProfile.name).to.equal('Minimum Access - API Only Integrations');
      expect(plan.permissionSetLicenses.map((l) => l.name)).to.deep.equal(['SalesforceAPIIntegrationPsl']);
      const because = plan.permissionSet.userPermissions.find((p) => p.name === 'ApiEnabled')?.because[0];
      expect(because).to.deep.include({ from: 'vendor', source: { document: 'https://docs.example.com/acme-backup/salesforce-permissions', line: 20, quote: 'API Enabled' } });
    });

    it('reads the full file written as JSON into the same profile', () => {
      const yaml = readFileSync(FULL, 'utf8');
      const json = write('acme-backup.json', `${JSON.stringify(parse(yaml), null, 2)}\n`);
      expect(withoutFileSources(loadProfileFile(json))).to.deep.equal(withoutFileSources(loadProfileFile(FULL)));
    });

    it('accepts a $schema key, and keeps the label and API-name evidence a file gives', () => {
      const profile = loadProfileFile(
        write('acme.yaml', `$schema: ../schemas/vendor-profile-file.json\n${smallestWith('- name: ApiEnabled', '- name: ApiEnabled\n    label: API access\n    apiName: Acme setup guide, step 3')}`)
      );
      expect(profile.userPermissions?.[0]).to.include({ name: 'ApiEnabled', label: 'API access', apiName: 'Acme setup guide, step 3' });
    });

    it('with an org at hand, leaves names the bundled catalog lacks for the org to decide when the plan is resolved', () => {
      const path = write('acme.yaml', smallestWith('- name: ApiEnabled', '- name: ManageAcmeWidgets'));
      const profile = loadProfileFile(path, { orgDecidesPermissions: true });
      // The commands pass it whenever --target-org (or a default org) is there.
      expect(selectProfile({ 'profile-file': path, 'target-org': {} })).to.deep.equal(profile);
      expect(() => selectProfile({ 'profile-file': path })).to.throw().with.property('name', 'InvalidProfileFileError');
      expect(profile.userPermissions?.[0]).to.include({ name: 'ManageAcmeWidgets', label: 'ManageAcmeWidgets' });
      // Without the org's catalog, resolving refuses it as it refuses a built-in profile's unknown name.
      expect(() => resolvePlan(profile)).to.throw().with.property('name', 'UnknownPermissionsError');
    });

    it('never modifies the file it reads', () => {
      const path = write('acme.yaml', SMALLEST_YAML);
      loadProfileFile(path);
      expect(readFileSync(path, 'utf8')).to.equal(SMALLEST_YAML);
    });
  });

  describe('the README section', () => {
    const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
    const section = readme.slice(readme.indexOf('## Your own vendors'), readme.indexOf('## How it is built'));
    const block = (language: string): string => new RegExp(`\`\`\`${language}\n([\\s\\S]*?)\`\`\``).exec(section)?.[1] ?? '';

    it('shows the smallest file as the issue gives it, and a complete example the plugin accepts', () => {
      expect(block('json')).to.equal(SMALLEST);
      // The fixture is the README's example, with a first line pointing editors at the schema in this repository.
      expect(block('yaml')).to.equal(readFileSync(FULL, 'utf8').split('\n').slice(1).join('\n'));
      expect(loadProfileFile(write('acme-backup.profile.yaml', block('yaml'))).id).to.equal('acme-backup');
    });
  });

  describe('invalid files: each refused with its place in the file and what is allowed', () => {
    it('YAML syntax error, with its line', () => {
      const problem = problemIn(smallestWith('  label: Acme Backup Integration', '  label: [Acme Backup'));
      expect(problem).to.include({ path: '(top level)', line: 6 });
      expect(problem.message).to.match(/^Syntax error: /);
    });

    it('JSON syntax error, with its line', () => {
      const problem = problemIn(SMALLEST.replace('"name": "Acme Backup",', '"name": "Acme Backup"'), 'acme.json');
      expect(problem.line).to.equal(4);
      expect(problem.message).to.match(/^Syntax error: /);
    });

    it('YAML in a .json file', () => {
      const problem = problemIn(SMALLEST.replace('"name": "Acme Backup",', "'name': 'Acme Backup',"), 'acme.json');
      expect(problem.line).to.equal(3);
      expect(problem.message).to.match(/^Not valid JSON: .*name the file \.yaml\.$/);
    });

    it('an alias to no anchor, at its line', () => {
      const problem = problemIn(smallestWith('    reason: Calls the REST and Bulk APIs', '    reason: *why'));
      expect(problem).to.deep.equal({ path: '(top level)', line: 9, column: 13, message: 'Syntax error: Unresolved alias (the anchor must be set before the alias): why.' });
    });

    it('duplicate key', () => {
      const problem = problemIn(smallestWith('    tier: required\n', '    tier: required\n    tier: recommended\n'));
      expect(problem).to.deep.equal({ path: '(top level)', line: 9, column: 5, message: 'The key "tier" appears twice in the same mapping; keep one.' });
    });

    it('an object or field that is a typo or a wrong case of a standard one, at its line', () => {
      const objects = `${SMALLEST_YAML}objectPermissions:\n  - object: Acount\n    access: [allowRead]\n    tier: required\n    reason: Backs up accounts\n`;
      expect(problemIn(objects)).to.deep.equal({
        path: 'objectPermissions[0].object',
        line: 11,
        column: 13,
        message: '"Acount" isn\'t a standard object; did you mean Account?',
      });
      const fields = `${SMALLEST_YAML}fieldPermissions:\n  - field: Account.industry\n    tier: required\n    reason: Restores the industry\n`;
      expect(problemIn(fields)).to.include({ path: 'fieldPermissions[0].field', line: 11, column: 12 });
      expect(problemIn(fields).message).to.include('is spelled Account.Industry in Salesforce');
    });

    it('empty file', () => {
      expect(problemIn('# nothing yet\n').message).to.include('The file is empty');
    });

    it('wrong type', () => {
      const problem = problemIn(smallestWith('    reason: Calls the REST and Bulk APIs', '    reason: 42'));
      expect(problem).to.deep.equal({ path: 'userPermissions[0].reason', line: 9, column: 13, message: 'Expected string, found number 42.' });
    });

    it('a list where a mapping belongs', () => {
      const problem = problemIn(smallestWith('permissionSet:\n  name: Acme_Backup_Integration\n  label: Acme Backup Integration', 'permissionSet: [Acme_Backup_Integration]'));
      expect(problem).to.include({ path: 'permissionSet', line: 3, message: 'Expected a mapping, found a list.' });
    });

    it('unknown tier', () => {
      const problem = problemIn(smallestWith('tier: required', 'tier: mandatory'));
      expect(problem).to.deep.equal({ path: 'userPermissions[0].tier', line: 8, column: 11, message: '"mandatory" isn\'t allowed here. Allowed: required, recommended.' });
    });

    it('unknown object access', () => {
      const problem = problemIn(`${SMALLEST_YAML}objectPermissions:\n  - object: Account\n    access: [allowRead, readAll]\n    tier: required\n    reason: x\n`);
      expect(problem).to.include({ path: 'objectPermissions[0].access[1]', line: 12 });
      expect(problem.message).to.include('"readAll" isn\'t allowed here. Allowed: allowRead, allowCreate');
    });

    it('missing required key', () => {
      const problem = problemIn(smallestWith('    reason: Calls the REST and Bulk APIs\n', ''));
      expect(problem).to.deep.equal({ path: 'userPermissions[0]', line: 7, column: 5, message: 'Missing the key "reason". Required here: name, reason, tier.' });
    });

    it('unknown key, with the closest allowed key', () => {
      const problem = problemIn(smallestWith('  label:', '  lable:'));
      // The misspelling is reported once: not also as the missing "label".
      expect(problem).to.deep.equal({
        path: 'permissionSet.lable',
        line: 5,
        column: 3,
        message: 'Unknown key "lable". Did you mean "label"? Allowed here: name, label, description, source, license.',
      });
    });

    it('unknown key with nothing close', () => {
      const problem = problemIn(`${SMALLEST_YAML}colour: blue\n`);
      expect(problem).to.include({ path: 'colour', line: 10, column: 1 });
      expect(problem.message).to.match(/^Unknown key "colour". Allowed here: \$schema, vendor, name, /);
    });

    it('empty user permission name', () => {
      expect(problemIn(smallestWith('- name: ApiEnabled', '- name: ""'))).to.deep.equal({
        path: 'userPermissions[0].name',
        line: 7,
        column: 11,
        message: 'Empty: give a value.',
      });
    });

    it('vendor id with characters other than lowercase letters, digits and hyphens', () => {
      expect(problemIn(smallestWith('vendor: acme-backup', 'vendor: Acme_Backup'))).to.deep.equal({
        path: 'vendor',
        line: 1,
        column: 9,
        message: '"Acme_Backup" isn\'t a valid id: use lowercase letters, digits and hyphens, such as "acme-backup".',
      });
    });

    it('vendor id of a built-in vendor', () => {
      const problem = problemIn(smallestWith('vendor: acme-backup', 'vendor: grax'));
      expect(problem).to.include({ path: 'vendor', line: 1 });
      expect(problem.message).to.equal('"grax" is the id of a built-in vendor (GRAX). Give your profile an id of its own, or use --vendor grax for the built-in one.');
    });

    it('unknown permission named by its label: suggests the API name', () => {
      const error = refused(write('vendor.yaml', smallestWith('- name: ApiEnabled', '- name: Manage Flow')));
      expect(error.data?.problems).to.deep.equal([
        { path: 'userPermissions[0].name', line: 7, column: 11, message: 'No user permission is named "Manage Flow"; did you mean ManageInteraction (Manage Flow)?' },
      ]);
      expect(error.actions?.join('\n')).to.include('run with --target-org');
    });

    it('unknown permission with a case slip or a typo: suggests the right spelling', () => {
      expect(problemIn(smallestWith('- name: ApiEnabled', '- name: apienabled')).message).to.equal('No user permission is named "apienabled"; did you mean ApiEnabled (API Enabled)?');
      expect(problemIn(smallestWith('- name: ApiEnabled', '- name: ViewAllDta')).message).to.include('did you mean ViewAllData (View All Data)');
      expect(problemIn(smallestWith('- name: ApiEnabled', '- name: Zzzzqqqq')).message).to.include('and no known permission is close to it');
    });

    it('permission set name that is not an API name', () => {
      const problem = problemIn(smallestWith('name: Acme_Backup_Integration', 'name: Acme Backup Integration'));
      expect(problem).to.include({ path: 'permissionSet.name', line: 4, column: 9 });
      expect(problem.message).to.match(/^"Acme Backup Integration" isn't a valid permission set API name/);
    });

    describe("values over Salesforce's limits (PermissionSet: Label 80, Description 255), counted in UTF-16 units as Salesforce does", () => {
      const label = (text: string): string => smallestWith('label: Acme Backup Integration', `label: "${text}"`);

      it('an 81-character label, at its line; 80 is accepted', () => {
        const problem = problemIn(label('L'.repeat(81)));
        expect(problem).to.include({ path: 'permissionSet.label', line: 5, column: 10 });
        expect(problem.message).to.match(/^Too long: 81 characters, and Salesforce takes at most 80/);
        expect(loadProfileFile(write('ok.yaml', label('L'.repeat(80)))).permissionSet.label).to.have.length(80);
      });

      it('an emoji counts as two: 79 letters and one emoji are 81', () => {
        expect(problemIn(label(`${'L'.repeat(79)}😀`)).message).to.match(/^Too long: 81 characters/);
        expect(loadProfileFile(write('ok.yaml', label(`${'L'.repeat(78)}😀`))).permissionSet.label).to.have.length(80);
      });

      it('an empty label', () => {
        expect(problemIn(label('')).path).to.equal('permissionSet.label');
      });

      it('a 256-character description; 255 is accepted', () => {
        const described = (n: number): string => smallestWith('  label: Acme Backup Integration', `  label: Acme Backup Integration\n  description: ${'d'.repeat(n)}`);
        const problem = problemIn(described(256));
        expect(problem).to.include({ path: 'permissionSet.description', line: 6, column: 16 });
        expect(problem.message).to.match(/^Too long: 256 characters, and Salesforce takes at most 255/);
        expect(loadProfileFile(write('ok.yaml', described(255))).permissionSet.description).to.have.length(255);
      });

      it("a variant's label", () => {
        const problem = problemIn(`${SMALLEST_YAML}variants:\n  - id: big\n    summary: s\n    permissionSet:\n      label: ${'L'.repeat(81)}\n`);
        expect(problem).to.include({ path: 'variants[0].permissionSet.label', line: 14 });
      });

      it('a vendor name that makes the default description longer than 255', () => {
        const problem = problemIn(smallestWith('name: Acme Backup', `name: ${'N'.repeat(200)}`));
        expect(problem).to.include({ path: 'name', line: 2 });
        expect(problem.message).to.match(/^The permission set's default description holds this name and the file's, which makes it \d+ characters, and Salesforce takes at most 255/);
        // Given its own description, the name is fine.
        const described = smallestWith('name: Acme Backup', `name: ${'N'.repeat(200)}`).replace('  label: Acme Backup Integration', '  label: Acme Backup Integration\n  description: d');
        expect(loadProfileFile(write('ok.yaml', described)).vendor).to.have.length(200);
      });
    });

    describe('characters XML 1.0 cannot carry, in any value, at their line', () => {
      it('a control character (\\u0001) in the label, as YAML writes it', () => {
        const problem = problemIn(smallestWith('label: Acme Backup Integration', 'label: "Acme\\u0001 Backup"'));
        expect(problem).to.include({ path: 'permissionSet.label', line: 5, column: 10 });
        expect(problem.message).to.match(/^Holds U\+0001 \(character 5\), which XML 1.0 can't carry/);
      });

      it('an escape character in a reason, as JSON writes it, and half a surrogate pair', () => {
        const json = SMALLEST.replace('Calls the REST and Bulk APIs', 'Calls \\u001b[2J the APIs').replace('Acme Backup Integration"', 'Acme \\ud83d Integration"');
        const error = refused(write('vendor.json', json));
        expect(error.data?.problems.map((p) => [p.path, p.line, p.message.slice(0, 14)])).to.deep.equal([
          ['permissionSet.label', 4, 'Holds U+D83D ('],
          ['userPermissions[0].reason', 5, 'Holds U+001B ('],
        ]);
      });

      it('U+FFFE; tab, line breaks and whole surrogate pairs are fine', () => {
        expect(problemIn(smallestWith('reason: Calls the REST and Bulk APIs', 'reason: "Calls \\uFFFE"')).path).to.equal('userPermissions[0].reason');
        const fine = smallestWith('reason: Calls the REST and Bulk APIs', 'reason: "Calls\\tthe 😀 APIs\\r\\n"');
        expect(loadProfileFile(write('ok.yaml', fine)).userPermissions?.[0].reason).to.equal('Calls\tthe 😀 APIs\r\n');
      });
    });

    it('field not written as Object.Field', () => {
      const problem = problemIn(`${SMALLEST_YAML}fieldPermissions:\n  - field: Industry\n    tier: required\n    reason: x\n`);
      expect(problem).to.include({ path: 'fieldPermissions[0].field', line: 11 });
      expect(problem.message).to.include('write Object.Field');
    });

    it('object that takes no object permissions', () => {
      const problem = problemIn(`${SMALLEST_YAML}objectPermissions:\n  - object: Task\n    access: [allowRead]\n    tier: required\n    reason: x\n`);
      expect(problem).to.include({ path: 'objectPermissions[0].object', line: 11 });
      expect(problem.message).to.include('activities have no object permissions');
    });

    it('default variant that is not among the variants, and a variant id used twice', () => {
      const error = refused(
        write('vendor.yaml', `${SMALLEST_YAML}variants:\n  - id: a\n    summary: A\n  - id: a\n    summary: Also A\ndefaultVariant: b\n`)
      );
      expect(error.data?.problems).to.deep.equal([
        { path: 'variants[1].id', line: 13, column: 9, message: 'The id "a" is used twice in this list; each must be unique.' },
        { path: 'defaultVariant', line: 15, column: 17, message: 'No variant "b" in this file. Variants: a.' },
      ]);
    });

    it('default task that is not among the tasks, and an unsupported-object pattern that is not a regular expression', () => {
      const error = refused(
        write(
          'vendor.yaml',
          `${SMALLEST_YAML}chosenObjects:\n  tier: required\n  reason: x\n  defaultTask: archive\n  tasks:\n    - { id: backup, summary: Back up, access: [allowRead] }\n  unsupported:\n    - { pattern: "(", kind: broken, reason: x }\n`
        )
      );
      expect(error.data?.problems.map((p) => `${p.line} ${p.path}`)).to.deep.equal(['13 chosenObjects.defaultTask', '17 chosenObjects.unsupported[0].pattern']);
      expect(error.data?.problems[0].message).to.equal('No task "archive" in chosenObjects.tasks. Tasks: backup.');
      expect(error.data?.problems[1].message).to.match(/^"\(" isn't a valid regular expression: /);
    });

    it('file name without .json, .yaml or .yml', () => {
      const error = refused(write('acme.txt', SMALLEST));
      expect(error.name).to.equal('ProfileFileExtensionError');
      expect(error.message).to.include('acme.txt');
    });

    it('file that cannot be read', () => {
      const error = refused(join(dir, 'missing.yaml'));
      expect(error.name).to.equal('UnreadableProfileFileError');
      expect(error.message).to.include('missing.yaml').and.include('ENOENT');
    });

    it('reports every problem at once, in the order of the file, with the schema to point an editor at', () => {
      const error = refused(write('vendor.yaml', smallestWith('tier: required', 'tier: mandatory').replace('vendor: acme-backup', 'vendor: Acme').replace('- name: ApiEnabled', '- name: Manage Flow')));
      expect(error.data?.problems.map((p) => p.path)).to.deep.equal(['vendor', 'userPermissions[0].name', 'userPermissions[0].tier']);
      expect(error.message.split('\n')).to.have.length(4);
      expect(error.actions?.[0]).to.include('schemas/vendor-profile-file.json');
    });
  });
});

/** A profile with the sources that point into the profile file itself left out: those differ by format, the rest must not. */
const withoutFileSources = (profile: VendorProfile): unknown =>
  JSON.parse(
    JSON.stringify(profile, (key, value: unknown) => {
      if (key === 'source' && typeof value === 'object' && value !== null && /\.(json|ya?ml)$/.test((value as PageRef).document ?? '')) return undefined;
      if (key === 'pages' || key === 'summary' || key === 'description') return undefined;
      return typeof value === 'string' ? value.replace(/[\w-]+\.(json|ya?ml)\b/g, '<profile file>') : value;
    })
  ) as unknown;
