import { PERMISSION_SET, isEntry } from '../metadata/schemas.js';
import { compareKeys, isInKeyOrder } from '../metadata/order.js';
import type { PermissionSetDocument, PermissionSetText } from '../read/permission-set.js';
import { readPermissionSet } from '../read/permission-set.js';
import type { PermissionSetSource } from '../render/permission-set.js';
import { renderPermissionSet } from '../render/permission-set.js';
import type { MergeResult } from '../write/files.js';
import type { XmlEntry, XmlScalar } from '../render/xml.js';
import { UnknownElements } from '../render/xml.js';

/**
 * The entry lists the plugin writes from a plan. `--prune` acts on these only; every other element of a
 * permission set (tab settings, class accesses, custom permissions, ...) is the user's, and kept.
 */
export const MANAGED_ELEMENTS = ['fieldPermissions', 'objectPermissions', 'userPermissions'] as const;
export type ManagedElement = (typeof MANAGED_ELEMENTS)[number];

/**
 * What happened to one entry. `upgraded`: the entry was there, and grants the plan needs were turned on;
 * `lowered` and `removed` happen only where asked for (`--prune` removes, `--force` replaces the file).
 */
export type EntryAction = 'added' | 'upgraded' | 'kept' | 'lowered' | 'removed';

export type PermissionSetEntryChange = {
  /** The list the entry is in, e.g. userPermissions, objectPermissions, tabSettings. */
  element: string;
  /** The entry's key: a user permission's name, an object, a field, a tab. */
  name: string;
  action: EntryAction;
  /** The grants turned on (upgraded) or off (lowered, removed), e.g. allowEdit, enabled. */
  grants?: string[];
};

export type PermissionSetReport = {
  /** Each entry the plan asks for, and each entry changed beyond that, in schema order then by key. */
  entries: PermissionSetEntryChange[];
  /** Entries the plan does not ask for, left as they were. */
  otherEntriesKept: number;
  /** XML comments the existing file had; the canonical form has none, as a retrieve has none. */
  commentsDropped: number;
};

export type MergeMode =
  /** Add what the plan needs, keep everything else, never lower a grant. */
  | 'merge'
  /** As merge, and remove entries of the managed lists that the plan does not contain. */
  | 'prune'
  /** The generated permission set instead of the file (`--force`). */
  | 'replace';

type Entries = Record<string, XmlEntry[] | undefined>;

/** xsd:boolean's true: `true` or `1`. */
const isTrue = (value: XmlScalar | UnknownElements | undefined): boolean => value === true || value === 'true' || value === '1';

const asText = (entry: XmlEntry): XmlEntry =>
  Object.fromEntries(Object.entries(entry).map(([field, value]) => [field, typeof value === 'boolean' || typeof value === 'number' ? String(value) : value]));

const keyText = (entry: XmlEntry, key: string): string => {
  const value = entry[key];
  return value === undefined || value instanceof UnknownElements ? '' : String(value);
};

const LISTS = PERMISSION_SET.elements.filter(isEntry);

/** The generated permission set as a file would hold it: text values, no empty lists. */
const generatedText = (generated: PermissionSetSource): PermissionSetText => {
  const text: PermissionSetText = {};
  for (const [name, value] of Object.entries(generated) as Array<[string, XmlScalar | XmlEntry[] | UnknownElements | undefined]>) {
    if (Array.isArray(value)) {
      if (value.length > 0) text[name] = value.map(asText);
    } else if (value instanceof UnknownElements) text[name] = value;
    else if (value !== undefined) text[name] = String(value);
  }
  return text;
};

/**
 * The file's entries with the added ones. Both usually arrive sorted (a canonical file, a plan), and then
 * one linear merge keeps them so, sparing the writer a sort of a large file; otherwise the writer sorts.
 */
const mergeSorted = (entries: XmlEntry[], added: XmlEntry[], key: string): XmlEntry[] => {
  if (added.length === 0) return entries;
  if (!isInKeyOrder(entries, (entry) => keyText(entry, key)) || !isInKeyOrder(added, (entry) => keyText(entry, key))) return [...entries, ...added];
  const out: XmlEntry[] = [];
  let i = 0;
  let j = 0;
  while (i < entries.length || j < added.length) {
    if (j >= added.length || (i < entries.length && compareKeys(keyText(entries[i], key), keyText(added[j], key)) <= 0)) out.push(entries[i++]);
    else out.push(added[j++]);
  }
  return out;
};

const FILES_OWN = new Set(['description', 'license']);

/**
 * Merge what a plan needs into the permission set a file holds. Entries are matched by key; a grant
 * the plan needs is turned on, and one the file has is never turned off. Single values (label,
 * description, license, hasActivationRequired) are the file's where it has them; description and license
 * are never added.
 */
export const mergePermissionSet = (existing: PermissionSetText, generated: PermissionSetSource, mode: MergeMode): PermissionSetText => {
  const planned = generatedText(generated);
  if (mode === 'replace') return planned;
  const merged: PermissionSetText = { ...existing };
  for (const [name, value] of Object.entries(planned)) {
    if (!Array.isArray(value)) {
      // Label, description and license are the file's: a merge never changes nor adds them, except a
      // label where the file has none, since the Metadata API requires one (PermissionSet.label, minOccurs 1).
      if (merged[name] === undefined && !FILES_OWN.has(name)) merged[name] = value;
      continue;
    }
    const key = LISTS.find((e) => e.name === name)?.key ?? '';
    const entries = ((existing as Entries)[name] ?? []).map((entry) => ({ ...entry }));
    const byKey = new Map<string, XmlEntry>();
    for (const entry of entries) if (!byKey.has(keyText(entry, key))) byKey.set(keyText(entry, key), entry);
    const added: XmlEntry[] = [];
    for (const wanted of value) {
      const present = byKey.get(keyText(wanted, key));
      if (!present) {
        added.push(wanted);
        continue;
      }
      for (const [field, grant] of Object.entries(wanted)) if (field !== key && isTrue(grant) && !isTrue(present[field])) present[field] = 'true';
    }
    merged[name] = mergeSorted(entries, added, key);
  }
  if (mode === 'prune') {
    for (const name of MANAGED_ELEMENTS) {
      const key = LISTS.find((e) => e.name === name)?.key ?? '';
      const wanted = new Set(((planned as Entries)[name] ?? []).map((e) => keyText(e, key)));
      const kept = ((merged as Entries)[name] ?? []).filter((entry) => wanted.has(keyText(entry, key)));
      (merged as Entries)[name] = kept.length > 0 ? kept : undefined;
    }
  }
  return merged;
};

/** Grants on in `from` and off in `to`, by field; the key and non-boolean fields are not grants. */
const grantsTurnedOff = (from: XmlEntry, to: XmlEntry | undefined, key: string): string[] =>
  Object.keys(from).filter((field) => field !== key && isTrue(from[field]) && !isTrue(to?.[field]));

/**
 * What changed, entry by entry, between the file before and after: every entry the plan asks for, every
 * entry changed otherwise, and a count of those left alone. `before` is undefined for a new file.
 */
export const reportPermissionSet = (
  before: PermissionSetText | undefined,
  after: PermissionSetText,
  generated: PermissionSetSource,
  commentsDropped = 0
): PermissionSetReport => {
  const planned = generatedText(generated) as Entries;
  const entries: PermissionSetEntryChange[] = [];
  let otherEntriesKept = 0;
  for (const { name, key } of LISTS) {
    const inPlan = new Set((planned[name] ?? []).map((e) => keyText(e, key)));
    const old = new Map(((before as Entries | undefined)?.[name] ?? []).map((e) => [keyText(e, key), e]));
    const now = new Map(((after as Entries)[name] ?? []).map((e) => [keyText(e, key), e]));
    const changes: PermissionSetEntryChange[] = [];
    for (const [entryKey, entry] of now) {
      const previous = old.get(entryKey);
      if (!previous) {
        changes.push({ element: name, name: entryKey, action: 'added' });
        continue;
      }
      const raised = grantsTurnedOff(entry, previous, key);
      const lowered = grantsTurnedOff(previous, entry, key);
      if (lowered.length > 0) changes.push({ element: name, name: entryKey, action: 'lowered', grants: lowered });
      else if (raised.length > 0) changes.push({ element: name, name: entryKey, action: 'upgraded', grants: raised });
      else if (inPlan.has(entryKey)) changes.push({ element: name, name: entryKey, action: 'kept' });
      else otherEntriesKept += 1;
    }
    for (const [entryKey, entry] of old) {
      if (!now.has(entryKey)) changes.push({ element: name, name: entryKey, action: 'removed', grants: grantsTurnedOff(entry, undefined, key) });
    }
    // A loop, not push(...changes): a large set has more entries than a call has room for arguments.
    for (const change of changes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) entries.push(change);
  }
  return { entries, otherEntriesKept, commentsDropped };
};

/**
 * Merge a plan into a permission set already read (from its one file, or from a decomposed set's files):
 * the canonical content of the result and the report of what changed.
 */
export const mergeReadPermissionSet = (
  read: PermissionSetDocument,
  generated: PermissionSetSource,
  mode: MergeMode
): { content: string; report: PermissionSetReport } => {
  const merged = mergePermissionSet(read.permissionSet, generated, mode);
  return { content: renderPermissionSet(merged), report: reportPermissionSet(read.permissionSet, merged, generated, read.comments) };
};

/**
 * One permission set from two copies of it (a project holding it in both layouts): every entry of either, with
 * every grant either has; single values (label, description, license) from `primary` where it has them.
 */
export const combinePermissionSets = (primary: PermissionSetText, secondary: PermissionSetText): PermissionSetText =>
  mergePermissionSet(primary, secondary as unknown as PermissionSetSource, 'merge');

/**
 * The permission set file's merge, for stageFiles, and the report of what it did. An existing file
 * that can't be read is an error naming its line, and nothing is written; with `replace` (--force)
 * it is replaced, as any file is.
 */
export const permissionSetFileMerge = (
  generated: PermissionSetSource,
  mode: MergeMode,
  /** How errors name the file, e.g. relative to the current directory. */
  shown: (path: string) => string = (path) => path
): { merge: (existing: string, path: string) => MergeResult; report: () => PermissionSetReport } => {
  let report: PermissionSetReport | undefined;
  const merge = (existing: string, path: string): MergeResult => {
    let read: PermissionSetDocument;
    try {
      read = readPermissionSet(existing, shown(path));
    } catch (error) {
      if (mode !== 'replace') throw error;
      return { content: renderPermissionSet(generated) };
    }
    const done = mergeReadPermissionSet(read, generated, mode);
    report = done.report;
    return { content: done.content };
  };
  return { merge, report: () => report ?? reportNewPermissionSet(generated) };
};

/**
 * The report for a file that did not exist: every entry added. What reportPermissionSet says for it, without
 * turning each entry into text and back, which on a 200,000-entry set costs more than rendering it.
 */
export const reportNewPermissionSet = (generated: PermissionSetSource): PermissionSetReport => {
  const entries: PermissionSetEntryChange[] = [];
  for (const { name, key } of LISTS) {
    const list = (generated as unknown as Record<string, XmlEntry[] | undefined>)[name] ?? [];
    const keys = list.map((entry) => keyText(entry, key));
    // A plan's lists are unique and nearly always already in this order: then there is nothing to sort.
    const names = isInKeyOrder(keys, (name) => name, true) ? keys : [...new Set(keys)].sort(compareKeys);
    for (const entryName of names) entries.push({ element: name, name: entryName, action: 'added' });
  }
  return { entries, otherEntriesKept: 0, commentsDropped: 0 };
};
