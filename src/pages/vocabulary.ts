import { readTable } from '../reference/tables.js';
import { AUDIT_FIELDS_PREFERENCE } from '../profiles/org-preferences.js';
import { PhraseIndex, normWord } from './words.js';

/**
 * Salesforce's vocabulary as pages write it, from the plugin's bundled tables: user permissions by Setup
 * label, API name and earlier labels (data/user-permissions.tsv, data/user-permission-aliases.tsv),
 * standard objects by label and plural (data/standard-object-labels.tsv), their fields
 * (data/standard-object-fields.tsv), and User checkboxes (data/user-fields.tsv).
 */

export type PermissionName = { name: string; label: string; alias?: string };

export type Vocabulary = {
  permissions: PhraseIndex<PermissionName>;
  /** API names, exactly as the catalog spells them. */
  permissionNames: Map<string, PermissionName>;
  objects: PhraseIndex<string>;
  objectNames: Map<string, string>;
  objectLabel: Map<string, string>;
  /** Fields per object, by lower-case name. */
  fields: Map<string, Map<string, string>>;
  userFields: PhraseIndex<{ field: string; label: string }>;
};

/** Object labels that are everyday words: on a page they name the object only when capitalised ("Case", not "in case"). */
export const EVERYDAY_OBJECT_WORDS = new Set(
  ['case', 'order', 'event', 'task', 'group', 'note', 'idea', 'contract', 'product', 'solution', 'asset', 'quote', 'user', 'profile', 'organization', 'period', 'role', 'macro', 'individual', 'attachment', 'entitlement'].map(normWord)
);

let cached: Vocabulary | undefined;

export const vocabulary = (): Vocabulary => {
  if (cached) return cached;
  const permissions = new PhraseIndex<PermissionName>();
  const permissionNames = new Map<string, PermissionName>();
  const rows = [
    ...readTable('user-permissions.tsv', ['name', 'label']).map((r) => ({ name: r.name, label: r.label })),
    ...AUDIT_FIELDS_PREFERENCE.permissions.map((p) => ({ name: p.name, label: p.label })),
  ];
  for (const row of rows) {
    const entry = { name: row.name, label: row.label };
    permissionNames.set(row.name, entry);
    // A label of one word ("Packaging") is an everyday word on a page; such permissions are found by API name only.
    if (row.label.trim().split(/\s+/).length >= 2) permissions.add(row.label, entry);
  }
  for (const alias of readTable('user-permission-aliases.tsv')) {
    const known = permissionNames.get(alias.name);
    if (known) permissions.add(alias.alias, { ...known, alias: alias.alias });
  }

  const objects = new PhraseIndex<string>();
  const objectNames = new Map<string, string>();
  const objectLabel = new Map<string, string>();
  for (const row of readTable('standard-object-labels.tsv')) {
    objects.add(row.label, row.object);
    objects.add(row.plural, row.object);
    objectNames.set(row.object.toLowerCase(), row.object);
    objectLabel.set(row.object, row.label);
  }
  // An API name in words is a label too ("Opportunity Line Item", "Account Contact Role") where it extends a business
  // object's name; "Object Permissions" and "Apex Class" are setup objects, and on a page they are Setup's words.
  const business = new Set([...objectLabel.values()].filter((l) => !l.includes(' ')));
  for (const row of readTable('standard-objects.tsv')) {
    const words = row.object.split(/(?<=[a-z])(?=[A-Z])/);
    const extendsObject = business.has(words[0]) && !['User', 'Profile', 'Group', 'Organization'].includes(words[0]);
    if (words.length >= 2 && extendsObject && !/\d|(Share|Feed|History|ChangeEvent|Tag|Event)$/.test(row.object)) {
      objects.add(words.join(' '), row.object);
    }
  }
  const fields = new Map<string, Map<string, string>>();
  for (const row of readTable('standard-object-fields.tsv')) {
    const byName = fields.get(row.object) ?? new Map<string, string>();
    byName.set(row.field.toLowerCase(), row.field);
    fields.set(row.object, byName);
  }
  const userFields = new PhraseIndex<{ field: string; label: string }>();
  for (const row of readTable('user-fields.tsv')) userFields.add(row.label, { field: row.field, label: row.label });

  cached = { permissions, permissionNames, objects, objectNames, objectLabel, fields, userFields };
  return cached;
};

let apiNames: Set<string> | undefined;

/** The standard objects' API names (data/standard-objects.tsv), for names a page writes as one token (`CampaignMember`). */
export const standardObjects = (): Set<string> => (apiNames ??= new Set(readTable('standard-objects.tsv').map((r) => r.object)));
