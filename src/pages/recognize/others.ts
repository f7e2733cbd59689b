import { AUDIT_FIELDS_PREFERENCE } from '../../profiles/org-preferences.js';
import { vocabulary } from '../vocabulary.js';
import type { LineInput, Mention } from './mention.js';
import { overlaps } from './mention.js';
import { sentences } from './objects.js';

/** A sentence that turns what it names down: "cannot be made using", "must not", "a common pitfall". */
const NEGATIVE = /\b(?:not able|unable|cannot|can ?not|can't|must not|mustn't|should not|shouldn't|do not|don't|does not|doesn't|never|avoid|pitfall|instead of|rather than|not (?:use|supported|recommended))\b|\bnon-/i;

const sentenceAt = (text: string, at: number): string => {
  const span = sentences(text).find((s) => at >= s.from && at < s.to) ?? { from: 0, to: text.length };
  return text.slice(span.from, span.to);
};

/** User checkboxes such as Marketing User and Salesforce CRM Content User (data/user-fields.tsv). */
const userFields = (input: LineInput): Mention[] =>
  vocabulary()
    .userFields.find(input.words)
    .filter((m) => !/\bprofile\b/i.test(input.line.text.slice(m.to, m.to + 10)))
    .map((m) => ({ kind: 'userField', name: m.value[0].field, label: m.value[0].label, from: m.from, to: m.to }));

const USER_LICENSES = ['Salesforce Integration', 'Salesforce Platform', 'Lightning Platform', 'Force.com', 'Salesforce', 'Identity', 'Chatter Free', 'Chatter External'];
const USER_LICENSE = new RegExp(`\\b(${USER_LICENSES.map((l) => l.replace('.', '\\.')).join('|')})["”']?(?: user)?(?: license| licence)`, 'gi');
const PERMISSION_SET_LICENSE = /\b((?:[A-Z][\w&+-]*|and|&)(?: (?:[A-Z][\w&+-]*|and|&)){0,6}) Permission Set Licen[sc]e(?! Assignments)/g;

/** Words of an instruction that start a run of capitalised words without being part of the name: "Select BackupRestore", "From Permission Set License Assignments". */
const LEADING_VERBS = /^(?:(?:The|A|An|Our|Your|Select|Assign|Assigning|And|From|Under|In|Click|Choose|Add|Open|Create|Clone|Enable|Edit|Use|Using|Then|Next|Also)\s+)+/;

/** User licenses ("a Salesforce license", "the Salesforce Integration license", not to use where the page says so) and permission set licenses. */
const licenses = (input: LineInput): Mention[] => {
  const { text } = input.line;
  const mentions: Mention[] = [];
  for (const match of text.matchAll(USER_LICENSE)) {
    const name = USER_LICENSES.find((l) => l.toLowerCase() === match[1].toLowerCase()) ?? match[1];
    const sentence = sentences(text).find((s) => match.index >= s.from && match.index < s.to) ?? { from: 0, to: text.length };
    const off = NEGATIVE.test(text.slice(sentence.from, match.index));
    mentions.push({ kind: 'license', name, from: match.index, to: match.index + match[0].length, ...(off ? { off: true } : {}) });
  }
  for (const match of text.matchAll(PERMISSION_SET_LICENSE)) {
    const name = match[1].replace(LEADING_VERBS, '').trim();
    if (!name || /^(and|&)$/i.test(name)) continue;
    mentions.push({ kind: 'license', name, label: name, from: match.index, to: match.index + match[0].length, note: 'permission set license, by its label' });
  }
  return mentions;
};

const STANDARD_PROFILES = ['System Administrator', 'Standard User', 'Minimum Access - Salesforce', 'Minimum Access - API Only Integrations', 'Read Only', 'Standard Platform User', 'Solution Manager', 'Contract Manager'];

/** Profiles: a standard one by name, or "a custom profile" and "a standard profile" where the page names none. */
const profiles = (input: LineInput): Mention[] => {
  const { text } = input.line;
  const mentions: Mention[] = [];
  const pattern = new RegExp(`\\b(${STANDARD_PROFILES.map((p) => p.replace(/[-]/g, '\\-')).join('|')})["”']? profile\\b|\\b(custom|standard)(?: user)? profile\\b`, 'gi');
  for (const match of text.matchAll(pattern)) {
    const before = text.slice(Math.max(0, match.index - 4), match.index);
    if (/non-\s*$/i.test(before) || NEGATIVE.test(sentenceAt(text, match.index)) || /\?\s*$/.test(sentenceAt(text, match.index))) continue;
    const name = match[1] ? (STANDARD_PROFILES.find((p) => p.toLowerCase() === match[1].toLowerCase()) ?? match[1]) : match[2].toLowerCase();
    mentions.push({ kind: 'profile', name, from: match.index, to: match.index + match[0].length });
  }
  return mentions;
};

const GENERIC = /^(?:sfdc|salesforce|a|an|the|this|that|these|our|your|its|their|new|custom|specific|separate|dedicated|isolated|existing|standard|package|packaged|default|following|same|one|two|each|any|all|such|permission|user|profile)$/i;
/** Standard permission sets pages name by label (shared/reference/README.md: "CRM Analytics Plus Admin" is EinsteinAnalyticsPlusAdmin). */
const STANDARD_PERMISSION_SETS = [{ name: 'EinsteinAnalyticsPlusAdmin', label: 'CRM Analytics Plus Admin' }];

const QUOTED = /["“']([^"”']{2,60})["”']/g;

/** Permission sets to create or assign: "a Permission Set named X", "the X permission set", "select X" under Available Permission Sets. */
const permissionSets = (input: LineInput): Mention[] => {
  const { text } = input.line;
  const mentions: Mention[] = [];
  const add = (name: string, from: number, create: boolean): void => {
    const clean = name.replace(/[."”']+$/, '').trim();
    if (!clean || GENERIC.test(clean) || mentions.some((m) => m.name === clean)) return;
    const sentence = sentenceAt(text, from);
    if (NEGATIVE.test(sentence) || /\?\s*$/.test(sentence)) return;
    mentions.push({ kind: 'permissionSet', name: clean, from, to: from + name.length, ...(create ? { create: true } : {}) });
  };
  const talksOfSets = /permission ?sets?\b/i.test(text);
  for (const match of talksOfSets ? text.matchAll(/permission set (?:named|called|titled|with the name)\s+["“']?([A-Za-z][\w .-]{1,60}?)["”']?(?=[.,;:)]|\s+(?:using|and|to|in|with|that|which|for)\b|$)/gi) : []) {
    add(match[1], match.index + match[0].indexOf(match[1]), true);
  }
  for (const match of talksOfSets ? text.matchAll(/(?:^|[\s(])((?:["“][^"”]{2,60}["”])|(?:[A-Z][\w-]*(?:_[\w-]+)*)(?: [A-Z][\w-]*(?:_[\w-]+)*){0,4}) [Pp]ermission ?[Ss]ets?\b(?! [Ll]icen[sc]e| [Aa]ssignments)/g) : []) {
    const name = `${match[1].replace(/^["“]|["”]$/g, '')} `;
    const words = name.replace(LEADING_VERBS, '').trim().split(' ').filter((w) => w && !GENERIC.test(w) && !LEADING_VERBS.test(`${w} `));
    if (words.length === 0 || /^(?:Available|Assigned|Enabled|Required|Recommended)$/i.test(words[0])) continue;
    const before = text.slice(0, match.index);
    add(words.join(' '), match.index + match[0].indexOf(match[1]), /\b(?:create|creating|clone|cloning|new)\b[^.]*$/i.test(before));
  }
  if (/available permission sets/i.test(text)) {
    for (const match of text.matchAll(/\bselect (?:the )?((?:[A-Z][\w-]*)(?: [A-Z][\w-]*){0,5})/g)) add(match[1].replace(/ Permission Sets?$/i, ''), match.index + 7, false);
  }
  // Quoted names count where the sentence asks to create or assign them, not where it lists what a package ships.
  if (/\b(?:create|creating|assign|assigning)\b[^.]*\b(?:titled|named|called)\b/i.test(text)) {
    for (const match of text.matchAll(QUOTED)) if (!mentions.some((m) => match[1].includes(m.name))) add(match[1], match.index + 1, /\bcreat/i.test(text));
  }
  for (const known of STANDARD_PERMISSION_SETS) {
    const at = text.toLowerCase().indexOf(known.label.toLowerCase());
    if (at >= 0) mentions.push({ kind: 'permissionSet', name: known.name, label: known.label, from: at, to: at + known.label.length, note: `the standard permission set ${known.name} ("${known.label}")` });
  }
  return mentions;
};

/** The org preference that Set Audit Fields and Update Records with Inactive Owners need, where the page asks for it. */
const orgSettings = (input: LineInput, taken: Array<[number, number]>): Mention[] => {
  const { text } = input.line;
  void taken;
  const audit = /set audit fields upon record creation/i.test(text) || /update records with inactive owners/i.test(text);
  const atOrgLevel = /\b(?:organi[sz]ation level|org level|user interface|enable ['‘"]set audit fields)/i.test(text);
  if (!(audit && atOrgLevel) && !/\benable in the user interface\b/i.test(text)) return [];
  const at = Math.max(0, text.search(/enable|user interface|organi[sz]ation level/i));
  return [{ kind: 'orgSetting', name: `SecuritySettings.${AUDIT_FIELDS_PREFERENCE.field}`, label: AUDIT_FIELDS_PREFERENCE.label, from: at, to: Math.min(text.length, at + 60) }];
};

/** Apex classes to give access to, under an "Apex Class Access" heading or named as `namespace.Class`. */
const apexClasses = (input: LineInput): Mention[] => {
  const scope = [input.context.leadIn?.text ?? '', ...input.context.headings.map((h) => h.text)].join(' ');
  if (!/apex class/i.test(scope) || input.line.kind === 'heading') return [];
  const match = /^([A-Za-z]\w*(?:\.[A-Za-z]\w*)?)$/.exec(input.line.text.trim());
  return match
    ? [{ kind: 'apexClass', name: match[1], from: 0, to: match[1].length, review: 'Apex class access is not part of a profile file: enable it on the permission set (Apex Class Access) by hand' }]
    : [];
};

/** User fields, licenses, profiles, permission sets, org settings and Apex classes named on a line. */
export const recognizeOthers = (input: LineInput): Mention[] =>
  [...userFields(input), ...licenses(input), ...profiles(input), ...permissionSets(input), ...orgSettings(input, input.taken), ...apexClasses(input)].filter(
    (m) => m.kind === 'orgSetting' || !overlaps(input.taken, m.from, m.to)
  );
