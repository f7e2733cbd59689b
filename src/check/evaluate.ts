import { Messages } from '@salesforce/core';
import type { ObjectAccess, Tier } from '../profiles/types.js';
import { OBJECT_ACCESS } from '../profiles/types.js';
import type { Because, IntegrationUserPlan } from '../resolve/model.js';
import type { UserPermissionSet } from '../org/user-access.js';
import type { OrgSnapshot, Read } from './read.js';
import { planObjects } from './read.js';
import type { CheckItem, CheckStatus, FieldSecurityGap } from './model.js';
import { fieldSecurityCaveat, listFirst, scanFieldSecurity } from './field-security.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'check');

/** How a permission set is named where it grants something: the profile and groups by their own names. */
export const grantorName = (ps: UserPermissionSet): string =>
  ps.ownedByProfile
    ? messages.getMessage('grantor.profile', [ps.profileName ?? ps.name])
    : ps.group
      ? messages.getMessage('grantor.group', [ps.group])
      : ps.name;

const vendorSide = (because: Because[]): { reason: string; source?: CheckItem['source'] } => {
  const vendor = because.find((b) => b.from === 'vendor');
  if (vendor?.from === 'vendor') return { reason: vendor.reason, source: vendor.source };
  const dependency = because.find((b) => b.from === 'dependency');
  return { reason: dependency?.from === 'dependency' ? messages.getMessage('reason.dependency', [dependency.requiredBy]) : '' };
};

/** An item's tier; a dependency takes the tier of what needs it (required where anything required does). */
const tierResolver = (plan: IntegrationUserPlan): ((because: Because[]) => Tier) => {
  const byKey = new Map<string, Because[]>([
    ...plan.permissionSet.userPermissions.map((p): [string, Because[]] => [p.name, p.because]),
    ...plan.permissionSet.objectPermissions.flatMap((o) => OBJECT_ACCESS.map((a): [string, Because[]] => [`${o.object}.${a}`, o.because])),
    ...plan.orgSettings.map((s): [string, Because[]] => [`${s.settings}Settings.${s.field}`, s.because]),
  ]);
  const resolve = (because: Because[], seen: Set<string>): Tier => {
    const tiers = because.map((b): Tier => {
      if (b.from === 'vendor') return b.tier;
      // Fields read from the org's schema (generate --all-fields) go beyond what the vendor's page requires.
      if (b.from === 'org') return 'recommended';
      if (seen.has(b.requiredBy)) return 'recommended';
      return resolve(byKey.get(b.requiredBy) ?? [], new Set([...seen, b.requiredBy]));
    });
    return tiers.includes('required') ? 'required' : 'recommended';
  };
  return (because) => resolve(because, new Set());
};

const unchecked = <T>(read: Read<T>): { status: CheckStatus; detail: string } | undefined =>
  read.ok ? undefined : { status: 'unchecked', detail: messages.getMessage('detail.unchecked', [read.fault.step, read.fault.errorCode]) };

const ACCESS_LABEL: Record<ObjectAccess, string> = {
  allowRead: 'Read',
  allowCreate: 'Create',
  allowEdit: 'Edit',
  allowDelete: 'Delete',
  viewAllRecords: 'View All',
  modifyAllRecords: 'Modify All',
};

/** Compare the plan with what the org grants the user: one item per requirement, in the table's order. */
export const evaluate = (plan: IntegrationUserPlan, org: OrgSnapshot): { items: CheckItem[]; fieldSecurity: FieldSecurityGap[] } => {
  const tierOf = tierResolver(plan);
  const items: CheckItem[] = [];
  const sets = org.permissionSets.ok ? org.permissionSets.value : [];
  const setById = new Map(sets.map((ps) => [ps.id, ps]));
  const names = (ids: Iterable<string>): string[] => [...new Set([...ids].map((id) => (setById.has(id) ? grantorName(setById.get(id)!) : id)))].sort();

  // The user.
  items.push({
    kind: 'user',
    name: org.user.username,
    requirement: messages.getMessage('requirement.active', [org.user.username]),
    tier: 'required',
    status: org.user.isActive ? 'pass' : 'fail',
    grantedBy: [],
    detail: messages.getMessage('detail.user', [org.user.profileName ?? '?', org.user.userLicense ?? '?']),
    reason: messages.getMessage('reason.active'),
  });
  if (plan.userProfile.userLicense) {
    items.push({
      kind: 'userLicense',
      name: plan.userProfile.userLicense,
      requirement: messages.getMessage('requirement.userLicense', [plan.userProfile.userLicense]),
      tier: 'required',
      status: org.user.userLicense === plan.userProfile.userLicense ? 'pass' : 'fail',
      grantedBy: org.user.profileName ? [messages.getMessage('grantor.profile', [org.user.profileName])] : [],
      ...(org.user.userLicense !== plan.userProfile.userLicense ? { detail: messages.getMessage('detail.userLicense', [org.user.userLicense ?? '?']) } : {}),
      reason: plan.userProfile.reason,
    });
  }

  // Permission sets and permission set licenses assigned.
  const dedicated = plan.caveats.find((c) => c.id === 'dedicated-user');
  const assigned = (name: string): string[] => sets.filter((ps) => !ps.ownedByProfile && ps.name === name).map(grantorName);
  const setItem = (name: string, tier: Tier, reason: string, source?: CheckItem['source']): CheckItem => {
    const by = assigned(name);
    return {
      kind: 'permissionSet',
      name,
      requirement: messages.getMessage('requirement.permissionSet', [name]),
      tier,
      ...(unchecked(org.permissionSets) ?? { status: by.length > 0 ? 'pass' : 'fail' }),
      grantedBy: by,
      reason,
      ...(source ? { source } : {}),
    };
  };
  items.push(
    dedicated
      ? setItem(plan.permissionSet.fullName, dedicated.tier, dedicated.reason, dedicated.source)
      : setItem(plan.permissionSet.fullName, 'recommended', messages.getMessage('reason.generatedSet'))
  );
  for (const a of plan.permissionSetAssignments) {
    const side = vendorSide(a.because);
    items.push(setItem(a.name, tierOf(a.because), side.reason, side.source));
  }
  const licenses = org.permissionSetLicenses.ok ? org.permissionSetLicenses.value : [];
  for (const l of plan.permissionSetLicenses) {
    const held = licenses.filter((h) => [h.developerName, h.label].some((n) => n.toLowerCase() === l.name.toLowerCase()));
    const side = vendorSide(l.because);
    items.push({
      kind: 'permissionSetLicense',
      name: l.name,
      requirement: messages.getMessage('requirement.permissionSetLicense', [l.label]),
      tier: tierOf(l.because),
      ...(unchecked(org.permissionSetLicenses) ?? { status: held.length > 0 ? 'pass' : 'fail' }),
      grantedBy: held.map((h) => h.developerName),
      reason: side.reason,
      ...(side.source ? { source: side.source } : {}),
    });
  }

  // User permissions, effective through the profile or any permission set.
  for (const p of plan.permissionSet.userPermissions) {
    const side = vendorSide(p.because);
    const base = { kind: 'userPermission' as const, name: p.name, requirement: messages.getMessage('requirement.userPermission', [p.name]), tier: tierOf(p.because), reason: side.reason, ...(side.source ? { source: side.source } : {}) };
    const problem = unchecked(org.permissionFieldsInOrg) ?? unchecked(org.userPermissions);
    if (problem || !org.permissionFieldsInOrg.ok || !org.userPermissions.ok) {
      items.push({ ...base, ...(problem ?? { status: 'unchecked' }), grantedBy: [] });
    } else if (!org.permissionFieldsInOrg.value.has(p.name)) {
      items.push({ ...base, status: 'not-in-org', grantedBy: [], detail: messages.getMessage('detail.notInOrg', [`PermissionSet.Permissions${p.name}`]) });
    } else {
      const by = names([...org.userPermissions.value].filter(([, enabled]) => enabled.has(p.name)).map(([id]) => id));
      items.push({ ...base, status: by.length > 0 ? 'pass' : 'fail', grantedBy: by });
    }
  }

  // What the vendor asks for that the plan left out because this org doesn't have it.
  for (const o of plan.omitted.filter((x) => x.notInOrg && x.grant)) {
    const side = vendorSide(o.because);
    items.push({
      kind: 'userPermission',
      name: o.grant!,
      requirement: messages.getMessage('requirement.userPermission', [o.grant!]),
      tier: tierOf(o.because),
      status: 'not-in-org',
      grantedBy: [],
      detail: messages.getMessage('detail.notInOrg', [`PermissionSet.Permissions${o.grant!}`]),
      reason: side.reason,
      ...(side.source ? { source: side.source } : {}),
    });
  }

  // Object permissions.
  const objectRows = org.objectPermissions.ok ? org.objectPermissions.value : [];
  for (const o of plan.permissionSet.objectPermissions) {
    const side = vendorSide(o.because);
    const needed = OBJECT_ACCESS.filter((a) => o.access[a]);
    const rows = objectRows.filter((r) => r.object.toLowerCase() === o.object.toLowerCase());
    const missing = needed.filter((a) => !rows.some((r) => r.access[a]));
    items.push({
      kind: 'objectPermission',
      name: o.object,
      requirement: messages.getMessage('requirement.objectPermission', [needed.map((a) => ACCESS_LABEL[a]).join(', '), o.object]),
      tier: tierOf(o.because),
      ...(unchecked(org.objectPermissions) ?? {
        status: missing.length === 0 ? 'pass' : 'fail',
        ...(missing.length > 0 ? { detail: messages.getMessage('detail.objectAccess', [missing.map((a) => ACCESS_LABEL[a]).join(', ')]) } : {}),
      }),
      grantedBy: names(rows.filter((r) => needed.some((a) => r.access[a])).map((r) => r.parentId)),
      reason: side.reason,
      ...(side.source ? { source: side.source } : {}),
    });
  }

  // Field permissions the vendor lists, per object and tier.
  const fieldRows = org.fieldPermissions.ok ? org.fieldPermissions.value : [];
  const viewAllFields = new Set(objectRows.filter((r) => r.viewAllFields).map((r) => r.object.toLowerCase()));
  const readers = (field: string): string[] => fieldRows.filter((r) => r.readable && r.field.toLowerCase() === field.toLowerCase()).map((r) => r.parentId);
  const editors = (field: string): string[] => fieldRows.filter((r) => r.editable && r.field.toLowerCase() === field.toLowerCase()).map((r) => r.parentId);
  const viewAllFieldsBy = (object: string): string[] => objectRows.filter((r) => r.viewAllFields && r.object.toLowerCase() === object.toLowerCase()).map((r) => r.parentId);
  for (const object of planObjects(plan)) {
    for (const tier of ['required', 'recommended'] as const) {
      const planned = plan.permissionSet.fieldPermissions.filter((f) => f.field.split('.')[0] === object && tierOf(f.because) === tier);
      if (planned.length === 0) continue;
      const readable = (field: string): boolean => viewAllFields.has(object.toLowerCase()) || readers(field).length > 0;
      const missing = planned.filter((f) => !readable(f.field) || (f.editable && editors(f.field).length === 0)).map((f) => f.field);
      const side = vendorSide(planned[0].because);
      items.push({
        kind: 'fieldPermission',
        name: object,
        requirement: messages.getMessage('requirement.fieldPermission', [planned.length, object]),
        tier,
        ...(unchecked(org.fieldPermissions) ?? unchecked(org.objectPermissions) ?? {
          status: missing.length === 0 ? 'pass' : 'fail',
          ...(missing.length > 0 ? { detail: messages.getMessage('detail.fields', [missing.length, planned.length, listFirst(missing)]), missingFields: missing } : {}),
        }),
        grantedBy: names([...planned.flatMap((f) => readers(f.field)), ...viewAllFieldsBy(object)]),
        reason: side.reason,
        ...(side.source ? { source: side.source } : {}),
      });
    }
  }

  // GRAX's "Missing Field Permissions" scan: every permissionable field of the objects scanned.
  const fieldSecurity: FieldSecurityGap[] = [];
  if (org.permissionableFields) {
    const caveat = fieldSecurityCaveat(plan);
    const base = { tier: caveat?.tier ?? ('recommended' as const), reason: caveat?.reason ?? messages.getMessage('reason.fieldSecurity'), ...(caveat ? { source: caveat.source } : {}) };
    const fault = unchecked(org.permissionableFields) ?? unchecked(org.fieldPermissions) ?? unchecked(org.objectPermissions);
    if (fault || !org.permissionableFields.ok) {
      items.push({ kind: 'fieldSecurity', name: '*', requirement: messages.getMessage('requirement.fieldSecurityAll'), ...base, ...(fault ?? { status: 'unchecked' }), grantedBy: [] });
    } else {
      const scan = scanFieldSecurity(org.permissionableFields.value, fieldRows, objectRows, names, base);
      // Loops, not push(...list): a large org's fields can outnumber the arguments a call has room for.
      for (const item of scan.items) items.push(item);
      for (const gap of scan.gaps) fieldSecurity.push(gap);
    }
  }

  // User fields and org settings.
  for (const u of plan.userFields) {
    const side = vendorSide(u.because);
    const inOrg = org.userFieldsInOrg.has(u.field);
    const actual = org.user.fields[u.field];
    items.push({
      kind: 'userField',
      name: u.field,
      requirement: messages.getMessage('requirement.userField', [u.label, String(u.value)]),
      tier: tierOf(u.because),
      status: !inOrg ? 'not-in-org' : actual === u.value ? 'pass' : 'fail',
      grantedBy: [],
      ...(!inOrg ? { detail: messages.getMessage('detail.notInOrg', [`User.${u.field}`]) } : actual !== u.value ? { detail: messages.getMessage('detail.value', [String(actual)]) } : {}),
      reason: side.reason,
      ...(side.source ? { source: side.source } : {}),
    });
  }
  for (const s of plan.orgSettings) {
    const side = vendorSide(s.because);
    const actual = org.securitySettings.ok ? org.securitySettings.value[s.field] : undefined;
    items.push({
      kind: 'orgSetting',
      name: `${s.settings}Settings.${s.field}`,
      requirement: messages.getMessage('requirement.orgSetting', [s.label]),
      tier: tierOf(s.because),
      ...(unchecked(org.securitySettings) ??
        (actual === undefined
          ? { status: 'unchecked' as const, detail: messages.getMessage('detail.settingAbsent', [s.field]) }
          : { status: actual === s.value ? ('pass' as const) : ('fail' as const), ...(actual !== s.value ? { detail: messages.getMessage('detail.value', [String(actual)]) } : {}) })),
      grantedBy: [],
      reason: side.reason,
      ...(side.source ? { source: side.source } : {}),
    });
  }
  return { items, fieldSecurity };
};
