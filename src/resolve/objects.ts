import { Messages } from '@salesforce/core';
import type { ChosenObjects as ChosenObjectsRules, ObjectAccess, Traced, VendorProfile } from '../profiles/types.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'resolve');

/** An object API name: letters, digits and single underscores, an optional namespace and suffix (`ns__Object__c`). */
const OBJECT_NAME = /^(?:[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*__)?[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*(?:__[A-Za-z]+)?$/;

/** Objects that take no objectPermissions entry in a permission set, whoever the vendor. Object names are case-insensitive. */
const NO_OBJECT_PERMISSIONS: ReadonlyArray<{ pattern: RegExp; why: string }> = [
  { pattern: /^(Task|Event)$/i, why: 'activities have no object permissions; Edit Tasks and Edit Events and the parent record grant access' },
  {
    pattern: /^(User|Group|Profile|Organization|UserRole|UserLicense|PermissionSet)$/i,
    why: 'setup objects have no object permissions; system permissions such as View All Users and View Setup and Configuration grant access',
  },
  { pattern: /__mdt$/i, why: 'custom metadata types take customMetadataTypeAccesses, not object permissions' },
  { pattern: /Share$/i, why: 'sharing objects follow their parent object and take no object permissions' },
  { pattern: /ChangeEvent$/i, why: 'change events follow their parent object and take no object permissions' },
];

/** Why an object takes no objectPermissions entry, where it takes none. */
export const noObjectPermissionsReason = (object: string): string | undefined => NO_OBJECT_PERMISSIONS.find((r) => r.pattern.test(object))?.why;

/** Refuse a name that cannot be an object in a permission set's objectPermissions. */
export const checkObjectName = (object: string): void => {
  if (!OBJECT_NAME.test(object)) throw messages.createError('error.InvalidObjectName', [object]);
  const why = noObjectPermissionsReason(object);
  if (why) throw messages.createError('error.NoObjectPermissions', [object, why]);
};

/** The vendor's rule that leaves this object out, where one does; object names are case-insensitive. */
export const unsupportedRule = (chosen: ChosenObjectsRules, object: string): ChosenObjectsRules['unsupported'][number] | undefined =>
  chosen.unsupported.find((rule) => new RegExp(rule.pattern.source, 'i').test(object));

/** The objects, each once: two spellings of one name (object names are case-insensitive) are refused, not guessed between. */
export const distinctObjects = (objects: readonly string[]): string[] => {
  const seen = new Map<string, string>();
  for (const object of objects) {
    const other = seen.get(object.toLowerCase());
    if (other !== undefined && other !== object) throw messages.createError('error.ObjectSpelledTwice', [other, object]);
    seen.set(object.toLowerCase(), object);
  }
  return [...seen.values()];
};

export type ChosenObject = { object: string; access: ObjectAccess[]; item: Traced };

/**
 * Object permissions for the objects the admin names (`--objects`), per task (`--task`). With the org's
 * schema (`orgObjects`: the objects read from it, unsupported kinds already left out), no `--objects`
 * means every one of them, and for other vendors `--objects` narrows the fields read instead.
 */
export const objectsForTasks = (
  profile: VendorProfile,
  options: { objects?: string[]; tasks?: string[]; orgObjects?: string[] }
): ChosenObject[] => {
  const chosen = profile.chosenObjects;
  const objects = options.objects?.length ? options.objects : (chosen && options.orgObjects) || [];
  if (!chosen) {
    if (objects.length > 0 && !options.orgObjects) throw messages.createError('error.ObjectsNotApplicable', [profile.id]);
    if (options.tasks?.length) throw messages.createError('error.TasksNotApplicable', [profile.id]);
    return [];
  }
  if (objects.length === 0) throw messages.createError('error.ObjectsRequired', [profile.vendor], [profile.id]);

  const taskIds = options.tasks?.length ? options.tasks : [chosen.defaultTask];
  const tasks = taskIds.map((id) => {
    const task = chosen.tasks.find((t) => t.id === id);
    if (!task) throw messages.createError('error.UnknownTask', [id, profile.id], [chosen.tasks.map((t) => `${t.id}: ${t.summary}`).join('\n')]);
    return task;
  });

  return distinctObjects(objects).map((object) => {
    checkObjectName(object);
    const unsupported = unsupportedRule(chosen, object);
    if (unsupported) {
      throw messages.createError('error.UnsupportedObject', [object, profile.vendor, unsupported.kind, unsupported.reason]);
    }
    return {
      object,
      access: tasks.flatMap((t) => t.access),
      item: { tier: chosen.tier, reason: `${chosen.reason} Task: ${tasks.map((t) => t.summary).join('; ')}.`, source: tasks[0].source },
    };
  });
};
