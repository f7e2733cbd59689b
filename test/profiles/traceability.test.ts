import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { BUILT_IN_PROFILES } from '../../src/profiles/index.js';
import type { PageRef, Requirements, Traced, VendorProfile } from '../../src/profiles/types.js';
import { NO_REASON_GIVEN } from '../../src/profiles/evidence.js';
import { DATA_DIR, readTable } from '../../src/reference/tables.js';
import { SHARED, referenceFile, seedLines } from '../helpers/shared.js';

/** Every place a profile points at its vendor's page, with a name for the failure message. */
const pageRefs = (profile: VendorProfile): Array<[string, PageRef]> => {
  const refs: Array<[string, PageRef]> = [['permissionSet', profile.permissionSet.source]];
  if (profile.userProfile.source) refs.push(['userProfile', profile.userProfile.source]);
  if (profile.userName?.source) refs.push(['userName', profile.userName.source]);
  const fromRequirements = (prefix: string, r: Requirements): void => {
    for (const [kind, items] of Object.entries(r)) {
      if (!Array.isArray(items)) continue;
      items.forEach((item: { source?: PageRef }, i) => {
        if (item.source) refs.push([`${prefix}${kind}[${i}]`, item.source]);
      });
    }
  };
  fromRequirements('', profile);
  for (const variant of profile.variants ?? []) {
    refs.push([`variant ${variant.id}`, variant.source]);
    if (variant.userProfile?.source) refs.push([`variant ${variant.id} userProfile`, variant.userProfile.source]);
    if (variant.permissionSet?.source) refs.push([`variant ${variant.id} permissionSet`, variant.permissionSet.source]);
    fromRequirements(`variant ${variant.id} `, variant);
  }
  const chosen = profile.chosenObjects;
  if (chosen) {
    refs.push(['chosenObjects', chosen.source]);
    chosen.tasks.forEach((t) => refs.push([`task ${t.id}`, t.source]));
    chosen.unsupported.forEach((u) => refs.push([`unsupported ${u.kind}`, u.source]));
  }
  return refs;
};

const allUserPermissions = (profile: VendorProfile) => [
  ...(profile.userPermissions ?? []),
  ...(profile.variants ?? []).flatMap((v) => v.userPermissions ?? []),
];

/** Every traced item of a profile and its variants. */
const allItems = (profile: VendorProfile): Traced[] =>
  [profile, ...(profile.variants ?? [])].flatMap((r: Requirements) => {
    const lists: Array<Traced[] | undefined> = REQUIREMENT_KINDS.map((kind) => r[kind]);
    return lists.flatMap((list) => list ?? []);
  });

const REQUIREMENT_KINDS: Array<keyof Requirements> = [
  'userPermissions',
  'objectPermissions',
  'fieldPermissions',
  'inheritedFields',
  'userFields',
  'orgSettings',
  'permissionSetLicenses',
  'permissionSetAssignments',
  'caveats',
];

/** Words that make an item conditional on the vendor's page. */
const CONDITIONAL = /\b(if using|needed if|if your organization uses|only exist if|if they are in use)\b/i;

/** Permissions that exist only once an org preference is on, so the PermissionSet field reference leaves them out. */
const NOT_IN_TABLE = new Set(['CreateAuditFields', 'UpdateWithInactiveOwner']);

describe('built-in vendor profiles trace to their vendor pages', () => {
  for (const profile of BUILT_IN_PROFILES) {
    describe(profile.id, () => {
      it('quotes each page line it cites, word for word', () => {
        const refs = pageRefs(profile);
        expect(refs.length).to.be.greaterThan(5);
        for (const [where, ref] of refs) {
          const document = ref.document ?? profile.pages[0].document;
          const lines = seedLines(document);
          expect(lines[ref.line - 1], `${profile.id} ${where}: ${document}:${ref.line}`).to.include(ref.quote);
        }
      });

      it('cites only pages the profile lists', () => {
        const documents = new Set(profile.pages.map((p) => p.document));
        for (const [where, ref] of pageRefs(profile)) {
          if (ref.document) expect(documents.has(ref.document), `${profile.id} ${where}`).to.equal(true);
        }
      });

      it('names each user permission by its Metadata API name, with the evidence checked against the permission table', () => {
        const labels = new Map(readTable('user-permissions.tsv', ['name', 'label']).map((row) => [row.name, row.label]));
        for (const permission of allUserPermissions(profile)) {
          const tableLabel = labels.get(permission.name);
          if (NOT_IN_TABLE.has(permission.name)) {
            expect(tableLabel, permission.name).to.equal(undefined);
            expect(permission.apiName, permission.name).to.include('missing from data/user-permissions.tsv');
            continue;
          }
          expect(tableLabel, `${permission.name} is not a user permission in the table`).to.be.a('string');
          const claim = permission.apiName.match(/data\/user-permissions\.tsv: (\w+) = "([^"]+)"/);
          expect(claim, `${permission.name} cites the table`).to.not.equal(null);
          expect(claim?.[1]).to.equal(permission.name);
          expect(claim?.[2], `${permission.name}'s label in the table`).to.equal(tableLabel);
        }
      });

      it("gives each user permission the vendor's own reason, word for word, or says the page gives none", () => {
        const page = profile.pages.map((p) => seedLines(p.document).join(' ')).join(' ').replace(/\s+/g, ' ');
        for (const permission of allUserPermissions(profile)) {
          if (permission.reason === NO_REASON_GIVEN) continue;
          expect(page, `${permission.name}'s reason`).to.include(permission.reason.replace(/\s+/g, ' '));
        }
      });

      it('puts every conditional item in the recommended tier, and states the condition wherever the reason has one', () => {
        for (const item of allItems(profile)) {
          expect(item.reason.trim(), JSON.stringify(item)).to.not.equal('');
          if (CONDITIONAL.test(item.reason)) expect(item.condition, `${item.reason} needs its condition stated`).to.be.a('string');
          if (item.condition) expect(item.tier, JSON.stringify(item)).to.equal('recommended');
        }
      });
    });
  }

  it('maps the labels the reference calls surprising to the names it gives', () => {
    const ownbackup = BUILT_IN_PROFILES.find((p) => p.id === 'ownbackup');
    const byLabel = new Map((ownbackup?.userPermissions ?? []).map((p) => [p.label, p.name]));
    expect(Object.fromEntries(byLabel)).to.include({
      'Manage Flow': 'ManageInteraction',
      'Manage Experiences': 'GovernNetworks',
      'View All Lookup Record Names': 'ViewAllForeignKeyNames',
      'Manage all Private Reports and Dashboards': 'ManagePvtRptsAndDashbds',
      'Access Conversation Entries': 'CanAccessCE',
      'View and Edit Converted Leads': 'AllowViewEditConvertedLeads',
      'Edit Read Only Fields': 'EditReadonlyFields',
      'Manage Prompts': 'CanEditPrompts',
    });
  });

  it('bundles the reference tables unchanged, so the plugin needs nothing outside its package', () => {
    for (const table of ['user-permissions.tsv', 'permission-dependencies.tsv', 'object-permission-dependencies.tsv', 'standard-object-fields.tsv']) {
      expect(readFileSync(`${DATA_DIR}${table}`, 'utf8'), table).to.equal(referenceFile(table));
    }
    expect(SHARED).to.match(/shared\/$/);
  });
});
