import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { Messages } from '@salesforce/core';
import { BUILT_IN_PROFILES, findProfile } from '../../../profiles/index.js';
import type { Requirements, Traced, VendorProfile } from '../../../profiles/types.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'integration-user.display.vendor');

/** A vendor profile as JSON: the same data, with patterns as their source text. */
export type VendorProfileJson = Omit<VendorProfile, 'chosenObjects'> & {
  chosenObjects?: Omit<NonNullable<VendorProfile['chosenObjects']>, 'unsupported'> & {
    unsupported: Array<{ pattern: string; kind: string; reason: string; source: Traced['source'] }>;
  };
};

export type IntegrationUserDisplayVendorResult = VendorProfileJson;

type Row = { variant: string; tier: string; item: string; reason: string; source: string };

export default class IntegrationUserDisplayVendor extends SfCommand<IntegrationUserDisplayVendorResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    vendor: Flags.string({
      summary: messages.getMessage('flags.vendor.summary'),
      required: true,
      options: BUILT_IN_PROFILES.map((p) => p.id),
    }),
  };

  public async run(): Promise<IntegrationUserDisplayVendorResult> {
    const { flags } = await this.parse(IntegrationUserDisplayVendor);
    const profile = findProfile(flags.vendor);

    this.styledHeader(`${profile.vendor} (${profile.id})`);
    this.log(profile.summary);
    for (const page of profile.pages) this.log(messages.getMessage('page', [page.title, page.document]));
    this.log(messages.getMessage('permissionSet', [profile.permissionSet.name, profile.permissionSet.label]));

    const rows = [
      ...requirementRows(profile, '', profile),
      ...(profile.variants ?? []).flatMap((variant) => requirementRows(variant, variant.id, profile)),
    ];
    this.table({
      data: rows,
      columns: [
        { key: 'variant', name: messages.getMessage('column.variant') },
        { key: 'tier', name: messages.getMessage('column.tier') },
        { key: 'item', name: messages.getMessage('column.item') },
        { key: 'reason', name: messages.getMessage('column.reason') },
        { key: 'source', name: messages.getMessage('column.source') },
      ],
    });

    if (profile.variants?.length) {
      this.log(`\n${messages.getMessage('header.variants')}`);
      for (const v of profile.variants) this.log(`  ${v.id}${v.id === profile.defaultVariant ? ' (default)' : ''}: ${v.summary}`);
    }
    if (profile.chosenObjects) {
      this.log(`\n${messages.getMessage('header.tasks')}`);
      for (const task of profile.chosenObjects.tasks) this.log(`  ${task.id}: ${task.summary} (${task.access.join(', ')})`);
      this.log(`\n${messages.getMessage('header.unsupported')}`);
      for (const rule of profile.chosenObjects.unsupported) this.log(`  ${rule.kind} (${rule.pattern.source}): ${rule.reason}`);
    }
    return toJson(profile);
  }
}

const requirementRows = (requirements: Requirements, variant: string, profile: VendorProfile): Row[] => {
  const row = (item: Traced, what: string): Row => ({
    variant,
    tier: item.condition ? `${item.tier} (${item.condition})` : item.tier,
    item: what,
    reason: item.reason,
    source: `${item.source.document ?? profile.pages[0].document}:${item.source.line}`,
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

const toJson = (profile: VendorProfile): VendorProfileJson => {
  const { chosenObjects, ...rest } = profile;
  return {
    ...rest,
    ...(chosenObjects
      ? { chosenObjects: { ...chosenObjects, unsupported: chosenObjects.unsupported.map((u) => ({ ...u, pattern: u.pattern.source })) } }
      : {}),
  };
};
