import { Messages } from '@salesforce/core';
import type { PlannedOrgSetting } from '../resolve/model.js';
import type { MergeResult, PlannedFile } from '../write/files.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'scratch-def');

/** A JSON value with where it lies in the text; an object's members with where each key starts and ends. */
type Member = { key: string; keyStart: number; keyEnd: number; value: Node };
type Node =
  | { kind: 'object'; start: number; end: number; members: Member[] }
  | { kind: 'other'; start: number; end: number; value: unknown };

/**
 * A JSON document's values with their offsets, so a member can be added without touching a byte of the rest
 * (key order, indentation, inline objects, spacing around colons). The text is valid JSON: JSON.parse said so.
 */
const parseWithOffsets = (text: string): Node => {
  let i = 0;
  const space = (): void => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const string = (): string => {
    const start = i;
    for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): Node => {
    space();
    const start = i;
    if (text[i] === '{') {
      i++;
      const members: Member[] = [];
      space();
      while (text[i] !== '}') {
        space();
        const keyStart = i;
        const key = string();
        const keyEnd = i;
        space();
        i++; // :
        members.push({ key, keyStart, keyEnd, value: value() });
        space();
        if (text[i] === ',') i++;
        space();
      }
      i++;
      return { kind: 'object', start, end: i, members };
    }
    if (text[i] === '[') {
      i++;
      space();
      while (text[i] !== ']') {
        value();
        space();
        if (text[i] === ',') i++;
        space();
      }
      i++;
    } else if (text[i] === '"') string();
    else while (i < text.length && /[^\s,}\]]/.test(text[i])) i++;
    return { kind: 'other', start, end: i, value: JSON.parse(text.slice(start, i)) };
  };
  return value();
};

const lineIndent = (text: string, at: number): string => {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
};

/** The file's indent step: the first indented line's, else two spaces. */
const indentUnit = (text: string): string => /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';

/** `{ "a": true }` members on one line, or one per line. */
const isInline = (text: string, object: Extract<Node, { kind: 'object' }>): boolean =>
  object.members.length > 0 && !text.slice(object.start, object.members[0].keyStart).includes('\n');

/** `"key": value` as the object's last member, in the object's own layout. */
const appendMember = (text: string, object: Extract<Node, { kind: 'object' }>, key: string, valueText: (indent: string) => string, unit: string): string => {
  const last = object.members[object.members.length - 1];
  // Spacing around the colon as the object's last member has it (`"a": 1`, `"a" : 1`).
  const between = last ? text.slice(last.keyEnd, last.value.start) : '';
  const colon = between && !between.includes('\n') ? between : ': ';
  if (!last) {
    const outer = lineIndent(text, object.start);
    const inner = outer + unit;
    return `${text.slice(0, object.start)}{\n${inner}${JSON.stringify(key)}${colon}${valueText(inner)}\n${outer}}${text.slice(object.end)}`;
  }
  const member = isInline(text, object)
    ? `, ${JSON.stringify(key)}${colon}${valueText(lineIndent(text, last.keyStart))}`
    : `,\n${lineIndent(text, last.keyStart)}${JSON.stringify(key)}${colon}${valueText(lineIndent(text, last.keyStart))}`;
  return `${text.slice(0, last.value.end)}${member}${text.slice(last.value.end)}`;
};

/** A scratch definition's key for a Settings type: `securitySettings`, `userManagementSettings`. */
export const scratchSettingsKey = (settings: string): string => `${settings[0].toLowerCase()}${settings.slice(1)}Settings`;

/**
 * Add the plan's org preferences to a scratch org definition (`settings.securitySettings.enableAuditFieldsInactiveOwner`,
 * ...), so a scratch org made from it has them from the start. Only what's missing is added, at the end of its
 * object, in the file's own layout; every other key, value, order and indent stays. A preference the file has at
 * another value is the user's: refused, named, changed only with `force`. Keys match without case, as the
 * Settings names do (`EinsteinGptSettings` and `einsteinGptSettings` both appear in real files).
 */
export const mergeScratchDefinition =
  (settings: readonly PlannedOrgSetting[], force: boolean) =>
  (existing: string, path: string): MergeResult => {
    try {
      JSON.parse(existing);
    } catch (error) {
      return { conflict: messages.getMessage('conflict.notJson', [path, (error as Error).message]) };
    }
    let text = existing;
    for (const setting of settings) {
      const unit = indentUnit(text);
      const root = parseWithOffsets(text);
      if (root.kind !== 'object') return { conflict: messages.getMessage('conflict.notObject', [path, '(the file)']) };
      const key = scratchSettingsKey(setting.settings);
      const want = JSON.stringify(setting.value);
      const block = (indent: string): string => `{\n${indent}${unit}${JSON.stringify(setting.field)}: ${want}\n${indent}}`;
      const settingsNode = root.members.find((m) => m.key === 'settings')?.value;
      if (!settingsNode) {
        text = appendMember(text, root, 'settings', (indent) => `{\n${indent}${unit}${JSON.stringify(key)}: ${block(indent + unit)}\n${indent}}`, unit);
        continue;
      }
      if (settingsNode.kind !== 'object') return { conflict: messages.getMessage('conflict.notObject', [path, 'settings']) };
      const typeNode = settingsNode.members.find((m) => m.key.toLowerCase() === key.toLowerCase());
      if (!typeNode) {
        text = appendMember(text, settingsNode, key, block, unit);
        continue;
      }
      const where = `settings.${typeNode.key}`;
      if (typeNode.value.kind !== 'object') return { conflict: messages.getMessage('conflict.notObject', [path, where]) };
      const field = typeNode.value.members.find((m) => m.key === setting.field);
      if (!field) {
        text = appendMember(text, typeNode.value, setting.field, () => want, unit);
        continue;
      }
      const current = field.value.kind === 'other' ? field.value.value : undefined;
      if (current === setting.value) continue;
      const shownValue = text.slice(field.value.start, field.value.end);
      if (!force) return { conflict: messages.getMessage('conflict.settingValue', [path, `${where}.${setting.field}`, shownValue, want]) };
      text = `${text.slice(0, field.value.start)}${want}${text.slice(field.value.end)}`;
    }
    return { content: text };
  };

/** A new definition, where the file doesn't exist: a Developer Edition org with the preferences. */
export const newScratchDefinition = (orgName: string, settings: readonly PlannedOrgSetting[]): string => {
  const grouped: Record<string, Record<string, boolean>> = {};
  for (const s of settings) (grouped[scratchSettingsKey(s.settings)] ??= {})[s.field] = s.value;
  return `${JSON.stringify({ orgName, edition: 'Developer', settings: grouped }, null, 2)}\n`;
};

/** The scratch org definition `--scratch-def` names: merged where it exists, new where it doesn't. */
export const scratchDefinitionFile = (path: string, orgName: string, settings: readonly PlannedOrgSetting[], force: boolean): PlannedFile => ({
  path,
  type: 'ScratchOrgDefinition',
  content: newScratchDefinition(orgName, settings),
  merge: mergeScratchDefinition(settings, force),
  conflictHint: '',
});
