import type {
  CaveatFile,
  FieldPermissionFile,
  FileSource,
  InheritedFieldFile,
  ObjectPermissionFile,
  OrgSettingFile,
  PermissionSetAssignmentFile,
  PermissionSetLicenseFile,
  RequirementsFile,
  UserFieldFile,
  UserPermissionFile,
  UserProfileFile,
  VendorProfileFile,
} from '../profiles/file.js';
import type { Finding, FindingKind } from './findings.js';
import type { Page } from './page.js';

/** What the page says that no valid item of a profile file can carry: the admin decides. */
export type ReviewItem = {
  kind: FindingKind;
  /** The page's name for it: an API name where one is known, else its words (`Lead.DNC Synced Field`, `Account.*`). */
  name: string;
  line: number;
  quote: string;
  /** Why it isn't in the draft, and what to do. */
  why: string;
};

/** An item of the draft, with the note on how it was read, for the YAML comments and the terminal. */
export type DraftNote = { section: keyof RequirementsFile | 'permissionSet' | 'userProfile'; index: number; note: string };

export type Draft = { file: VendorProfileFile; review: ReviewItem[]; notes: DraftNote[] };

const source = (f: Finding): FileSource => ({ line: f.line, quote: f.quote });
const traced = (f: Finding): { tier: Finding['tier']; reason: string; condition?: string; source: FileSource } => ({
  tier: f.tier,
  reason: f.reason,
  ...(f.condition ? { condition: f.condition } : {}),
  source: source(f),
});

/** A permission set API name from the page's name for it: "Backstory Standard Permissions" → Backstory_Standard_Permissions. */
export const permissionSetApiName = (name: string): string | undefined => {
  const api = name
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  return /^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*$/.test(api) && api.length <= 80 ? api : undefined;
};

const titleCase = (id: string): string =>
  id
    .split('-')
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');

const byStrength = (a: Finding, b: Finding): number => (a.tier === b.tier ? a.line - b.line : a.tier === 'required' ? -1 : 1);

/**
 * The draft profile file: every finding that makes a valid item, with its tier, reason and page line;
 * the others listed for review. The permission set to generate is the one the page asks to create, else
 * one named after the vendor.
 */
export const buildDraft = (findings: Finding[], page: Page, vendor: string, vendorName?: string): Draft => {
  const name = vendorName ?? titleCase(vendor);
  const review: ReviewItem[] = findings.filter((f) => f.review).map((f) => ({ kind: f.kind, name: f.name, line: f.line, quote: f.quote, why: f.review ?? '' }));
  const valid = findings.filter((f) => !f.review);
  const of = (kind: FindingKind): Finding[] => valid.filter((f) => f.kind === kind);
  const notes: DraftNote[] = [];
  const noted = <T>(section: DraftNote['section'], items: Array<{ finding: Finding; item: T }>): T[] =>
    items.map(({ finding, item }, index) => {
      if (finding.note) notes.push({ section, index, note: finding.note });
      return item;
    });

  const toCreate = of('permissionSet')
    .filter((f) => f.create && permissionSetApiName(f.name))
    .sort(byStrength)[0];
  const permissionSet = toCreate
    ? { name: permissionSetApiName(toCreate.name) as string, label: toCreate.name.replace(/_/g, ' '), source: source(toCreate) }
    : { name: permissionSetApiName(`${name} Integration User`) ?? 'Integration_User', label: `${name} Integration User` };
  if (toCreate) notes.push({ section: 'permissionSet', index: 0, note: `the page asks for a permission set named "${toCreate.name}"` });

  const userPermissions = noted<UserPermissionFile>('userPermissions', of('userPermission').map((f) => ({ finding: f, item: { name: f.name, ...traced(f) } })));
  const objectPermissions = noted<ObjectPermissionFile>(
    'objectPermissions',
    of('objectPermission').map((f) => ({ finding: f, item: { object: f.name, access: f.access ?? [], ...traced(f) } }))
  );
  const fields = of('fieldPermission');
  const fieldPermissions = noted<FieldPermissionFile>(
    'fieldPermissions',
    fields.filter((f) => !f.inherited).map((f) => ({ finding: f, item: { field: f.name, ...(f.editable ? { editable: true } : {}), ...traced(f) } }))
  );
  const inheritedFields = noted<InheritedFieldFile>('inheritedFields', fields.filter((f) => f.inherited).map((f) => ({ finding: f, item: { field: f.name, ...traced(f) } })));
  const userFields = noted<UserFieldFile>(
    'userFields',
    of('userField').map((f) => ({ finding: f, item: { field: f.name, ...(f.label ? { label: f.label } : {}), value: true, ...traced(f) } }))
  );
  const orgSettings = noted<OrgSettingFile>(
    'orgSettings',
    of('orgSetting').map((f) => ({
      finding: f,
      item: { settings: 'Security', field: f.name.replace(/^SecuritySettings\./, '') as OrgSettingFile['field'], value: true, ...traced(f) },
    }))
  );
  const licenses = of('license');
  const permissionSetLicenses = noted<PermissionSetLicenseFile>(
    'permissionSetLicenses',
    licenses.filter((f) => f.label && !f.off).map((f) => ({ finding: f, item: { name: f.name, label: f.label ?? f.name, ...traced(f) } }))
  );
  const permissionSetAssignments = noted<PermissionSetAssignmentFile>(
    'permissionSetAssignments',
    of('permissionSet')
      .filter((f) => f !== toCreate)
      .map((f) => ({ finding: f, item: { name: f.name, ...(f.label ? { label: f.label } : {}), ...traced(f) } }))
  );

  const userLicenses = licenses.filter((f) => !f.label).sort(byStrength);
  const profiles = of('profile').sort(byStrength);
  const chosen = profiles[0];
  const userLicense = userLicenses.find((f) => !f.off && f.tier === 'required');
  const userProfile: UserProfileFile | undefined =
    chosen && chosen.name !== 'standard'
      ? {
          ...(chosen.name === 'custom' ? { custom: true } : { name: chosen.name }),
          ...(userLicense ? { userLicense: userLicense.name } : {}),
          reason: chosen.reason,
          source: source(chosen),
        }
      : userLicense
        ? { userLicense: userLicense.name, reason: userLicense.reason, source: source(userLicense) }
        : undefined;
  const caveats: CaveatFile[] = [
    ...userLicenses
      .filter((f) => f !== userLicense)
      .map((f) => ({
        id: `${f.off ? 'not-' : ''}${f.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-license`,
        tier: f.tier,
        reason: `${f.off ? 'Not a' : 'A'} ${f.name} user license: ${f.reason}`,
        ...(f.condition ? { condition: f.condition } : {}),
        source: source(f),
      })),
    ...profiles
      .filter((f) => f !== chosen || f.name === 'standard')
      .map((f) => ({
        id: `${f.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-profile`,
        tier: f.tier,
        reason: `${f.name === 'custom' || f.name === 'standard' ? `A ${f.name}` : `The ${f.name}`} profile: ${f.reason}`,
        ...(f.condition ? { condition: f.condition } : {}),
        source: source(f),
      })),
  ].filter((c, i, all) => all.findIndex((o) => o.id === c.id) === i);

  const file: VendorProfileFile = {
    vendor,
    name,
    summary: `Drafted from ${page.document} by sf integration-user convert page: review each item against the page before you generate.`,
    pages: [{ title: page.title ?? `${name}: Salesforce setup page`, document: page.document }],
    permissionSet,
    ...(userProfile ? { userProfile } : {}),
    ...nonEmpty({ userPermissions, objectPermissions, fieldPermissions, inheritedFields, userFields, orgSettings, permissionSetLicenses, permissionSetAssignments, caveats }),
  };
  return { file, review, notes };
};

const nonEmpty = <T extends Record<string, unknown[]>>(lists: T): Partial<T> =>
  Object.fromEntries(Object.entries(lists).filter(([, list]) => list.length > 0)) as Partial<T>;
