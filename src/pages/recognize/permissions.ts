import { vocabulary } from '../vocabulary.js';
import type { PermissionName } from '../vocabulary.js';
import type { Word } from '../words.js';
import type { LineInput, Mention } from './mention.js';
import { capitalised } from './mention.js';

/** Words around a name that make a line about permissions, so that a two-word label in lower case counts. */
const PERMISSION_TALK = /\b(permissions?|enabled?|enabling|grant(?:ed|s)?|assign(?:ed)?|system|administrative|checkbox|check|settings?|profile|turn(?:ed)? on|select)\b/i;
const SMALL_WORDS = new Set(['and', 'or', 'of', 'the', 'in', 'on', 'for', 'to', 'with', 'through', 'upon', 'a', 'an', 'by', 'via', 'from', 'all']);
/** Words after a name that say another permission turns it on: "Manage Users: enabling this option automatically enables ...". */
const TURNS_ON = /\b(?:automatically|auto[- ]?)\s*(?:enables?|grants?|includes?|checks?|turns? on|selects?)\b|\bwhich (?:also )?(?:enables?|grants?|includes?)\b/i;

const DENIED = /\b(?:(?:do not|don't|never|must not|mustn't|should not|shouldn't|not)\s+(?:recommend\s+|advise\s+)?(?:grant|giv|assign|enabl|add|select|check|turn on)\w*|avoid (?:granting|giving|enabling|assigning))\b[^.]*$/i;

/**
 * A label found in the words is taken when the page means it as a permission: three words or more
 * ("View Setup and Configuration"); or two written as the label is ("Run Reports"); or two in a list
 * entry, a table row, a short line, or a sentence about permissions ("API enabled.").
 */
const acceptLabel = (input: LineInput, words: Word[], first: number, last: number): boolean => {
  const span = words.slice(first, last + 1);
  if (span.length >= 3) return true;
  if (span.every((w) => capitalised(w) || SMALL_WORDS.has(w.norm))) return true;
  const { line } = input;
  if (line.kind === 'item' || line.kind === 'row' || line.text.split(' ').length <= 8) return true;
  return PERMISSION_TALK.test(line.text);
};

/** A token that is an API name: `ApiEnabled`, or the sObject field `PermissionsApiEnabled`. */
const apiName = (token: string): PermissionName | undefined => {
  const { permissionNames } = vocabulary();
  const bare = token.startsWith('Permissions') && token.length > 11 ? token.slice(11) : token;
  const known = permissionNames.get(bare);
  if (!known) return undefined;
  // A one-word name ("Packaging") reads as an everyday word; only a CamelCase one, or the field name, is an API name.
  if (bare === token && !/[a-z][A-Z]/.test(token)) return undefined;
  return known;
};

/**
 * User permissions named on a line: by Setup label (the catalog's, earlier ones, and short forms), by API
 * name, and by the PermissionSet field name. Each is named once per line; names the page runs together
 * ("API EnabledPermissionsApiEnabled") are found by their words.
 */
export const recognizePermissions = (input: LineInput): Mention[] => {
  const { permissions } = vocabulary();
  const { line, words } = input;
  const mentions: Mention[] = [];
  const seen = new Set<string>();
  const add = (entry: PermissionName, from: number, to: number, note?: string): void => {
    // "Setup > Manage Users > Permission Sets" is a way through Setup's menu, not a permission.
    if (seen.has(entry.name) || /\bSetup\s*[>›→][^.]*$/.test(line.text.slice(0, from))) return;
    seen.add(entry.name);
    mentions.push({ kind: 'userPermission', name: entry.name, label: entry.label, from, to, ...(note ? { note } : {}) });
  };

  for (const match of line.text.matchAll(/[A-Za-z][A-Za-z0-9_]*/g)) {
    const entry = apiName(match[0]);
    if (entry) add(entry, match.index, match.index + match[0].length, match[0].startsWith('Permissions') ? `the page gives the PermissionSet field ${match[0]}` : undefined);
  }
  for (const match of permissions.find(words, (_, first, last) => acceptLabel(input, words, first, last))) {
    // One label, two permissions: the page can't say which; the first by API name is taken and the note says so.
    const [entry, ...others] = [...match.value].sort((a, b) => (a.name < b.name ? -1 : 1));
    const note = entry.alias
      ? `the page's "${entry.alias}" is ${entry.name} (Setup label "${entry.label}")`
      : others.length > 0
        ? `the label "${entry.label}" is also ${others.map((o) => o.name).join(', ')}`
        : undefined;
    add(entry, match.from, match.to, note);
  }
  mentions.sort((a, b) => a.from - b.from);

  // "Do not grant Modify All Data": the page turns it down.
  for (const m of mentions) {
    const sentenceStart = Math.max(line.text.lastIndexOf('. ', m.from) + 1, 0);
    if (DENIED.test(line.text.slice(sentenceStart, m.from))) m.review = 'the page says not to grant it';
  }

  // "Manage Users: Enabling this option automatically enables the following: A, B, C".
  const turnsOn = TURNS_ON.exec(line.text);
  if (turnsOn) {
    const by = mentions.filter((m) => m.to <= turnsOn.index).pop();
    for (const m of mentions) {
      if (by && m.from > turnsOn.index) m.note = `turned on by ${by.label ?? by.name}, as the page says`;
    }
  }
  return mentions;
};
