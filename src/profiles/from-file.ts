import { Messages } from '@salesforce/core';
import type { DocumentPath } from './file-document.js';
import type { FileSource, RequirementsFile, UserProfileFile, VendorProfileFile } from './file.js';
import type { PageRef, PermissionSetDefinition, Requirements, UserProfileRecommendation, VendorProfile } from './types.js';
import { auditFieldsPermission, namedInProfileFile, permissionTable } from './evidence.js';
import { AUDIT_FIELDS_PREFERENCE } from './org-preferences.js';
import { bundledCatalog } from '../resolve/catalog.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'profile-file');

/** The permission set's description where the file gives none. */
export const defaultDescription = (vendorName: string, fileName: string): string => messages.getMessage('default.description', [vendorName, fileName]);

/** Where something stands in the profile file: its line there, and that line's words. */
export type FileLine = { line: number; quote: string };

/** Finds the line of a value in the profile file, or of each item of a list at once (the way to the list walked once). */
export type FileLocator = { at(path: DocumentPath): FileLine; items(path: DocumentPath): (index: number) => FileLine };

/**
 * A checked profile file as the vendor profile the rest of the pipeline takes. What the file leaves out
 * is filled in: labels of user permissions from data/user-permissions.tsv, how each API name was
 * established, and for items without `source`, their own line in the profile file.
 */
export const toVendorProfile = (file: VendorProfileFile, fileName: string, locate: FileLocator): VendorProfile => {
  const given = (source: FileSource): PageRef => ({ ...(source.document ? { document: source.document } : {}), line: source.line, quote: source.quote ?? '' });
  const inFile = ({ line, quote }: FileLine): PageRef => ({ document: fileName, line, quote });
  const source = (src: FileSource | undefined, path: DocumentPath): PageRef => (src ? given(src) : inFile(locate.at(path)));

  const requirements = (r: RequirementsFile, at: DocumentPath): Requirements => {
    const items = <K extends keyof RequirementsFile, T>(
      kind: K,
      convert: (item: NonNullable<RequirementsFile[K]>[number], source: PageRef) => T
    ): Partial<Record<K, T[]>> => {
      const list = r[kind] as Array<NonNullable<RequirementsFile[K]>[number]> | undefined;
      if (!list) return {};
      let lineOf: ((index: number) => FileLine) | undefined;
      const sourceOf = (src: FileSource | undefined, i: number): PageRef => (src ? given(src) : inFile((lineOf ??= locate.items([...at, kind]))(i)));
      return { [kind]: list.map((item, i) => convert(item, sourceOf(item.source, i))) } as Partial<Record<K, T[]>>;
    };
    return {
      ...items('userPermissions', (item, src) => {
        const label = bundledCatalog().label(item.name) ?? item.name;
        const audit = AUDIT_FIELDS_PREFERENCE.permissions.some((p) => p.name === item.name);
        const evidence = audit ? auditFieldsPermission(item.name, `named in ${fileName}`) : permissionTable(item.name, label);
        return { ...item, label: item.label ?? label, source: src, apiName: item.apiName ?? evidence };
      }),
      ...items('objectPermissions', (item, src) => ({ ...item, source: src })),
      ...items('fieldPermissions', (item, src) => ({ ...item, editable: item.editable ?? false, source: src })),
      ...items('inheritedFields', (item, src) => ({ ...item, source: src })),
      ...items('userFields', (item, src) => ({
        ...item,
        label: item.label ?? item.field,
        source: src,
        apiName: item.apiName ?? namedInProfileFile(`User.${item.field}`, fileName),
      })),
      ...items('orgSettings', (item, src) => {
        const audit = item.field === AUDIT_FIELDS_PREFERENCE.field;
        return {
          ...item,
          label: item.label ?? (audit ? AUDIT_FIELDS_PREFERENCE.label : item.field),
          source: src,
          apiName: item.apiName ?? (audit ? AUDIT_FIELDS_PREFERENCE.apiName : namedInProfileFile(`SecuritySettings.${item.field}`, fileName)),
        };
      }),
      ...items('permissionSetLicenses', (item, src) => ({
        ...item,
        label: item.label ?? item.name,
        source: src,
        apiName: item.apiName ?? namedInProfileFile(item.name, fileName),
      })),
      ...items('permissionSetAssignments', (item, src) => ({
        ...item,
        label: item.label ?? item.name,
        source: src,
        apiName: item.apiName ?? namedInProfileFile(item.name, fileName),
      })),
      ...items('caveats', (item, src) => ({ ...item, source: src })),
    };
  };

  const userProfile = (given: UserProfileFile | undefined, at: DocumentPath): UserProfileRecommendation => {
    if (!given) return { reason: messages.getMessage('default.userProfile') };
    return { ...given, reason: given.reason ?? messages.getMessage('default.userProfile'), source: source(given.source, at) };
  };

  const { permissionSet, chosenObjects, userName } = file;
  const definition: PermissionSetDefinition = {
    name: permissionSet.name,
    label: permissionSet.label,
    description: permissionSet.description ?? defaultDescription(file.name, fileName),
    ...(permissionSet.license ? { license: permissionSet.license } : {}),
    source: source(permissionSet.source, ['permissionSet']),
  };

  return {
    id: file.vendor,
    vendor: file.name,
    summary: file.summary ?? messages.getMessage('default.summary', [file.name, fileName]),
    pages: file.pages ?? [{ title: messages.getMessage('default.pageTitle', [file.name]), document: fileName }],
    permissionSet: definition,
    userProfile: userProfile(file.userProfile, ['userProfile']),
    ...(userName ? { userName: { ...userName, source: source(userName.source, ['userName']) } } : {}),
    ...requirements(file, []),
    ...(file.variants
      ? {
          variants: file.variants.map(({ id, summary, source: src, permissionSet: ps, userProfile: up, ...rest }, i) => ({
            id,
            summary,
            source: source(src, ['variants', i]),
            ...(ps ? { permissionSet: { ...ps, source: source(ps.source, ['variants', i, 'permissionSet']) } } : {}),
            ...(up ? { userProfile: userProfile(up, ['variants', i, 'userProfile']) } : {}),
            ...requirements(rest, ['variants', i]),
          })),
        }
      : {}),
    ...(file.defaultVariant ? { defaultVariant: file.defaultVariant } : {}),
    ...(chosenObjects
      ? {
          chosenObjects: {
            tier: chosenObjects.tier,
            reason: chosenObjects.reason,
            source: source(chosenObjects.source, ['chosenObjects']),
            defaultTask: chosenObjects.defaultTask ?? chosenObjects.tasks[0].id,
            tasks: chosenObjects.tasks.map((task, i) => ({ ...task, source: source(task.source, ['chosenObjects', 'tasks', i]) })),
            unsupported: (chosenObjects.unsupported ?? []).map((rule, i) => ({
              ...rule,
              pattern: new RegExp(rule.pattern),
              source: source(rule.source, ['chosenObjects', 'unsupported', i]),
            })),
          },
        }
      : {}),
  };
};
