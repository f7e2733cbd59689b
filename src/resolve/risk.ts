import { Messages } from '@salesforce/core';
import type { VendorProfile } from '../profiles/types.js';
import type { Because, IntegrationUserPlan } from './model.js';
import type { ResolveOptions } from './resolve.js';
import { resolvePlan } from './resolve.js';
import type { DependencyGraph } from './dependencies.js';
import { bundledDependencyGraph } from './dependencies.js';
import { describePermission } from './catalog.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'risk');

/**
 * User permissions whose reach is the whole org rather than what sharing gives the user: data in every
 * object, other users' access, the org's configuration or code. What each grants is from Salesforce Help,
 * "User Permissions" (admin_userperms.htm) and each permission's own Help page; the words are in messages/risk.md.
 */
export const ORG_WIDE_PERMISSIONS: readonly string[] = [
  'AssignPermissionSets',
  'AuthorApex',
  'CustomizeApplication',
  'InstallPackaging',
  'ManageEncryptionKeys',
  'ManageInternalUsers',
  'ManageProfilesPermissionsets',
  'ManageRoles',
  'ManageSharing',
  'ManageUsers',
  'ModifyAllData',
  'ModifyMetadata',
  'QueryAllFiles',
  'ResetPasswords',
  'ViewAllData',
  'ViewEncryptedData',
];

/** A user profile whose own permissions reach the whole org, whatever the permission set holds. */
const ORG_WIDE_PROFILES: readonly string[] = ['System Administrator'];

export type Risk = {
  /** A user permission, or `profile:<name>` for the user profile the plan recommends. */
  grant: string;
  label: string;
  why: string;
  /** Who asks for it: the vendor, or the dependency chain that brings it in. */
  because: Because[];
  /** Variants of the same vendor whose plan, with the same tiers, doesn't grant it. */
  avoidedBy: Array<{ variant: string; summary: string }>;
};

const hasGrant = (plan: IntegrationUserPlan, grant: string): boolean =>
  grant.startsWith('profile:')
    ? plan.userProfile.name === grant.slice('profile:'.length)
    : plan.permissionSet.userPermissions.some((p) => p.name === grant);

/**
 * The org-wide power the plan grants, each with who asks for it and the vendor's own variants that do without.
 * The other variants are resolved with the same options; one that can't be (it needs a flag this run lacks) isn't offered.
 */
export const assessRisks = (
  profile: VendorProfile,
  plan: IntegrationUserPlan,
  options: ResolveOptions = {},
  graph: DependencyGraph = bundledDependencyGraph()
): Risk[] => {
  const alternatives = (profile.variants ?? [])
    .filter((v) => v.id !== plan.variant?.id)
    .flatMap((v) => {
      try {
        return [{ variant: v.id, summary: v.summary, plan: resolvePlan(profile, { ...options, variant: v.id, profileName: options.profileName ?? 'x' }, graph) }];
      } catch {
        return [];
      }
    });
  const avoidedBy = (grant: string): Risk['avoidedBy'] =>
    alternatives.filter((a) => !hasGrant(a.plan, grant)).map(({ variant, summary }) => ({ variant, summary }));

  const permissions = plan.permissionSet.userPermissions
    .filter((p) => ORG_WIDE_PERMISSIONS.includes(p.name))
    .map((p): Risk => ({
      grant: p.name,
      label: describePermission(p.name),
      why: messages.getMessage(`why.${p.name}`),
      because: p.because,
      avoidedBy: avoidedBy(p.name),
    }));
  const profileName = plan.userProfile.name;
  const profiles =
    profileName && ORG_WIDE_PROFILES.includes(profileName)
      ? [
          {
            grant: `profile:${profileName}`,
            label: messages.getMessage('profile.label', [profileName]),
            why: messages.getMessage('why.profile', [profileName]),
            because: [],
            avoidedBy: avoidedBy(`profile:${profileName}`),
          },
        ]
      : [];
  return [...permissions, ...profiles];
};
