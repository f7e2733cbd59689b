/**
 * Phrases for how an API name was established. A test checks each `permissionTable` claim
 * against the bundled user permission table (data/user-permissions.tsv).
 */

/** The reason of an item the vendor lists without one: said plainly rather than made up. */
export const NO_REASON_GIVEN = 'Listed in the vendor\'s permissions table; the page gives no reason of its own.';

/** The name and label appear together in the PermissionSet field reference (data/user-permissions.tsv). */
export const permissionTable = (name: string, label: string): string =>
  `data/user-permissions.tsv: ${name} = "${label}" (Salesforce SOAP API reference, PermissionSet object)`;

/**
 * CreateAuditFields and UpdateWithInactiveOwner exist only once the org preference is on, so the
 * PermissionSet field reference leaves them out.
 */
export const auditFieldsPermission = (name: string, seenAt: string): string =>
  `${name}: exists only once SecuritySettings.enableAuditFieldsInactiveOwner is on, so it is missing from data/user-permissions.tsv; ${seenAt}`;

/** The API name as a user's profile file states it, unchecked by the plugin's tables. */
export const namedInProfileFile = (name: string, file: string): string => `${name}, as the profile file ${file} names it`;
