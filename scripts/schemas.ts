/**
 * JSON schemas (schemas/*.json) generated from their TypeScript types: the commands' --json results, and the
 * vendor profile file (`--profile-file`) that editors autocomplete against and the plugin validates with.
 * `npm run schemas` writes them; test/schemas.test.ts fails when they are stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export const COMMAND_RESULTS: Array<{ file: string; source: string; type: string }> = [
  { file: 'integration-user-generate.json', source: 'src/commands/integration-user/generate.ts', type: 'IntegrationUserGenerateResult' },
  { file: 'integration-user-list-vendors.json', source: 'src/commands/integration-user/list/vendors.ts', type: 'IntegrationUserListVendorsResult' },
  { file: 'integration-user-check.json', source: 'src/commands/integration-user/check.ts', type: 'IntegrationUserCheckResult' },
  { file: 'integration-user-format.json', source: 'src/commands/integration-user/format.ts', type: 'IntegrationUserFormatResult' },
  { file: 'integration-user-retrieve-org-shape.json', source: 'src/commands/integration-user/retrieve/org-shape.ts', type: 'IntegrationUserRetrieveOrgShapeResult' },
  { file: 'integration-user-display-vendor.json', source: 'src/commands/integration-user/display/vendor.ts', type: 'IntegrationUserDisplayVendorResult' },
  { file: 'integration-user-convert-page.json', source: 'src/commands/integration-user/convert/page.ts', type: 'IntegrationUserConvertPageResult' },
];

export const PROFILE_FILE = { file: 'vendor-profile-file.json', source: 'src/profiles/file.ts', type: 'VendorProfileFile' };

/** The org shape file (`retrieve org-shape` writes it, `--org-shape` reads it). */
export const ORG_SHAPE_FILE = { file: 'org-shape.json', source: 'src/shape/format.ts', type: 'OrgShapeFile' };

export const generateSchema = (source: string, type: string): string => {
  const schema = createGenerator({ path: `${ROOT}${source}`, tsconfig: `${ROOT}tsconfig.json`, type, skipTypeCheck: true, additionalProperties: false }).createSchema(type);
  return `${JSON.stringify(schema, null, 2)}\n`;
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const { file, source, type } of [...COMMAND_RESULTS, PROFILE_FILE, ORG_SHAPE_FILE]) writeFileSync(`${ROOT}schemas/${file}`, generateSchema(source, type));
}
