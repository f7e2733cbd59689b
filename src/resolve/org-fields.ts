import { Messages } from '@salesforce/core';
import type { FieldSchema, ObjectSchema, SchemaRead } from '../org/schema.js';
import type { Traced, VendorProfile } from '../profiles/types.js';
import type { Because, OmittedItem, PlannedFieldPermission, PlannedObjectPermission } from './model.js';
import { noObjectPermissionsReason, unsupportedRule } from './objects.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'resolve');

/** An object of the org left out before describing it, and why. */
export type SkippedObject = { object: string; why: string; unsupportedKind?: string };

/** What `--target-org --all-fields` read from the org: an input of the plan, beside the vendor profile. */
export type OrgFields = {
  schema: SchemaRead;
  skipped: SkippedObject[];
  /** Every object name of the org's global describe, where it was read (no `--objects`): the org's object list. */
  globalObjects?: ReadonlySet<string>;
};

/** Object kinds whose fields never take field-level security: describing them would only cost requests. */
const NO_FIELD_SECURITY: ReadonlyArray<{ pattern: RegExp; why: string }> = [
  { pattern: /Share$/, why: 'sharing objects have no field-level security' },
  { pattern: /History$/, why: 'field history objects have no field-level security' },
  { pattern: /Feed$/, why: 'feed objects have no field-level security' },
  { pattern: /ChangeEvent$/, why: 'change events follow their parent object' },
  { pattern: /__mdt$/, why: 'custom metadata types take customMetadataTypeAccesses' },
  { pattern: /__e$/, why: 'platform events have no field-level security' },
];

/**
 * Of the org's queryable objects, those whose fields to read. Vendors that act on the objects the admin
 * chooses also skip the kinds their page lists as unsupported and those without object permissions,
 * since every object read becomes one of their objects.
 */
export const objectsToRead = (profile: VendorProfile, orgObjects: readonly string[]): { objects: string[]; skipped: SkippedObject[] } => {
  const objects: string[] = [];
  const skipped: SkippedObject[] = [];
  const chosen = profile.chosenObjects;
  for (const object of orgObjects) {
    const unsupported = chosen ? unsupportedRule(chosen, object) : undefined;
    const why = unsupported?.reason ?? NO_FIELD_SECURITY.find((k) => k.pattern.test(object))?.why ?? (chosen ? noObjectPermissionsReason(object) : undefined);
    if (why) skipped.push({ object, why, ...(unsupported ? { unsupportedKind: unsupported.kind } : {}) });
    else objects.push(object);
  }
  return { objects, skipped };
};

/**
 * The objects whose every permissionable field the plan reads: `--objects` where given, else the plan's
 * own objects, else (undefined) every object read from the org.
 */
export const fieldObjects = (requested: readonly string[] | undefined, planObjects: readonly string[]): string[] | undefined =>
  requested?.length ? [...requested] : planObjects.length > 0 ? [...planObjects] : undefined;

export type OrgFieldVerdict = { kind: 'read'; editable: boolean; evidence: string } | { kind: 'skip'; why: string };

/**
 * What a permission set may say about a field, from the org's describe. A fieldPermissions entry for a field
 * that can't carry field-level security fails the deploy ("You cannot deploy to a required field"), so those
 * are never written; edit access only where the vendor writes to the object and the field can be written.
 */
export const orgFieldVerdict = (object: ObjectSchema, field: FieldSchema, vendorWrites: boolean): OrgFieldVerdict => {
  if (!field.permissionable) return { kind: 'skip', why: messages.getMessage('orgField.notPermissionable') };
  if (field.relationshipOrder !== undefined) return { kind: 'skip', why: messages.getMessage('orgField.masterDetail') };
  if (field.createable && !field.nillable && !field.defaultedOnCreate && field.type !== 'boolean') {
    return { kind: 'skip', why: messages.getMessage('orgField.required') };
  }
  const writable = field.updateable && !field.calculated && !field.autoNumber;
  const editable = vendorWrites && writable;
  const traits = [field.calculated ? 'calculated' : '', field.autoNumber ? 'autoNumber' : '', field.updateable ? 'updateable' : '']
    .filter(Boolean)
    .join(', ');
  return {
    kind: 'read',
    editable,
    evidence: messages.getMessage(editable ? 'orgField.readEdit' : 'orgField.read', [object.name, traits ? ` (${traits})` : '']),
  };
};

/** Case-insensitive lookups into the schema read from the org, as Salesforce names are. */
export class SchemaIndex {
  private readonly objects = new Map<string, { schema: ObjectSchema; fields: Map<string, FieldSchema> }>();
  private readonly failures = new Map<string, string>();

  public constructor(read: SchemaRead) {
    for (const [name, schema] of read.objects) {
      this.objects.set(name.toLowerCase(), { schema, fields: new Map(schema.fields.map((f) => [f.name.toLowerCase(), f])) });
    }
    for (const f of read.failed) this.failures.set(f.object.toLowerCase(), `${f.errorCode}: ${f.message}`);
  }

  public object(name: string): ObjectSchema | undefined {
    return this.objects.get(name.toLowerCase())?.schema;
  }

  public field(object: string, field: string): FieldSchema | undefined {
    return this.objects.get(object.toLowerCase())?.fields.get(field.toLowerCase());
  }

  /** The describe error for an object whose describe failed. */
  public failure(object: string): string | undefined {
    return this.failures.get(object.toLowerCase());
  }
}

const WRITE_ACCESS = ['allowCreate', 'allowEdit', 'modifyAllRecords'] as const;

/**
 * Read access on every field of the plan's objects (or of `requested`) that can carry field-level security,
 * from the org's describe; edit access where the vendor writes to the object. Objects the org couldn't
 * describe and objects left out before describing are reported, not guessed at.
 */
export const orgFieldPermissions = (
  profile: VendorProfile,
  org: OrgFields,
  index: SchemaIndex,
  plan: {
    requested?: readonly string[];
    objectPermissions: readonly PlannedObjectPermission[];
    vendorObjects: readonly string[];
    modifyAllData: boolean;
    fromVendor: (item: Traced) => Because;
  }
): { fieldPermissions: PlannedFieldPermission[]; omitted: OmittedItem[] } => {
  const writes = new Map(plan.objectPermissions.map((o) => [o.object.toLowerCase(), WRITE_ACCESS.some((a) => o.access[a])]));
  const targets = fieldObjects(plan.requested, plan.vendorObjects) ?? [...org.schema.objects.keys()];
  const fieldPermissions: PlannedFieldPermission[] = [];
  for (const target of targets) {
    const object = index.object(target);
    if (!object) continue; // Not described: its failure, or its skip, is reported below.
    const vendorWrites = plan.modifyAllData || (writes.get(target.toLowerCase()) ?? false);
    for (const field of object.fields) {
      const verdict = orgFieldVerdict(object, field, vendorWrites);
      if (verdict.kind !== 'read') continue;
      fieldPermissions.push({
        field: `${object.name}.${field.name}`,
        readable: true,
        editable: verdict.editable,
        verified: true,
        because: [{ from: 'org', evidence: verdict.evidence }],
      });
    }
  }

  const orgBecause: Because = { from: 'org', evidence: messages.getMessage('orgField.vendorDescribe') };
  const omitted: OmittedItem[] = org.schema.failed.map((f) => ({
    item: `fields of ${f.object}`,
    why: messages.getMessage('orgField.describeFailed', [`${f.errorCode}: ${f.message}`]),
    because: [orgBecause],
  }));
  // One line per reason: an org has hundreds of sharing and history objects.
  const byReason = new Map<string, SkippedObject[]>();
  for (const s of org.skipped) byReason.set(s.why, [...(byReason.get(s.why) ?? []), s]);
  const chosen = profile.chosenObjects;
  for (const [why, objects] of byReason) {
    const vendorRule = chosen && objects[0].unsupportedKind ? unsupportedRule(chosen, objects[0].object) : undefined;
    omitted.push({
      item: messages.getMessage('orgField.skippedObjects', [listSome(objects.map((o) => o.object))]),
      why,
      because: [vendorRule && chosen ? plan.fromVendor({ tier: chosen.tier, reason: vendorRule.reason, source: vendorRule.source }) : orgBecause],
    });
  }
  return { fieldPermissions, omitted };
};

const listSome = (names: string[], shown = 5): string =>
  names.length > shown ? `${names.slice(0, shown).join(', ')} and ${names.length - shown} more` : names.join(', ');
