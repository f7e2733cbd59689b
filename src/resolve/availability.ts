import { Messages } from '@salesforce/core';
import { readTable } from '../reference/tables.js';
import { compareKeys } from '../metadata/order.js';
import type { Grant } from './dependencies.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'resolve');

/**
 * Whether a user permission exists in every org or only with an edition, feature or license
 * (data/permission-availability.tsv). Without the org or its shape, this is all the plugin knows.
 */
export type PermissionAvailability = {
  permission: string;
  availability: 'every-org' | 'edition' | 'feature' | 'unverified';
  /** The edition, feature or license it needs. */
  feature?: string;
  /** What an org the plugin hasn't seen is assumed to have, where no vendor permission says otherwise. */
  assumed: 'present' | 'absent';
  evidence: string;
};

/** A permission the plan writes or leaves out on a guess about the org, and what the guess rests on. */
export type OrgAssumption = {
  permission: string;
  /** `unclassified`: no row of data/permission-availability.tsv names it. */
  availability: PermissionAvailability['availability'] | 'unclassified';
  feature?: string;
  /** present: written, assumed to exist; absent: left out, assumed not to exist (or not to be required). */
  assumed: 'present' | 'absent';
  why: string;
  evidence: string;
};

let table: Map<string, PermissionAvailability> | undefined;

export const permissionAvailability = (name: string): PermissionAvailability | undefined => {
  table ??= new Map(
    readTable('permission-availability.tsv').map((row) => [
      row.permission,
      {
        permission: row.permission,
        availability: row.availability as PermissionAvailability['availability'],
        ...(row.feature ? { feature: row.feature } : {}),
        assumed: row.assumed === 'absent' ? 'absent' : 'present',
        evidence: `data/permission-availability.tsv: ${row.evidence}`,
      },
    ])
  );
  return table.get(name);
};

/**
 * One guess per feature, applied to all its permissions alike: a feature the vendor asks for a permission of
 * is assumed on (the vendor's own permission is written, so its siblings are too); any other keeps the
 * table's assumed state. Where the guess is "absent", a dependency on the feature's permissions is left out.
 */
export class OrgGuess {
  private readonly featuresOn: ReadonlySet<string>;

  public constructor(private readonly asked: readonly string[]) {
    this.featuresOn = new Set(asked.flatMap((name) => permissionAvailability(name)?.feature ?? []));
  }

  /** Why the grant is left out of a set for an org the plugin hasn't seen; undefined where it is written. */
  public readonly unavailable = (grant: Grant): string | undefined => {
    if (grant.kind !== 'userPermission') return undefined;
    const row = permissionAvailability(grant.name);
    return row && this.assumedState(row) === 'absent' ? messages.getMessage('unavailable.assumedAbsent', [row.feature ?? row.availability]) : undefined;
  };

  /** The plan's guesses: each permission written or left out whose existence in the org isn't known. */
  public assumptions(written: readonly string[], leftOut: readonly string[]): OrgAssumption[] {
    const result: OrgAssumption[] = [];
    for (const name of new Set([...written, ...leftOut])) {
      const row = permissionAvailability(name);
      if (row?.availability === 'every-org') continue;
      if (!row) {
        result.push({ permission: name, availability: 'unclassified', assumed: 'present', why: messages.getMessage('assumption.unclassified'), evidence: messages.getMessage('assumption.unclassifiedEvidence') });
        continue;
      }
      const assumed = this.assumedState(row);
      const feature = row.feature ?? row.availability;
      const why = this.featuresOn.has(feature) && row.assumed === 'absent'
        ? messages.getMessage('assumption.askedFeature', [feature, this.askedOf(feature).join(', ')])
        : messages.getMessage(assumed === 'present' ? 'assumption.present' : 'assumption.absent', [feature]);
      result.push({ permission: name, availability: row.availability, ...(row.feature ? { feature: row.feature } : {}), assumed, why, evidence: row.evidence });
    }
    return result.sort((a, b) => compareKeys(a.permission, b.permission));
  }

  private assumedState(row: PermissionAvailability): 'present' | 'absent' {
    return row.feature && this.featuresOn.has(row.feature) ? 'present' : row.assumed;
  }

  private askedOf(feature: string): string[] {
    return this.asked.filter((name) => permissionAvailability(name)?.feature === feature);
  }
}
