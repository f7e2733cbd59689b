import type { IntegrationUserPlan } from '../resolve/model.js';

/**
 * The integration user as `sf data create record --sobject User` inserts it, for a sandbox or production org, where
 * `sf org create user` refuses (it makes users in scratch orgs only). Every field the User object requires on
 * insert (Username, LastName, Email, Alias, TimeZoneSidKey, LocaleSidKey, EmailEncodingKey, LanguageLocaleKey,
 * ProfileId) is there: from the plan, from a query in the same step (the profile's Id, by name), as a default an
 * admin may change, or as a placeholder the admin fills in. No password: the user logs in as the vendor's
 * setup page says (an API-only user never logs in to the UI).
 */

export const EMAIL_PLACEHOLDER = '<email-for-the-integration-user>';
export const USERNAME_PLACEHOLDER = '<integration-user-username>';
/** Profile of a user whose vendor names none, as the user definition file has it. */
const DEFAULT_PROFILE = 'Standard User';

/** `Field=value`, quoted for sf's --values where the value has spaces or quotes. */
const pair = (field: string, value: string | boolean): string => {
  const text = String(value);
  return /^[^\s'"]+$/.test(text) ? `${field}=${text}` : `${field}='${text.replace(/'/g, "\\'")}'`;
};

/** Up to 8 letters and digits from the vendor id: User.Alias holds 8 characters. */
export const userAlias = (vendorId: string): string => vendorId.replace(/[^A-Za-z0-9]/g, '').slice(0, 8) || 'intuser';

/** The shell command that puts the profile's Id in $PROFILE_ID (the query's CSV: a header line, then the Id). */
export const profileIdQuery = (plan: IntegrationUserPlan): string =>
  `PROFILE_ID=$(sf data query --query "SELECT Id FROM Profile WHERE Name = '${(plan.userProfile.name ?? DEFAULT_PROFILE).replace(/'/g, "\\'")}'" --result-format csv | tail -n 1)`;

/** `sf data create record --sobject User --values "..."`, with $PROFILE_ID from profileIdQuery. */
export const createUserRecord = (plan: IntegrationUserPlan): string => {
  const values = [
    pair('Username', plan.userAccessPolicy?.username ?? USERNAME_PLACEHOLDER),
    ...(plan.userName.firstName ? [pair('FirstName', plan.userName.firstName)] : []),
    pair('LastName', plan.userName.lastName),
    pair('Email', EMAIL_PLACEHOLDER),
    pair('Alias', userAlias(plan.vendor.id)),
    pair('TimeZoneSidKey', 'GMT'),
    pair('LocaleSidKey', 'en_US'),
    pair('EmailEncodingKey', 'UTF-8'),
    pair('LanguageLocaleKey', 'en_US'),
    'ProfileId=$PROFILE_ID',
    ...plan.userFields.map((f) => pair(f.field, f.value)),
  ];
  return `sf data create record --sobject User --values "${values.join(' ')}"`;
};
