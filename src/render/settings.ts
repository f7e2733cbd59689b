import { Messages } from '@salesforce/core';
import { join } from 'node:path';
import type { TypeSchema } from '../metadata/schemas.js';
import { SECURITY_SETTINGS, USER_MANAGEMENT_SETTINGS } from '../metadata/schemas.js';
import type { PlannedOrgSetting, SettingsName } from '../resolve/model.js';
import type { MergeResult, PlannedFile } from '../write/files.js';
import { renderSourceXml } from './xml.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'files');

export const SETTINGS_SCHEMAS: Record<SettingsName, TypeSchema> = { Security: SECURITY_SETTINGS, UserManagement: USER_MANAGEMENT_SETTINGS };

const settingsPath = (outputDir: string, name: SettingsName): string => join(outputDir, 'settings', `${name}.settings-meta.xml`);

/** Where the Settings files the plan's preferences are in go, as `settingsFiles` writes them. */
export const settingsFilePaths = (settings: readonly PlannedOrgSetting[], outputDir: string): string[] =>
  (Object.keys(SETTINGS_SCHEMAS) as SettingsName[]).filter((name) => settings.some((s) => s.settings === name)).map((name) => settingsPath(outputDir, name));

/** A new settings file (`Security.settings-meta.xml`, ...) holding only the preferences the plan needs. */
export const renderSettings = (schema: TypeSchema, settings: readonly PlannedOrgSetting[]): string =>
  renderSourceXml(schema, Object.fromEntries(settings.map((s) => [s.field, s.value])));

/** One file per Settings component the plan's preferences are in, in `settings/` under the output directory: new, or merged into the user's. */
export const settingsFiles = (settings: readonly PlannedOrgSetting[], outputDir: string, force: boolean | ((path: string) => boolean)): PlannedFile[] =>
  (Object.keys(SETTINGS_SCHEMAS) as SettingsName[]).flatMap((name) => {
    const these = settings.filter((s) => s.settings === name);
    if (these.length === 0) return [];
    const schema = SETTINGS_SCHEMAS[name];
    const path = settingsPath(outputDir, name);
    return [
      {
        path,
        type: 'Settings',
        content: renderSettings(schema, these),
        merge: mergeSettings(schema, these, typeof force === 'boolean' ? force : force(path)),
        conflictHint: '',
      },
    ];
  });

type TopLevelElement = { name: string; start: number; lineStart: number; valueStart?: number; valueEnd?: number };

/** The root's direct children in a settings file, with where each starts; a small scanner, so the rest of the file is kept byte for byte. */
const topLevelElements = (xml: string): { root: string; children: TopLevelElement[]; rootClose: number } | undefined => {
  const tags = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)([A-Za-z_][\w.-]*)[^>]*?(\/?)>/g;
  const children: TopLevelElement[] = [];
  let depth = 0;
  let root: string | undefined;
  for (let match = tags.exec(xml); match; match = tags.exec(xml)) {
    const [text, closing, name, selfClosing] = match;
    if (!name) continue;
    if (closing) {
      depth -= 1;
      if (depth === 1) {
        const open = children[children.length - 1];
        if (open && open.name === name && open.valueStart !== undefined && open.valueEnd === undefined) open.valueEnd = match.index;
      }
      if (depth === 0) return root === name ? { root, children, rootClose: match.index } : undefined;
      continue;
    }
    if (depth === 0) root = name;
    if (depth === 1) {
      children.push({
        name,
        start: match.index,
        lineStart: xml.lastIndexOf('\n', match.index) + 1,
        ...(selfClosing ? {} : { valueStart: match.index + text.length }),
      });
    }
    if (!selfClosing) depth += 1;
  }
  return undefined;
};

/**
 * Add the plan's preferences to a settings file the user already has, leaving the rest as it is.
 * A preference the file already sets to the needed value is left alone; one it sets otherwise is the
 * user's decision, changed only with `force`.
 */
export const mergeSettings =
  (schema: TypeSchema, settings: readonly PlannedOrgSetting[], force: boolean) =>
  (existing: string, path: string): MergeResult => {
    let xml = existing;
    for (const setting of settings) {
      const parsed = topLevelElements(xml);
      if (!parsed || parsed.root !== schema.root) {
        return { conflict: messages.getMessage('conflict.settingsUnreadable', [path, schema.root]) };
      }
      const wanted = String(setting.value);
      const present = parsed.children.find((c) => c.name === setting.field);
      if (present) {
        if (present.valueStart === undefined || present.valueEnd === undefined) {
          return { conflict: messages.getMessage('conflict.settingsUnreadable', [path, schema.root]) };
        }
        const current = xml.slice(present.valueStart, present.valueEnd).trim();
        if (current === wanted) continue;
        if (!force) return { conflict: messages.getMessage('conflict.settingValue', [path, setting.field, current, wanted]) };
        xml = `${xml.slice(0, present.valueStart)}${wanted}${xml.slice(present.valueEnd)}`;
        continue;
      }
      const order = schema.elements.map((e) => e.name);
      const position = order.indexOf(setting.field);
      const next = parsed.children.find((c) => order.indexOf(c.name) > position);
      const firstIndent = parsed.children[0] ? xml.slice(parsed.children[0].lineStart, parsed.children[0].start) : '';
      const indent = /^[ \t]+$/.test(firstIndent) ? firstIndent : '    ';
      const line = `${indent}<${setting.field}>${wanted}</${setting.field}>\n`;
      const at = next ? next.lineStart : xml.lastIndexOf('\n', parsed.rootClose) + 1;
      xml = `${xml.slice(0, at)}${line}${xml.slice(at)}`;
    }
    return { content: xml };
  };
