import { Messages } from '@salesforce/core';
import type { Requirements, Traced, VendorProfile } from '../profiles/types.js';
import type { Connection } from '@salesforce/core';
import type { Terminal } from './generate.js';
import { describeBecause, printDependencies, printRisks } from './generate.js';
import type { IntegrationUserPlan } from '../resolve/model.js';
import type { Risk } from '../resolve/risk.js';
import { resolveForTarget } from '../generate.js';
import type { OrgShape } from '../shape/format.js';
import { describePermission } from '../resolve/catalog.js';
import { ORG_WIDE_PERMISSIONS } from '../resolve/risk.js';
import { variantName } from './variant.js';
import { citation } from './cite.js';
import { printTable } from './table.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'display');

/** A vendor profile as JSON: the same data, with patterns as their source text. */
export type VendorProfileJson = Omit<VendorProfile, 'chosenObjects'> & {
  chosenObjects?: Omit<NonNullable<VendorProfile['chosenObjects']>, 'unsupported'> & {
    unsupported: Array<{ pattern: string; kind: string; reason: string; source: Traced['source'] }>;
  };
};

export type ProfileRow = { variant: string; tier: string; item: string; reason: string; source: string };

/** One row per item the vendor asks for, its variant's items marked with the variant. */
export const profileRows = (profile: VendorProfile): ProfileRow[] => {
  const rows = (requirements: Requirements, variant: string): ProfileRow[] => {
    const row = (item: Traced, what: string): ProfileRow => ({
      variant,
      tier: item.condition ? `${item.tier} (${item.condition})` : item.tier,
      item: what,
      reason: item.reason,
      source: citation(profile.pages, item.source),
    });
    return [
      ...(requirements.userPermissions ?? []).map((p) => row(p, messages.getMessage('item.userPermission', [p.name, p.label]))),
      ...(requirements.objectPermissions ?? []).map((o) => row(o, messages.getMessage('item.objectPermission', [o.object, o.access.join(', ')]))),
      ...(requirements.fieldPermissions ?? []).map((f) => row(f, messages.getMessage('item.fieldPermission', [f.field]))),
      ...(requirements.userFields ?? []).map((u) => row(u, messages.getMessage('item.userField', [u.field, u.label]))),
      ...(requirements.orgSettings ?? []).map((s) => row(s, messages.getMessage('item.orgSetting', [s.settings, s.field]))),
      ...(requirements.permissionSetLicenses ?? []).map((l) => row(l, messages.getMessage('item.license', [l.name]))),
      ...(requirements.permissionSetAssignments ?? []).map((a) => row(a, messages.getMessage('item.assignment', [a.name]))),
      ...(requirements.caveats ?? []).map((c) => row(c, messages.getMessage('item.caveat', [c.id]))),
    ];
  };
  return [...rows(profile, ''), ...(profile.variants ?? []).flatMap((variant) => rows(variant, variant.id))];
};

export const toProfileJson = (profile: VendorProfile): VendorProfileJson => {
  const { chosenObjects, ...rest } = profile;
  return {
    ...rest,
    ...(chosenObjects
      ? { chosenObjects: { ...chosenObjects, unsupported: chosenObjects.unsupported.map((u) => ({ ...u, pattern: u.pattern.source })) } }
      : {}),
  };
};

/** What `integration-user display vendor` prints. */
export const printVendorProfile = (terminal: Terminal, profile: VendorProfile): void => {
  terminal.styledHeader(`${profile.vendor} (${profile.id})`);
  terminal.log(profile.summary);
  for (const page of profile.pages) terminal.log(messages.getMessage('vendor.page', [page.title, page.url ?? page.document]));
  terminal.log(messages.getMessage('vendor.permissionSet', [profile.permissionSet.name, profile.permissionSet.label]));
  printTable(terminal, profileRows(profile), [
      { key: 'item', name: messages.getMessage('column.item') },
      { key: 'variant', name: messages.getMessage('column.variant') },
      { key: 'tier', name: messages.getMessage('column.tier') },
      { key: 'reason', name: messages.getMessage('column.reason') },
      { key: 'source', name: messages.getMessage('column.source') },
    ]);
  if (profile.variants?.length) {
    terminal.log(`\n${messages.getMessage('header.variants')}`);
    for (const v of profile.variants) terminal.log(`  ${variantName(v.id, v.id === profile.defaultVariant)}: ${v.summary}`);
  }
  if (profile.chosenObjects) {
    terminal.log(`\n${messages.getMessage('header.tasks')}`);
    for (const task of profile.chosenObjects.tasks) terminal.log(`  ${task.id}: ${task.summary} (${task.access.join(', ')})`);
    terminal.log(`\n${messages.getMessage('header.unsupported')}`);
    for (const rule of profile.chosenObjects.unsupported) terminal.log(`  ${rule.kind} (${rule.pattern.source}): ${rule.reason}`);
  }
};

/** The closed permission set of one variant and set of tiers: what generate would write, and why each item is there. */
export type ResolvedSet = {
  variant?: string;
  tiers: IntegrationUserPlan['tiers'];
  dependencies: IntegrationUserPlan['dependencies'];
  orgAssumptions: IntegrationUserPlan['orgAssumptions'];
  userPermissions: IntegrationUserPlan['permissionSet']['userPermissions'];
  objectPermissions: IntegrationUserPlan['permissionSet']['objectPermissions'];
  orgSettings: IntegrationUserPlan['orgSettings'];
  omitted: IntegrationUserPlan['omitted'];
  risks: Risk[];
};

/** Undefined where the vendor's objects are the admin's choice and none were given. */
export const resolveSet = async (
  profile: VendorProfile,
  options: { variant?: string; includeRecommended?: boolean; objects?: string[]; tasks?: string[]; connection?: Connection; orgShape?: OrgShape }
): Promise<ResolvedSet | undefined> => {
  if (profile.chosenObjects && !options.objects?.length) return undefined;
  const variant = profile.variants?.find((v) => v.id === (options.variant ?? profile.defaultVariant ?? profile.variants?.[0]?.id));
  // Display needs no user definition, so a variant that takes the admin's own profile gets a stand-in name.
  const custom = (variant?.userProfile ?? profile.userProfile).custom;
  const { plan, risks } = await resolveForTarget(profile, {
    ...options,
    ...(custom ? { profileName: messages.getMessage('profile.yours') } : {}),
  });
  return {
    ...(plan.variant ? { variant: plan.variant.id } : {}),
    tiers: plan.tiers,
    dependencies: plan.dependencies,
    orgAssumptions: plan.orgAssumptions,
    userPermissions: plan.permissionSet.userPermissions,
    objectPermissions: plan.permissionSet.objectPermissions,
    orgSettings: plan.orgSettings,
    omitted: plan.omitted,
    risks,
  };
};

export const printResolvedSet = (terminal: Terminal, set: ResolvedSet): void => {
  terminal.log('');
  terminal.styledHeader(messages.getMessage('header.resolved', [set.variant ? ` (--variant ${set.variant})` : '', set.tiers.join(' + ')]));
  printTable(terminal, set.userPermissions.map((p) => ({
      permission: describePermission(p.name),
      orgWide: ORG_WIDE_PERMISSIONS.includes(p.name) ? messages.getMessage('orgWide.yes') : '',
      because: p.because.map(describeBecause).join('; '),
    })), [
      { key: 'permission', name: messages.getMessage('column.permission') },
      { key: 'orgWide', name: messages.getMessage('column.orgWide') },
      { key: 'because', name: messages.getMessage('column.because') },
    ]);
  const objects = set.objectPermissions.map((o) => `${o.object} (${OBJECT_ACCESS_ORDER.filter((a) => o.access[a]).join(', ')})`);
  if (objects.length > 0) terminal.log(messages.getMessage('resolved.objects', [objects.join('; ')]));
  for (const setting of set.orgSettings) terminal.log(messages.getMessage('resolved.setting', [setting.settings, setting.field, setting.label]));
  printDependencies(terminal, set.dependencies);
  printRisks(terminal, set.risks);
  if (set.omitted.length > 0) {
    terminal.log(`\n${messages.getMessage('header.omitted')}`);
    for (const item of set.omitted) terminal.log(`  - ${item.item}: ${item.why}`);
  }
};

const OBJECT_ACCESS_ORDER = ['allowRead', 'allowCreate', 'allowEdit', 'allowDelete', 'viewAllRecords', 'modifyAllRecords'] as const;
