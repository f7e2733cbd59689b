import { Messages } from '@salesforce/core';
import type { VendorProfile } from '../profiles/types.js';
import type { IntegrationUserPlan } from '../resolve/model.js';
import type { ResolveOptions, UserPlan } from '../resolve/resolve.js';
import { resolveUserPlan } from '../resolve/resolve.js';
import type { MergeResult } from '../write/files.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'files');

/**
 * A user definition file for `sf org create user --definition-file`: the vendor's user name, User
 * fields and profile, and the permission sets that need no license first. Nothing secret: no
 * password, no username unless --username names the one a User Access Policy selects (else the command
 * makes a unique one), and the rest comes from the org's admin.
 */
export type UserDefinition = Record<string, string | boolean | string[]>;

/** What a user definition is made of: the plan's user part, its permission set's name, its User Access Policy. */
type UserDefinitionPlan = UserPlan & Pick<IntegrationUserPlan, 'userAccessPolicy'>;

/**
 * Permission sets `sf org create user` can assign as it creates the user. Those that need a permission set
 * license wait for it; all wait where the user's license takes no permission set before one (API-only users).
 */
export const permsetsAtCreation = (plan: UserDefinitionPlan): string[] =>
  plan.permissionSetLicenses.some((l) => l.neededForAnyPermissionSet)
    ? []
    : [plan.permissionSet.fullName, ...plan.permissionSetAssignments.filter((a) => !a.requiresLicense).map((a) => a.name)];

export const toUserDefinition = (plan: UserDefinitionPlan): UserDefinition => ({
  ...(plan.userName.firstName ? { FirstName: plan.userName.firstName } : {}),
  LastName: plan.userName.lastName,
  // The username the User Access Policy selects; without one, sf org create user makes a unique one.
  ...(plan.userAccessPolicy ? { Username: plan.userAccessPolicy.username } : {}),
  ...Object.fromEntries(plan.userFields.map((f) => [f.field, f.value])),
  profileName: plan.userProfile.name ?? '',
  permsets: permsetsAtCreation(plan),
});

export const renderUserDefinition = (definition: UserDefinition): string => `${JSON.stringify(definition, null, 2)}\n`;

/**
 * What the plugin would write in the user definition for each of the profile's variants, with and without the
 * recommended items: the values the plugin owns. A file that differs from this run's only by those values was
 * written by an earlier run (another variant, another --include) and is updated; any other value is the user's.
 */
export const userDefinitionsOf = (profile: VendorProfile, options: ResolveOptions): UserDefinition[] => {
  const variants = profile.variants?.map((v) => v.id) ?? [undefined];
  return variants.flatMap((variant) =>
    [false, true].flatMap((includeRecommended) => {
      try {
        // The user part alone: the permissions, fields and org a full resolve would go through don't change it.
        return [toUserDefinition(resolveUserPlan(profile, { variant, includeRecommended, profileName: options.profileName }))];
      } catch {
        // A variant these options don't fit (one that needs --profile-name, say) writes nothing here.
        return [];
      }
    })
  );
};

type Json = string | boolean | number | null | Json[] | { [key: string]: Json };

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const shownValue = (value: unknown): string => JSON.stringify(value);

/**
 * Bring a user definition file up to date with this run, keeping what the user added: keys the plugin never
 * writes are kept, values an earlier run wrote are updated, and so are the plugin's permission sets in
 * `permsets` (the user's own are kept after them). A value the user changed is a conflict naming the key.
 * `replace` (--replace user-definition) takes this run's file instead.
 */
export const mergeUserDefinition =
  (generated: UserDefinition, owned: readonly UserDefinition[], replace: boolean) =>
  (existing: string, path: string): MergeResult => {
    if (replace) return { content: renderUserDefinition(generated) };
    let parsed: unknown;
    try {
      parsed = JSON.parse(existing);
    } catch (error) {
      return { conflict: messages.getMessage('conflict.userDefinitionUnreadable', [path, (error as Error).message]) };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return { conflict: messages.getMessage('conflict.userDefinitionUnreadable', [path, messages.getMessage('conflict.notAnObject')]) };
    }
    const file = parsed as Record<string, Json>;
    const ownedValues = (key: string): unknown[] => [generated[key], ...owned.map((d) => d[key])].filter((v) => v !== undefined);
    const conflicts: string[] = [];
    const merged: Record<string, Json> = {};
    for (const [key, value] of Object.entries(generated)) {
      const present = file[key];
      if (key === 'permsets' && Array.isArray(value)) {
        if (present !== undefined && !Array.isArray(present)) {
          conflicts.push(messages.getMessage('conflict.userDefinitionKey', [key, shownValue(present), shownValue(value)]));
          continue;
        }
        const ours = new Set(owned.flatMap((d) => (Array.isArray(d.permsets) ? d.permsets : [])).concat(value));
        merged[key] = [...value, ...(present ?? []).filter((name) => typeof name !== 'string' || !ours.has(name))];
      } else if (present === undefined || same(present, value) || ownedValues(key).some((v) => same(v, present))) {
        merged[key] = value;
      } else {
        conflicts.push(messages.getMessage('conflict.userDefinitionKey', [key, shownValue(present), shownValue(value)]));
      }
    }
    if (conflicts.length > 0) return { conflict: messages.getMessage('conflict.userDefinition', [path, conflicts.join('; ')]) };
    for (const [key, value] of Object.entries(file)) {
      if (key in merged) continue;
      // A key an earlier run wrote (a User field of another variant) goes with it; any other key is the user's.
      const writtenBefore = owned.some((d) => d[key] !== undefined && same(d[key], value));
      if (!writtenBefore) merged[key] = value;
    }
    // Same content, however it is laid out: the file is left as it is.
    return { content: same(merged, file) ? existing : `${JSON.stringify(merged, null, 2)}\n` };
  };
