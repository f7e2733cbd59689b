import { Messages } from '@salesforce/core';
import { compareKeys, isInKeyOrder } from '../metadata/order.js';
import { readTable } from '../reference/tables.js';
import type { FieldPermissionRequirement, Traced } from '../profiles/types.js';
import type { Because, CoveredField, OmittedItem, PlannedFieldPermission } from './model.js';
import type { SchemaIndex } from './org-fields.js';
import { orgFieldVerdict } from './org-fields.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'resolve');

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

/** The verdicts of nearly every field, shared: a large profile has one per entry. */
const PERMISSIONABLE: FieldVerdict = Object.freeze({ kind: 'permissionable', verified: true });
const PERMISSIONABLE_UNVERIFIED: FieldVerdict = Object.freeze({ kind: 'permissionable', verified: false });

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
  // A custom field is none of the standard fields below (nor in the bundled table): the bulk of a large profile.
  if (qualifiedName.endsWith('__c')) return PERMISSIONABLE_UNVERIFIED;
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
  if (!fact) return PERMISSIONABLE_UNVERIFIED;
  // Required: set on create and never empty. Checkboxes are never empty either, yet stay under field-level security.
  if (fact.properties.has('Create') && !fact.properties.has('Nillable') && fact.type !== 'boolean') {
    return { kind: 'covered', why: 'required fields are always readable' };
  }
  return PERMISSIONABLE;
};

/**
 * One entry per field, in field order: read, edit where any reason asks for it, every reason kept in the order
 * given. Sorting first puts the entries of a field side by side (the sort is stable), so merging is one pass
 * with no per-field lookup, and an entry named once is kept as it is.
 */
export const mergeFieldPermissions = (planned: readonly PlannedFieldPermission[]): PlannedFieldPermission[] => {
  // A profile written by a program is often in field order already: then there is nothing to copy and sort.
  const sorted = isInKeyOrder(planned, (f) => f.field) ? planned : [...planned].sort((a, b) => compareKeys(a.field, b.field));
  const merged: PlannedFieldPermission[] = [];
  for (let i = 0; i < sorted.length; ) {
    const first = sorted[i++];
    if (i === sorted.length || sorted[i].field !== first.field) {
      merged.push(first);
      continue;
    }
    const entry = { ...first, because: [...first.because] };
    for (; i < sorted.length && sorted[i].field === first.field; i++) {
      entry.editable ||= sorted[i].editable;
      entry.verified ||= sorted[i].verified;
      entry.because.push(...sorted[i].because);
    }
    merged.push(entry);
  }
  return merged;
};

/**
 * The vendor's own fields: written, listed as covered, or left out. With the org's schema (`index`), the
 * org's describe decides; a required field the org lacks, or whose object it couldn't describe, fails the
 * plan with every such field named, since the integration can't work without it.
 */
export const planVendorFields = (
  vendor: string,
  items: readonly FieldPermissionRequirement[],
  index: SchemaIndex | undefined,
  fromVendor: (item: Traced) => Because
): { fieldPermissions: PlannedFieldPermission[]; covered: CoveredField[]; omitted: OmittedItem[] } => {
  const fieldPermissions: PlannedFieldPermission[] = [];
  const covered: CoveredField[] = [];
  const omitted: OmittedItem[] = [];
  const missingRequired: string[] = [];
  for (const item of items) {
    const because = [fromVendor(item)];
    if (index) {
      const dot = item.field.indexOf('.');
      const [objectName, fieldName] = [item.field.slice(0, dot), item.field.slice(dot + 1)];
      const described = index.object(objectName);
      if (described) {
        const field = index.field(objectName, fieldName);
        if (!field) {
          if (item.tier === 'required') missingRequired.push(item.field);
          else omitted.push({ item: `field permission ${item.field}`, why: messages.getMessage('orgField.notInOrg'), because });
          continue;
        }
        const qualified = `${described.name}.${field.name}`;
        const verdict = orgFieldVerdict(described, field, item.editable);
        if (verdict.kind === 'read') fieldPermissions.push({ field: qualified, readable: true, editable: verdict.editable, verified: true, because });
        else covered.push({ field: qualified, why: verdict.why, because });
        continue;
      }
      const failure = index.failure(objectName);
      if (failure && item.tier === 'required') {
        missingRequired.push(`${item.field} (${failure})`);
        continue;
      }
    }
    const verdict = classifyField(item.field);
    if (verdict.kind === 'permissionable') {
      fieldPermissions.push({ field: item.field, readable: true, editable: item.editable, verified: verdict.verified, because });
    } else if (verdict.kind === 'covered') covered.push({ field: item.field, why: verdict.why, because });
    else omitted.push({ item: `field permission ${item.field}`, why: verdict.why, because });
  }
  if (missingRequired.length > 0) throw messages.createError('error.RequiredFieldsMissing', [vendor, missingRequired.join(', ')]);
  return { fieldPermissions, covered, omitted };
};
