import { Messages } from '@salesforce/core';
import type {
  ObjectAccess,
  PageRef,
  PermissionSetDefinition,
  Requirements,
  Tier,
  Traced,
  Variant,
  VendorProfile,
} from '../profiles/types.js';
import { OBJECT_ACCESS } from '../profiles/types.js';
import { AUDIT_FIELDS_PREFERENCE } from '../profiles/org-preferences.js';
import { compareKeys } from '../metadata/order.js';
import type { Because, IntegrationUserPlan, OmittedItem, PlannedFieldPermission, PlannedObjectPermission } from './model.js';
import type { DependencyGraph, Grant } from './dependencies.js';
import { bundledDependencyGraph, closeDependencies, grantKey } from './dependencies.js';
import { mergeFieldPermissions, planVendorFields } from './fields.js';
import { OrgGuess } from './availability.js';
import { objectsForTasks } from './objects.js';
import { checkPlanNames, objectExists } from './names.js';
import type { PermissionCatalog } from './catalog.js';
import { bundledCatalog, findUnknownPermissions, unknownPermissionsError } from './catalog.js';
import type { OrgFields } from './org-fields.js';
import { SchemaIndex, orgFieldPermissions } from './org-fields.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'resolve');

export type ResolveOptions = {
  /** One of the profile's variants; the profile's default where absent. */
  variant?: string;
  /** Add the recommended tier to the required one. */
  includeRecommended?: boolean;
  /** For vendors whose object permissions follow the objects the admin chooses. */
  objects?: string[];
  tasks?: string[];
  /** The user profile for the user definition file, where the admin names their own. */
  profileName?: string;
  /** Why the bundled graph closes the plan although an org was given (its graph couldn't be read). */
  graphFallback?: string;
  /** The target org's user permissions (its PermissionSet describe), where an org was given. */
  orgCatalog?: PermissionCatalog;
  /**
   * The org's schema (`--target-org --all-fields`): read access on every permissionable field of the plan's
   * objects (or of `objects`), and the vendor's own fields checked against the org.
   */
  orgFields?: OrgFields;
  /**
   * The org's object names: an org shape's `objects`, or the org's global describe. Given, every object the
   * vendor's items and `--objects` name must be one of them, case included; without, the bundled standard
   * objects and Salesforce's custom suffixes decide (src/resolve/names.ts). `--all-fields` reads the
   * global describe, which stands in where this is absent.
   */
  knownObjects?: ReadonlySet<string>;
};

/** `sf org create user` assigns this profile when a definition file names none. */
const DEFAULT_USER_PROFILE = 'Standard User';

const byKey = <T>(key: (item: T) => string) => (a: T, b: T): number => compareKeys(key(a), key(b));

/** Resolve a vendor profile into the plan that the renderers turn into files. */
export const resolvePlan = (
  profile: VendorProfile,
  options: ResolveOptions = {},
  graph: DependencyGraph = bundledDependencyGraph()
): IntegrationUserPlan => {
  const bundled = bundledCatalog();
  const unknown = findUnknownPermissions(profile, (name) => bundled.has(name) || (options.orgCatalog?.has(name) ?? false), options.orgCatalog ?? bundled);
  if (unknown.length > 0) throw unknownPermissionsError(unknown, profile.id, options.orgCatalog ?? bundled);
  const scope = planScope(profile, options);
  const { variant, tiers, requirements, omitted, selected, fromVendor, pageOf } = scope;

  const userPermissions = new Map<string, Because[]>();
  for (const item of selected(requirements.userPermissions, (p) => ({ item: `user permission ${p.name}`, grant: p.name }))) {
    // Only the org knows what it lacks; the bundled graph's feature-gated names are still written when the vendor asks.
    const missing = options.orgCatalog ? graph.unavailable({ kind: 'userPermission', name: item.name }) : undefined;
    if (missing) omitted.push({ item: `user permission ${item.name}`, grant: item.name, why: missing, because: [fromVendor(item)], notInOrg: true });
    else userPermissions.set(item.name, [...(userPermissions.get(item.name) ?? []), fromVendor(item)]);
  }

  const objectPermissions = new Map<string, PlannedObjectPermission>();
  const knownObjects = options.knownObjects ?? options.orgFields?.globalObjects;
  const isVerified = (object: string): boolean => options.orgFields?.schema.objects.has(object) === true || objectExists(object, knownObjects);
  const grantObject = (object: string, access: ObjectAccess[], because: Because): void => {
    const planned = objectPermissions.get(object) ?? { object, access: noAccess(), verified: isVerified(object), because: [] };
    for (const a of access) planned.access[a] = true;
    planned.because.push(because);
    objectPermissions.set(object, planned);
  };
  for (const item of selected(requirements.objectPermissions, (o) => ({ item: `object permissions on ${o.object}` }))) {
    grantObject(item.object, item.access, fromVendor(item));
  }
  const orgObjects = options.orgFields ? [...options.orgFields.schema.objects.keys()] : undefined;
  for (const chosen of objectsForTasks(profile, { ...options, orgObjects })) {
    grantObject(chosen.object, chosen.access, fromVendor(chosen.item));
  }
  checkPlanNames(profile, variant, options.objects ?? [], knownObjects);

  const index = options.orgFields ? new SchemaIndex(options.orgFields.schema) : undefined;
  const vendorFields = planVendorFields(
    profile.vendor,
    selected(requirements.fieldPermissions, (f) => ({ item: `field permission ${f.field}` })),
    index,
    fromVendor
  );
  for (const item of vendorFields.omitted) omitted.push(item);
  const coveredFields = vendorFields.covered;
  for (const item of selected(requirements.inheritedFields)) {
    coveredFields.push({ field: item.field, why: messages.getMessage('covered.inherited'), because: [fromVendor(item)] });
  }

  const orgSettings = new Map<string, IntegrationUserPlan['orgSettings'][number]>();
  for (const item of selected(requirements.orgSettings, (s) => ({ item: `org setting ${s.field}` }))) {
    const planned = orgSettings.get(item.field) ?? { settings: item.settings, field: item.field, value: item.value, label: item.label, because: [] };
    planned.because.push(fromVendor(item));
    orgSettings.set(item.field, planned);
  }

  // Close the dependencies of everything granted so far.
  const grants: Grant[] = [
    ...[...userPermissions.keys()].map((name): Grant => ({ kind: 'userPermission', name })),
    ...[...objectPermissions.values()].flatMap((o) =>
      OBJECT_ACCESS.filter((a) => o.access[a]).map((access): Grant => ({ kind: 'objectPermission', object: o.object, access }))
    ),
    ...[...orgSettings.values()].map((s): Grant => ({ kind: 'orgSetting', settings: s.settings, field: s.field })),
  ];
  // No org and no shape: the bundled graph closes the set on one stated guess per feature.
  const guess = !options.orgCatalog && graph.source === 'bundled' ? new OrgGuess([...userPermissions.keys()]) : undefined;
  const closure = closeDependencies(grants, guess ? { ...graph, unavailable: guess.unavailable } : graph);
  for (const { grant, requiredBy, chain, evidence } of closure.added) {
    const because: Because = { from: 'dependency', requiredBy: grantKey(requiredBy), chain, evidence };
    if (grant.kind === 'userPermission') userPermissions.set(grant.name, [because]);
    else if (grant.kind === 'objectPermission') grantObject(grant.object, [grant.access], because);
    else orgSettings.set(grant.field, { settings: grant.settings, field: grant.field, value: true, label: AUDIT_FIELDS_PREFERENCE.label, because: [because] });
  }
  for (const skip of closure.skipped) {
    omitted.push({
      item: `user permission ${grantKey(skip.requires)}`,
      grant: grantKey(skip.requires),
      why: skip.why,
      because: [{ from: 'dependency', requiredBy: grantKey(skip.requiredBy), chain: skip.chain, evidence: skip.evidence }],
    });
  }

  const orgFields: PlannedFieldPermission[] = [];
  if (options.orgFields && index) {
    const fromOrg = orgFieldPermissions(profile, options.orgFields, index, {
      requested: profile.chosenObjects ? undefined : options.objects,
      objectPermissions: [...objectPermissions.values()],
      vendorObjects: vendorObjects([...objectPermissions.values()]),
      modifyAllData: userPermissions.has('ModifyAllData'),
      fromVendor,
    });
    // Loops, not push(...list): an org's fields can outnumber the arguments a call has room for.
    for (const field of fromOrg.fieldPermissions) orgFields.push(field);
    for (const item of fromOrg.omitted) omitted.push(item);
  }

  const definition = permissionSetDefinition(profile, variant);
  // Before `omitted` is copied below: the user's items left out are reported with the rest.
  const user = planUser(profile, scope, options.profileName);

  return {
    vendor: { id: profile.id, name: profile.vendor, pages: profile.pages },
    ...(variant ? { variant: { id: variant.id, summary: variant.summary } } : {}),
    tiers,
    dependencies: {
      graph: graph.source,
      edgeCount: graph.edgeCount,
      ...(options.graphFallback ? { fallback: options.graphFallback } : {}),
      cycles: closure.cycles,
    },
    permissionSet: {
      fullName: definition.name,
      label: definition.label,
      description: definition.description,
      ...(definition.license ? { license: definition.license } : {}),
      userPermissions: [...userPermissions].map(([name, because]) => ({ name, because })).sort(byKey((p) => p.name)),
      objectPermissions: [...objectPermissions.values()].sort(byKey((o) => o.object)),
      fieldPermissions: mergeFieldPermissions([...vendorFields.fieldPermissions, ...orgFields]),
    },
    orgAssumptions: guess?.assumptions([...userPermissions.keys()], closure.skipped.map((skip) => grantKey(skip.requires))) ?? [],
    coveredFields: coveredFields.sort(byKey((f) => f.field)),
    // A recommended permission left out can still be in, because a required one depends on it.
    omitted: omitted.filter((o) => o.grant === undefined || !userPermissions.has(o.grant)),
    orgSettings: [...orgSettings.values()].sort(byKey((s) => s.field)),
    userFields: user.userFields,
    permissionSetLicenses: user.permissionSetLicenses,
    permissionSetAssignments: user.permissionSetAssignments,
    userProfile: user.userProfile,
    userName: user.userName,
    caveats: (requirements.caveats ?? []).map((c) => ({
      id: c.id,
      tier: c.tier,
      reason: c.reason,
      ...(c.condition ? { condition: c.condition } : {}),
      source: pageOf(c.source),
    })),
  };
};

/** What every part of a plan is chosen by: the variant, the tiers, and each item's citation. */
type PlanScope = {
  variant: Variant | undefined;
  tiers: Tier[];
  requirements: Requirements;
  /** Items of the chosen tiers; the others are reported in `omitted` as left out, unless they are notes (no `describe`). */
  selected: <T extends Traced>(items: T[] | undefined, describe?: (item: T) => { item: string; grant?: string }) => T[];
  omitted: OmittedItem[];
  fromVendor: (item: Traced) => Because;
  pageOf: (source: PageRef) => Required<PageRef>;
};

const planScope = (profile: VendorProfile, options: Pick<ResolveOptions, 'variant' | 'includeRecommended'>): PlanScope => {
  const variant = pickVariant(profile, options.variant);
  const tiers: Tier[] = options.includeRecommended ? ['required', 'recommended'] : ['required'];
  // A source that names its document already is taken as it is: a large profile file has one per field.
  const pageOf = (source: PageRef): Required<PageRef> =>
    source.document !== undefined ? (source as Required<PageRef>) : { ...source, document: profile.pages[0].document };
  const fromVendor = (item: Traced): Because => ({
    from: 'vendor',
    tier: item.tier,
    reason: item.reason,
    source: pageOf(item.source),
    ...(item.condition ? { condition: item.condition } : {}),
  });
  const omitted: OmittedItem[] = [];
  const selected = <T extends Traced>(items: T[] | undefined, describe?: (item: T) => { item: string; grant?: string }): T[] =>
    (items ?? []).filter((item) => {
      if (tiers.includes(item.tier)) return true;
      if (describe) omitted.push({ ...describe(item), why: messages.getMessage('omitted.recommended'), because: [fromVendor(item)] });
      return false;
    });
  return { variant, tiers, requirements: mergeRequirements(profile, variant), selected, omitted, fromVendor, pageOf };
};

/** A variant's permission set: the profile's, with what the variant changes. */
const permissionSetDefinition = (profile: VendorProfile, variant: Variant | undefined): PermissionSetDefinition => ({
  ...profile.permissionSet,
  ...variant?.permissionSet,
});

/**
 * The plan's parts a user definition and the user steps are made of: the user, its profile, what it is assigned,
 * and the permission set's name.
 */
export type UserPlan = Pick<IntegrationUserPlan, 'userFields' | 'permissionSetLicenses' | 'permissionSetAssignments' | 'userProfile' | 'userName'> & {
  permissionSet: Pick<IntegrationUserPlan['permissionSet'], 'fullName'>;
};

const planUser = (profile: VendorProfile, scope: PlanScope, profileName: string | undefined): Omit<UserPlan, 'permissionSet'> => {
  const { variant, requirements, selected, fromVendor } = scope;
  const userProfile = variant?.userProfile ?? profile.userProfile;
  if (userProfile.custom && !profileName) {
    throw messages.createError('error.ProfileNameRequired', [variant?.id ?? '', profile.id]);
  }
  return {
    userFields: selected(requirements.userFields, (u) => ({ item: `user field ${u.field}` }))
      .map((u) => ({ field: u.field, label: u.label, value: u.value, because: [fromVendor(u)] }))
      .sort(byKey((u) => u.field)),
    permissionSetLicenses: selected(requirements.permissionSetLicenses, (l) => ({ item: `permission set license ${l.name}` })).map((l) => ({
      name: l.name,
      label: l.label,
      ...(l.neededForAnyPermissionSet ? { neededForAnyPermissionSet: true } : {}),
      because: [fromVendor(l)],
    })),
    permissionSetAssignments: selected(requirements.permissionSetAssignments, (a) => ({ item: `permission set ${a.name}` })).map((a) => ({
      name: a.name,
      label: a.label,
      ...(a.requiresLicense ? { requiresLicense: a.requiresLicense } : {}),
      because: [fromVendor(a)],
    })),
    userProfile: {
      name: profileName ?? userProfile.name ?? DEFAULT_USER_PROFILE,
      ...(userProfile.userLicense ? { userLicense: userProfile.userLicense } : {}),
      reason: profileName
        ? messages.getMessage('profile.fromFlag')
        : userProfile.name
          ? userProfile.reason
          : `${userProfile.reason} ${messages.getMessage('profile.default', [DEFAULT_USER_PROFILE])}`,
    },
    userName: { ...(profile.userName?.firstName ? { firstName: profile.userName.firstName } : {}), lastName: profile.userName?.lastName ?? `${profile.vendor} Integration User` },
  };
};

/**
 * The user part of the plan alone, with the permission set's name: what a user definition holds. None of the
 * permission work (names, fields, closure) is done, so it costs nothing beside a large profile's resolve.
 */
export const resolveUserPlan = (profile: VendorProfile, options: Pick<ResolveOptions, 'variant' | 'includeRecommended' | 'profileName'>): UserPlan => {
  const scope = planScope(profile, options);
  return { permissionSet: { fullName: permissionSetDefinition(profile, scope.variant).name }, ...planUser(profile, scope, options.profileName) };
};

/** The plan's objects the vendor asks for, not those a dependency added. */
export const vendorObjects = (planned: readonly PlannedObjectPermission[]): string[] =>
  planned.filter((o) => o.because.some((b) => b.from === 'vendor')).map((o) => o.object);

const noAccess = (): Record<ObjectAccess, boolean> =>
  Object.fromEntries(OBJECT_ACCESS.map((a) => [a, false])) as Record<ObjectAccess, boolean>;

/** The profile's items with the variant's added: what the vendor asks for, before tiers and dependencies. */
export const vendorRequirements = (profile: VendorProfile, variant?: string): Requirements =>
  mergeRequirements(profile, pickVariant(profile, variant));

const pickVariant = (profile: VendorProfile, requested: string | undefined): Variant | undefined => {
  const variants = profile.variants ?? [];
  if (variants.length === 0) {
    if (requested) throw messages.createError('error.NoVariants', [profile.id, requested]);
    return undefined;
  }
  const id = requested ?? profile.defaultVariant ?? variants[0].id;
  const variant = variants.find((v) => v.id === id);
  if (!variant) {
    throw messages.createError('error.UnknownVariant', [id, profile.id], [variants.map((v) => `${v.id}: ${v.summary}`).join('\n')]);
  }
  return variant;
};

/** A variant adds to its profile's items; it never takes any away. */
const mergeRequirements = (profile: VendorProfile, variant: Variant | undefined): Requirements => {
  const both = <T>(base: T[] | undefined, extra: T[] | undefined): T[] => [...(base ?? []), ...(extra ?? [])];
  return {
    userPermissions: both(profile.userPermissions, variant?.userPermissions),
    objectPermissions: both(profile.objectPermissions, variant?.objectPermissions),
    fieldPermissions: both(profile.fieldPermissions, variant?.fieldPermissions),
    inheritedFields: both(profile.inheritedFields, variant?.inheritedFields),
    userFields: both(profile.userFields, variant?.userFields),
    orgSettings: both(profile.orgSettings, variant?.orgSettings),
    permissionSetLicenses: both(profile.permissionSetLicenses, variant?.permissionSetLicenses),
    permissionSetAssignments: both(profile.permissionSetAssignments, variant?.permissionSetAssignments),
    caveats: both(profile.caveats, variant?.caveats),
  };
};
