import type { IntegrationUserPlan } from '../resolve/model.js';

/**
 * A user definition file for `sf org create user --definition-file`: the vendor's user name, User
 * fields and profile, and the permission sets that need no license first. Nothing secret: no
 * password, no username unless --username names the one a User Access Policy selects (else the command
 * makes a unique one), and the rest comes from the org's admin.
 */
export type UserDefinition = Record<string, string | boolean | string[]>;

/**
 * Permission sets `sf org create user` can assign as it creates the user. Those that need a permission set
 * license wait for it; all wait where the user's license takes no permission set before one (API-only users).
 */
export const permsetsAtCreation = (plan: IntegrationUserPlan): string[] =>
  plan.permissionSetLicenses.some((l) => l.neededForAnyPermissionSet)
    ? []
    : [plan.permissionSet.fullName, ...plan.permissionSetAssignments.filter((a) => !a.requiresLicense).map((a) => a.name)];

export const toUserDefinition = (plan: IntegrationUserPlan): UserDefinition => ({
  ...(plan.userName.firstName ? { FirstName: plan.userName.firstName } : {}),
  LastName: plan.userName.lastName,
  // The username the User Access Policy selects; without one, sf org create user makes a unique one.
  ...(plan.userAccessPolicy ? { Username: plan.userAccessPolicy.username } : {}),
  ...Object.fromEntries(plan.userFields.map((f) => [f.field, f.value])),
  profileName: plan.userProfile.name ?? '',
  permsets: permsetsAtCreation(plan),
});

export const renderUserDefinition = (definition: UserDefinition): string => `${JSON.stringify(definition, null, 2)}\n`;
