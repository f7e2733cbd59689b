import fc from 'fast-check';
import { PERMISSION_SET, isEntry } from '../../src/metadata/schemas.js';
import { escapeXml } from '../../src/render/xml.js';

/** A permission set as plain text data, the way a test writes one: single values, and lists of entries. */
export type TextPermissionSet = Record<string, string | Array<Record<string, string>>>;

/** One entry of every list element the Metadata API 67.0 PermissionSet has, and every single value. */
export const EVERY_ELEMENT: TextPermissionSet = {
  agentAccesses: [{ agentName: 'Coral_Cloud_Agent', enabled: 'true' }],
  applicationVisibilities: [{ application: 'standard__Sales', visible: 'true' }],
  classAccesses: [{ apexClass: 'LogEntryEventBuilder', enabled: 'true' }],
  customMetadataTypeAccesses: [{ enabled: 'true', name: 'LoggerParameter__mdt' }],
  customPermissions: [{ enabled: 'true', name: 'CanModifyLoggerSettings' }],
  customSettingAccesses: [{ enabled: 'true', name: 'LoggerSettings__c' }],
  description: "Everything the team's admins keep in git & deploy",
  emailRoutingAddressAccesses: [{ enabled: 'true', name: 'Support_Routing' }],
  externalCredentialPrincipalAccesses: [{ enabled: 'true', externalCredentialPrincipal: 'Backup_Credential-Named_Principal' }],
  externalDataSourceAccesses: [{ enabled: 'true', externalDataSource: 'Archive_OData' }],
  fieldPermissions: [{ editable: 'true', field: 'Account.Rating', readable: 'true' }],
  flowAccesses: [{ enabled: 'true', flow: 'Case_Escalation' }],
  genComputingSummaryDefAccesses: [{ configName: 'Account_Summary', enabled: 'true' }],
  hasActivationRequired: 'false',
  label: 'Team Admin',
  license: 'Salesforce',
  objectPermissions: [
    { allowCreate: 'true', allowDelete: 'true', allowEdit: 'true', allowRead: 'true', modifyAllRecords: 'false', object: 'Invoice__c', viewAllRecords: 'false' },
  ],
  pageAccesses: [{ apexPage: 'LogViewer', enabled: 'true' }],
  recordTypeVisibilities: [{ recordType: 'Case.Support', visible: 'true' }],
  servicePresenceStatusAccesses: [{ enabled: 'true', servicePresenceStatus: 'Available_for_Chat' }],
  tabSettings: [{ tab: 'Log__c', visibility: 'Visible' }],
  userPermissions: [{ enabled: 'true', name: 'ViewSetup' }],
};

const shuffled = <T>(items: readonly T[], order: readonly number[]): T[] =>
  items
    .map((item, i) => ({ item, rank: order[i % Math.max(order.length, 1)] ?? 0, i }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map((x) => x.item);

/** How a file deviates from the canonical form: element, entry and field order, indent, declaration, final newline. */
export type Scramble = { order: number[]; indent: string; declaration: string; finalNewline: boolean };

/**
 * Write a permission set the way hands and editors do: elements, entries and fields in any order,
 * any indent, Prettier's declaration, no final newline. Values are escaped as XML allows, not as
 * Salesforce writes them, so reading must decode what it reads.
 */
export const scrambledXml = (ps: TextPermissionSet, scramble: Scramble): string => {
  const { indent, order } = scramble;
  const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/'/g, '&#39;');
  const lines: string[] = [];
  type Element = { name: string; entry?: Record<string, string>; text?: string };
  const elements = Object.entries(ps).flatMap(([name, value]): Element[] =>
    Array.isArray(value) ? value.map((entry) => ({ name, entry })) : [{ name, text: value }]
  );
  for (const { name, entry, text } of shuffled(elements, order)) {
    if (entry === undefined) lines.push(`${indent}<${name}>${escape(text ?? '')}</${name}>`);
    else {
      lines.push(`${indent}<${name}>`);
      for (const [field, value] of shuffled(Object.entries(entry), [...order].reverse())) lines.push(`${indent}${indent}<${field}>${escape(value)}</${field}>`);
      lines.push(`${indent}</${name}>`);
    }
  }
  return [scramble.declaration, '<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">', ...lines, '</PermissionSet>'].join('\n') + (scramble.finalNewline ? '\n' : '');
};

/** The canonical form, written independently of the plugin: schema order, entries by key in code-unit order. */
export const expectedCanonical = (ps: TextPermissionSet): string => {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">'];
  for (const element of PERMISSION_SET.elements) {
    const value = ps[element.name];
    if (value === undefined) continue;
    if (!Array.isArray(value)) {
      lines.push(`    <${element.name}>${escapeXml(value)}</${element.name}>`);
      continue;
    }
    if (!isEntry(element)) throw new Error(`${element.name} takes a single value`);
    const byKey = [...value].sort((a, b) => (a[element.key] < b[element.key] ? -1 : a[element.key] > b[element.key] ? 1 : 0));
    for (const entry of byKey) {
      lines.push(`    <${element.name}>`);
      for (const field of element.fields) if (entry[field] !== undefined) lines.push(`        <${field}>${escapeXml(entry[field])}</${field}>`);
      lines.push(`    </${element.name}>`);
    }
  }
  return `${[...lines, '</PermissionSet>'].join('\n')}\n`;
};

const BOOLEAN = fc.constantFrom('true', 'false');
/** API-name-like keys with the characters that need escaping, and non-ASCII, but no surrounding whitespace. */
const KEY = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.&'"<> é-]{0,12}[A-Za-z0-9]$/);

const entryOf = (fields: readonly string[], key: string, optional: readonly string[]): fc.Arbitrary<Record<string, string>> =>
  fc.record(
    Object.fromEntries(
      fields.map((field) => [field, field === key ? KEY : field === 'visibility' ? fc.constantFrom('None', 'Available', 'Visible') : BOOLEAN])
    ),
    { requiredKeys: fields.filter((f) => !optional.includes(f)) }
  );

/** Random permission sets over every element of the schema, with unique keys per list. */
export const permissionSetArbitrary: fc.Arbitrary<TextPermissionSet> = fc
  .record(
    Object.fromEntries(
      PERMISSION_SET.elements.map((element) => [
        element.name,
        isEntry(element)
          ? fc.uniqueArray(entryOf(element.fields, element.key, element.optional ?? []), { maxLength: 4, selector: (e) => e[element.key] })
          : element.name === 'hasActivationRequired'
            ? BOOLEAN
            : fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '&', '<', '>', "'", '"', 'é', '–'), minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s),
      ])
    ),
    { requiredKeys: ['label'] }
  )
  .map((ps) => Object.fromEntries(Object.entries(ps).filter(([, v]) => !(Array.isArray(v) && v.length === 0))) as TextPermissionSet);

export const scrambleArbitrary: fc.Arbitrary<Scramble> = fc.record({
  order: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 30 }),
  indent: fc.constantFrom('    ', '\t', '  '),
  declaration: fc.constantFrom('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="UTF-8" ?>', '<?xml version="1.0" encoding="utf-8"?>'),
  finalNewline: fc.boolean(),
});
