import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { Ajv } from 'ajv';
import { COMMAND_RESULTS, ORG_SHAPE_FILE, PROFILE_FILE, PROFILE_FILE_VALIDATOR, generateProfileValidator, generateSchema } from '../scripts/schemas.js';
import { BUILT_IN_PROFILES } from '../src/profiles/index.js';
import { generate } from '../src/generate.js';
import { resolveLayout } from '../src/layout.js';
import { referenceFile } from './helpers/shared.js';

const committed = (file: string): string => readFileSync(new URL(`../schemas/${file}`, import.meta.url), 'utf8');

describe('--json result schemas (schemas/)', () => {
  it('match the result types; run npm run schemas after changing them', function () {
    this.timeout(120_000);
    for (const { file, source, type } of COMMAND_RESULTS) expect(generateSchema(source, type), file).to.equal(committed(file));
  });

  it('describe what generate returns for every vendor', async () => {
    const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(JSON.parse(committed('integration-user-generate.json')) as object);
    const dir = mkdtempSync(join(tmpdir(), 'iu-schema-'));
    writeFileSync(join(dir, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }] }));
    mkdirSync(join(dir, 'force-app'));
    try {
      for (const profile of BUILT_IN_PROFILES) {
        const layout = await resolveLayout({ vendor: profile.id, cwd: dir });
        const result = await generate(profile, { layout, cwd: dir, dryRun: true, includeRecommended: true, objects: profile.chosenObjects ? ['Account'] : undefined });
        const valid = validate(JSON.parse(JSON.stringify(result)));
        expect(valid, `${profile.id}: ${JSON.stringify(validate.errors)}`).to.equal(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('profile file schema (schemas/vendor-profile-file.json)', () => {
  const schema = JSON.parse(committed(PROFILE_FILE.file)) as { definitions: Record<string, { enum?: string[] }> };

  it('matches the VendorProfileFile type; run npm run schemas after changing it', function () {
    this.timeout(120_000);
    expect(generateSchema(PROFILE_FILE.source, PROFILE_FILE.type)).to.equal(committed(PROFILE_FILE.file));
  });

  it('is the schema the plugin validates with: the compiled validator is compiled from it; run npm run schemas after changing it', () => {
    expect(generateProfileValidator(committed(PROFILE_FILE.file))).to.equal(readFileSync(new URL(`../${PROFILE_FILE_VALIDATOR}`, import.meta.url), 'utf8'));
  });

  it('offers exactly the true-or-false SecuritySettings preferences of the Metadata API schema', () => {
    const xsd = /<xsd:complexType name="SecuritySettings">([\s\S]*?)<\/xsd:complexType>/.exec(referenceFile('metadata-permissionset.xsd'))?.[1] ?? '';
    const booleans = [...xsd.matchAll(/<xsd:element name="(\w+)"[^>]*type="xsd:boolean"/g)].map((m) => m[1]);
    expect(booleans).to.have.length.greaterThan(5);
    expect(schema.definitions.SecurityPreference.enum).to.deep.equal(booleans);
  });
});

describe('org shape schema (schemas/org-shape.json)', () => {
  it('matches the OrgShapeFile type; run npm run schemas after changing it', function () {
    this.timeout(120_000);
    expect(generateSchema(ORG_SHAPE_FILE.source, ORG_SHAPE_FILE.type)).to.equal(committed(ORG_SHAPE_FILE.file));
  });

  it('accepts the minimal hand-written form and the committed example, and requires the three lists', () => {
    const validate = new Ajv({ allErrors: true }).compile(JSON.parse(committed(ORG_SHAPE_FILE.file)) as object);
    const minimal = { userPermissions: ['ApiEnabled', 'ModifyAllData', 'ViewAllData'], permissionDependencies: [{ permission: 'ModifyAllData', requiredPermission: 'ViewAllData' }], objects: ['Account'] };
    expect(validate(minimal), JSON.stringify(validate.errors)).to.equal(true);
    const example = JSON.parse(readFileSync(new URL('fixtures/org/shape/forecasting-experiences.org-shape.json', import.meta.url), 'utf8')) as object;
    expect(validate(example)).to.equal(true);
    expect(validate({ userPermissions: [], objects: [] })).to.equal(false);
  });
});
