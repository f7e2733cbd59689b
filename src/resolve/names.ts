import { Messages } from '@salesforce/core';
import { readTable } from '../reference/tables.js';
import type { Requirements, Variant, VendorProfile } from '../profiles/types.js';
import type { PermissionCatalog } from './catalog.js';
import { createCatalog } from './catalog.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'names');

/**
 * Suffixes of objects that take object permissions, beside standard objects (Salesforce's object name
 * suffixes): custom objects, external objects, big objects, platform events, knowledge article versions.
 * Custom metadata types (`__mdt`), sharing, history and feed objects take none and are refused elsewhere.
 */
export const OBJECT_SUFFIXES: ReadonlyArray<{ suffix: string; kind: string }> = [
  { suffix: 'c', kind: 'custom objects' },
  { suffix: 'x', kind: 'external objects' },
  { suffix: 'b', kind: 'big objects' },
  { suffix: 'e', kind: 'platform events' },
  { suffix: 'kav', kind: 'knowledge article versions' },
];

/** Custom fields, and custom fields of person accounts on Account and Contact. */
const FIELD_SUFFIXES = ['c', 'pc'];

/** Present on every object (the SOAP API's system fields), whatever the bundled table lists. */
const SYSTEM_FIELDS = new Set(['Id', 'IsDeleted', 'CreatedById', 'CreatedDate', 'LastModifiedById', 'LastModifiedDate', 'SystemModstamp']);

/**
 * A name one edit from a known one is a typo (`Acount`, `Contatc`), not another object: the bundled lists
 * are incomplete, so a name further off is left for the org to confirm rather than refused.
 */
const TYPO_DISTANCE = 1;

/** How a name fares against the objects and fields known. `verified`: known to exist, not only well formed. */
export type NameVerdict = { ok: true; verified: boolean } | { ok: false; problem: string };

/** A name that passes is the common case, once per field of a large profile: one shared verdict each. */
const VERIFIED: NameVerdict = Object.freeze({ ok: true, verified: true });
const UNVERIFIED: NameVerdict = Object.freeze({ ok: true, verified: false });

type Known = { names: ReadonlySet<string>; byLowerCase: ReadonlyMap<string, string>; catalog: PermissionCatalog };

const knownNames = (names: Iterable<string>): Known => {
  const set = new Set(names);
  return {
    names: set,
    byLowerCase: new Map([...set].map((n) => [n.toLowerCase(), n])),
    catalog: createCatalog([...set].map((name) => ({ name, label: name }))),
  };
};

let bundledObjects: Known | undefined;
let bundledFields: Map<string, Known> | undefined;

/** The standard objects of data/standard-objects.tsv. */
export const standardObjects = (): ReadonlySet<string> => bundled().names;

const bundled = (): Known => (bundledObjects ??= knownNames(readTable('standard-objects.tsv').map((row) => row.object)));

const fieldsOf = (object: string): Known | undefined => {
  if (!bundledFields) {
    const byObject = new Map<string, string[]>();
    for (const row of readTable('standard-object-fields.tsv')) {
      const fields = byObject.get(row.object);
      if (fields) fields.push(row.field);
      else byObject.set(row.object, [row.field]);
    }
    bundledFields = new Map([...byObject].map(([name, fields]) => [name, knownNames(fields)]));
  }
  return bundledFields.get(object);
};

const suffixOf = (name: string): string | undefined => /__([A-Za-z]+)$/.exec(name)?.[1];

let orgCache: { names: ReadonlySet<string>; known: Known } | undefined;
const orgKnown = (names: ReadonlySet<string>): Known => {
  if (orgCache?.names !== names) orgCache = { names, known: knownNames(names) };
  return orgCache.known;
};

/**
 * Whether `name` is an object to write. With `org` (the org's object names: its global describe or an org
 * shape's `objects`), the org decides, custom objects included. Without, the bundled standard objects and
 * Salesforce's custom suffixes do: a standard-looking name that is not in the list but is no typo of one
 * passes unverified. A wrong case is refused, never corrected: the name came from a flag or a file that
 * would stay wrong, and the plugin writes the name as given.
 */
export const objectNameVerdict = (name: string, org?: ReadonlySet<string>): NameVerdict => {
  const known = org ? orgKnown(org) : bundled();
  if (known.names.has(name)) return VERIFIED;
  const cased = known.byLowerCase.get(name.toLowerCase());
  if (cased) return { ok: false, problem: messages.getMessage('problem.WrongCase', [name, cased]) };
  if (org) {
    const closest = known.catalog.suggest(name);
    return {
      ok: false,
      problem: closest.length
        ? messages.getMessage('problem.NotInOrg', [name, closest.join(', ')])
        : messages.getMessage('problem.NotInOrgNoSuggestion', [name]),
    };
  }
  const suffix = suffixOf(name);
  if (suffix !== undefined) {
    if (OBJECT_SUFFIXES.some((s) => s.suffix === suffix)) return UNVERIFIED;
    return { ok: false, problem: messages.getMessage('problem.ObjectSuffix', [name, suffix, OBJECT_SUFFIXES.map((s) => `__${s.suffix} (${s.kind})`).join(', ')]) };
  }
  const typoOf = known.catalog.suggest(name, 3, TYPO_DISTANCE);
  if (typoOf.length) return { ok: false, problem: messages.getMessage('problem.NotStandard', [name, typoOf.join(', ')]) };
  return UNVERIFIED;
};

/**
 * Whether a field (`field` of `object`, the object already found) is one to write. Known only for the
 * standard objects of data/standard-object-fields.tsv; custom fields are the org's to confirm.
 */
export const fieldNameVerdict = (object: string, field: string): NameVerdict => {
  const fields = fieldsOf(object);
  if (!fields || SYSTEM_FIELDS.has(field)) return fields ? VERIFIED : UNVERIFIED;
  if (fields.names.has(field)) return VERIFIED;
  const cased = fields.byLowerCase.get(field.toLowerCase());
  if (cased) return { ok: false, problem: messages.getMessage('problem.WrongCase', [`${object}.${field}`, `${object}.${cased}`]) };
  const suffix = suffixOf(field);
  if (suffix !== undefined) {
    if (FIELD_SUFFIXES.includes(suffix)) return UNVERIFIED;
    return { ok: false, problem: messages.getMessage('problem.FieldSuffix', [`${object}.${field}`, suffix]) };
  }
  const typoOf = fields.catalog.suggest(field, 3, TYPO_DISTANCE);
  if (typoOf.length) return { ok: false, problem: messages.getMessage('problem.NotStandardField', [field, object, typoOf.map((f) => `${object}.${f}`).join(', ')]) };
  return UNVERIFIED;
};

/**
 * Object and `Object.Field` verdicts for one check, each object judged once: a large profile names an object
 * for every one of its fields. A field's verdict is its object's, then the field's where the object passed.
 */
export const nameJudge = (org?: ReadonlySet<string>): { object: (name: string) => NameVerdict; field: (qualified: string) => NameVerdict } => {
  const objects = new Map<string, NameVerdict>();
  const object = (name: string): NameVerdict => {
    let verdict = objects.get(name);
    if (!verdict) objects.set(name, (verdict = objectNameVerdict(name, org)));
    return verdict;
  };
  const field = (qualified: string): NameVerdict => {
    const dot = qualified.indexOf('.');
    const objectName = qualified.slice(0, dot);
    const verdict = object(objectName);
    return verdict.ok ? fieldNameVerdict(objectName, qualified.slice(dot + 1)) : verdict;
  };
  return { object, field };
};

/** Whether the object is known to exist: in the org's names where given, else a bundled standard object. */
export const objectExists = (name: string, org?: ReadonlySet<string>): boolean => {
  const verdict = objectNameVerdict(name, org);
  return verdict.ok && verdict.verified;
};

/** A name refused, with its place: `--objects`, `objectPermissions[2].object`, `variants[0].fieldPermissions[1].field`. */
export type NameFault = { path: string; problem: string };

/** The object and field names a plan writes from the vendor's items and `--objects`, each refused one with its place. */
export const findNameFaults = (
  scopes: ReadonlyArray<{ prefix: string; requirements: Requirements }>,
  objects: readonly string[],
  org?: ReadonlySet<string>
): NameFault[] => {
  const faults: NameFault[] = [];
  const judge = nameJudge(org);
  // The place is spelled out only for a fault: a large profile has a field per entry, nearly all fine.
  const judgeAll = <T>(items: readonly T[] | undefined, verdictOf: (item: T) => NameVerdict, place: (i: number) => string): void =>
    items?.forEach((item, i) => {
      const verdict = verdictOf(item);
      if (!verdict.ok) faults.push({ path: place(i), problem: verdict.problem });
    });
  judgeAll(objects, judge.object, () => '--objects');
  for (const { prefix, requirements } of scopes) {
    judgeAll(requirements.objectPermissions, (item) => judge.object(item.object), (i) => `${prefix}objectPermissions[${i}].object`);
    judgeAll(requirements.fieldPermissions, (item) => judge.field(item.field), (i) => `${prefix}fieldPermissions[${i}].field`);
  }
  return faults;
};

/** One error for every name refused, each with its place, before anything is written. */
export const nameFaultsError = (faults: readonly NameFault[], profile: string, org: boolean): Error =>
  messages.createError(org ? 'error.NamesNotInOrg' : 'error.UnknownNames', [profile, faults.map((f) => `  ${f.path}: ${f.problem}`).join('\n')]);

/** Refuse the plan where a name of the profile, of its chosen variant or of `--objects` is refused. */
export const checkPlanNames = (profile: VendorProfile, variant: Variant | undefined, objects: readonly string[], org?: ReadonlySet<string>): void => {
  const scopes = [{ prefix: '', requirements: profile as Requirements }];
  if (variant) scopes.push({ prefix: `variants[${(profile.variants ?? []).indexOf(variant)}].`, requirements: variant });
  const faults = findNameFaults(scopes, objects, org);
  if (faults.length > 0) throw nameFaultsError(faults, profile.id, org !== undefined);
};
