import { readTable } from '../reference/tables.js';

/**
 * Whether a field can carry field-level security. A fieldPermissions entry for a field that cannot
 * (Name, OwnerId, audit fields, required fields) fails the deploy, so such fields are listed as
 * covered instead of written. The org's describe (`permissionable`) is the authority; offline, the
 * bundled SOAP API field properties (data/standard-object-fields.tsv) stand in for it.
 */
export type FieldVerdict =
  /** verified: the field is in the bundled table; custom and unlisted fields exist only if the org has them. */
  | { kind: 'permissionable'; verified: boolean }
  /** Readable without field-level security: listed as covered. */
  | { kind: 'covered'; why: string }
  /** May not exist in the org: left out so the deploy cannot fail on it. */
  | { kind: 'feature-dependent'; why: string };

/** Present on every object, always readable, never under field-level security. */
const SYSTEM_FIELDS = new Set(['Id', 'IsDeleted', 'CreatedById', 'CreatedDate', 'LastModifiedById', 'LastModifiedDate', 'SystemModstamp']);

/** Fields that exist only where a feature is on: writing one to an org without it fails the deploy. */
const FEATURE_FIELDS: ReadonlyMap<string, string> = new Map([
  ['Opportunity.Territory2Id', 'exists only when Enterprise Territory Management is enabled'],
]);

type FieldFacts = { type: string; properties: Set<string> };

let facts: ReadonlyMap<string, FieldFacts> | undefined;

const fieldFacts = (): ReadonlyMap<string, FieldFacts> => {
  facts ??= new Map(
    readTable('standard-object-fields.tsv').map((row) => [
      `${row.object}.${row.field}`,
      { type: row.type, properties: new Set(row.properties.split(', ')) },
    ])
  );
  return facts;
};

/** `qualifiedName` is `Object.Field`, as fieldPermissions/field names it. */
export const classifyField = (qualifiedName: string): FieldVerdict => {
  const field = qualifiedName.slice(qualifiedName.indexOf('.') + 1);
  if (SYSTEM_FIELDS.has(field)) return { kind: 'covered', why: 'audit and system fields are always readable' };
  if (field === 'OwnerId') return { kind: 'covered', why: 'the owner field is always readable' };
  if (field === 'Name') return { kind: 'covered', why: 'the Name field is always readable' };
  if (field === 'RecordTypeId') {
    return { kind: 'covered', why: 'record type access comes from record type visibility, not field-level security' };
  }
  const feature = FEATURE_FIELDS.get(qualifiedName);
  if (feature) return { kind: 'feature-dependent', why: `${qualifiedName} ${feature}` };
  const fact = fieldFacts().get(qualifiedName);
  if (!fact) return { kind: 'permissionable', verified: false };
  // Required: set on create and never empty. Checkboxes are never empty either, yet stay under field-level security.
  if (fact.properties.has('Create') && !fact.properties.has('Nillable') && fact.type !== 'boolean') {
    return { kind: 'covered', why: 'required fields are always readable' };
  }
  return { kind: 'permissionable', verified: true };
};
