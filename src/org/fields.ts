import type { Connection } from '@salesforce/core';
import type { VendorProfile } from '../profiles/types.js';
import type { ResolveOptions } from '../resolve/resolve.js';
import { resolvePlan, vendorObjects, vendorRequirements } from '../resolve/resolve.js';
import type { OrgFields, SkippedObject } from '../resolve/org-fields.js';
import { fieldObjects, objectsToRead } from '../resolve/org-fields.js';
import type { DescribeOptions } from './schema.js';
import { describeObjects, listObjects } from './schema.js';

export type ReadOrgFieldsOptions = DescribeOptions & {
  /** Called before the global describe, when every object of the org is to be read. */
  onListing?: () => void;
};

/**
 * Read from the org what `--all-fields` needs: the describe of the objects whose fields the plan reads
 * (`--objects`, else the vendor's objects, else every queryable object of the org) and of the objects of
 * the vendor's own fields, so that its required ones can be checked.
 */
export const readOrgFields = async (
  conn: Connection,
  profile: VendorProfile,
  options: ResolveOptions,
  read: ReadOrgFieldsOptions = {}
): Promise<OrgFields> => {
  const chosen = profile.chosenObjects !== undefined;
  const requested = options.objects?.length ? options.objects : undefined;
  // The plan without the org: refuses bad flags before any request, and names the vendor's objects and fields.
  const offline = chosen && !requested ? undefined : resolvePlan(profile, { ...options, objects: chosen ? requested : undefined });
  // The objects of the vendor's own fields, so that the required ones can be checked against the org.
  const vendorFields = (vendorRequirements(profile, options.variant).fieldPermissions ?? [])
    .filter((f) => f.tier === 'required' || options.includeRecommended)
    .map((f) => f.field.slice(0, f.field.indexOf('.')));

  let targets = fieldObjects(requested, offline ? vendorObjects(offline.permissionSet.objectPermissions) : []);
  let skipped: SkippedObject[] = [];
  let globalObjects: Set<string> | undefined;
  if (!targets) {
    read.onListing?.();
    const listed = await listObjects(conn);
    globalObjects = new Set(listed.map((o) => o.name));
    const all = objectsToRead(profile, listed.filter((o) => o.queryable).map((o) => o.name));
    targets = all.objects;
    skipped = all.skipped;
  }
  const seen = new Set<string>();
  const names = [...targets, ...vendorFields].filter((n) => !seen.has(n.toLowerCase()) && seen.add(n.toLowerCase()));
  const schema = await describeObjects(conn, names, read);
  return { schema, skipped, ...(globalObjects ? { globalObjects } : {}) };
};
