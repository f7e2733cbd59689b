import { Messages } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'resolve');

/** An object API name: letters, digits and single underscores, an optional namespace and suffix (`ns__Object__c`). */
const OBJECT_NAME = /^(?:[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*__)?[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*(?:__[A-Za-z]+)?$/;

/** Objects that take no objectPermissions entry in a permission set, whoever the vendor. */
const NO_OBJECT_PERMISSIONS: ReadonlyArray<{ pattern: RegExp; why: string }> = [
  { pattern: /^(Task|Event)$/, why: 'activities have no object permissions; Edit Tasks and Edit Events and the parent record grant access' },
  { pattern: /__mdt$/, why: 'custom metadata types take customMetadataTypeAccesses, not object permissions' },
  { pattern: /__Share$/, why: 'sharing objects follow their parent object and take no object permissions' },
];

/** Refuse a name that cannot be an object in a permission set's objectPermissions. */
export const checkObjectName = (object: string): void => {
  if (!OBJECT_NAME.test(object)) throw messages.createError('error.InvalidObjectName', [object]);
  const rule = NO_OBJECT_PERMISSIONS.find((r) => r.pattern.test(object));
  if (rule) throw messages.createError('error.NoObjectPermissions', [object, rule.why]);
};
