import { Messages } from '@salesforce/core';
import type { Requirements, VendorProfile } from '../profiles/types.js';
import { readTable } from '../reference/tables.js';
import { AUDIT_FIELDS_PREFERENCE } from '../profiles/org-preferences.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'catalog');

/**
 * The user permissions the plugin knows: Metadata API name (the PermissionSet field without its
 * `Permissions` prefix) and Setup label, from data/user-permissions.tsv. An org may have more
 * (features, newer releases); with `--target-org` the org's own PermissionSet describe is the authority.
 */
export type PermissionCatalog = {
  has(name: string): boolean;
  label(name: string): string | undefined;
  /**
   * The closest known names to what someone typed: case slips, labels, near misses. Best first.
   * `maxDistance`: the edits allowed; by default a third of the word, at least 2.
   */
  suggest(typed: string, limit?: number, maxDistance?: number): string[];
};

type Entry = { name: string; label: string; nameKey: string; labelKey: string };

/** Case, spaces and punctuation don't tell permissions apart: "Manage flow" and "manage_flow" are both "manageflow". */
const squash = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Optimal string alignment distance, stopping early once it exceeds `limit`. */
const editDistance = (a: string, b: string, limit: number): number => {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let beforePrevious = previous;
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, beforePrevious[j - 2] + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length];
};

export const createCatalog = (rows: ReadonlyArray<{ name: string; label: string }>): PermissionCatalog => {
  const entries: Entry[] = rows.map(({ name, label }) => ({ name, label, nameKey: squash(name), labelKey: squash(label) }));
  const byName = new Map(entries.map((e) => [e.name, e]));
  return {
    has: (name) => byName.has(name),
    label: (name) => byName.get(name)?.label,
    suggest(typed, limit = 3, maxDistance?: number) {
      const key = squash(typed);
      if (key.length === 0) return [];
      // A third of the word, at least 2: "ApiEnabld" finds ApiEnabled, "Manage" doesn't find every Manage*.
      const tolerance = maxDistance ?? Math.max(2, Math.floor(key.length / 3));
      const scored: Array<{ name: string; score: number }> = [];
      for (const entry of entries) {
        const score = Math.min(editDistance(key, entry.nameKey, tolerance), editDistance(key, entry.labelKey, tolerance));
        if (score <= tolerance) scored.push({ name: entry.name, score });
      }
      return scored
        .sort((a, b) => a.score - b.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .slice(0, limit)
        .map((s) => s.name);
    },
  };
};

let bundled: PermissionCatalog | undefined;

export const bundledCatalog = (): PermissionCatalog => {
  bundled ??= createCatalog([
    ...readTable('user-permissions.tsv', ['name', 'label']).map((row) => ({ name: row.name, label: row.label })),
    ...AUDIT_FIELDS_PREFERENCE.permissions,
  ]);
  return bundled;
};

/** A user permission name in a profile that the catalog doesn't know. */
export type UnknownPermission = {
  /** Where in the profile, e.g. `userPermissions[3].name` or `variants[1].userPermissions[0].name`. */
  path: string;
  name: string;
  suggestions: string[];
};

/** Every user permission name in the profile and its variants that `known` rejects, with the closest known names. */
export const findUnknownPermissions = (
  profile: VendorProfile,
  known: (name: string) => boolean = (name) => bundledCatalog().has(name),
  catalog: PermissionCatalog = bundledCatalog()
): UnknownPermission[] => {
  const check = (requirements: Requirements, prefix: string): UnknownPermission[] =>
    (requirements.userPermissions ?? []).flatMap((permission, i) =>
      known(permission.name) ? [] : [{ path: `${prefix}userPermissions[${i}].name`, name: permission.name, suggestions: catalog.suggest(permission.name) }]
    );
  return [...check(profile, ''), ...(profile.variants ?? []).flatMap((variant, i) => check(variant, `variants[${i}].`))];
};

/** `ManageInteraction (Manage Flow)`: how a suggestion reads in an error. */
export const describePermission = (name: string, catalog: PermissionCatalog = bundledCatalog()): string => {
  const label = catalog.label(name);
  return label ? `${name} (${label})` : name;
};

/** The error for unknown names: each with its place in the profile and what was probably meant. */
export const unknownPermissionsError = (unknown: UnknownPermission[], profileName: string, catalog: PermissionCatalog = bundledCatalog()): Error =>
  messages.createError(
    'error.UnknownPermissions',
    [profileName, unknown.length],
    [
      unknown
        .map((u) =>
          u.suggestions.length > 0
            ? messages.getMessage('unknown.withSuggestions', [u.path, u.name, u.suggestions.map((s) => describePermission(s, catalog)).join(', ')])
            : messages.getMessage('unknown.noSuggestions', [u.path, u.name])
        )
        .join('\n'),
    ]
  );
