/** A synthetic vendor profile the size of a large org's read-all-fields integration permission set. */
import type { FieldPermissionRequirement, ObjectPermissionRequirement, UserPermissionRequirement, VendorProfile } from '../src/profiles/types.js';
import { stringify } from 'yaml';
import { readTable } from '../src/reference/tables.js';

export type ProfileSize = { objects: number; fieldsPerObject: number; userPermissions: number };

/** 800 objects × 250 fields = 200,000 field permissions, 800 object permissions, 50 user permissions. */
export const FULL_SIZE: ProfileSize = { objects: 800, fieldsPerObject: 250, userPermissions: 50 };
/** One tenth of the entries, for the linearity check. */
export const TENTH_SIZE: ProfileSize = { objects: 80, fieldsPerObject: 250, userPermissions: 5 };
/** 228 objects × 250 fields = 57,000 field permissions: the profile file whose peak memory the bench reports. */
export const FIELDS_57K_SIZE: ProfileSize = { objects: 228, fieldsPerObject: 250, userPermissions: 50 };

const source = { line: 1, quote: 'benchmark' };
const traced = { tier: 'required' as const, reason: 'Benchmark: read every field.', source };

const pad = (n: number): string => String(n).padStart(4, '0');

/**
 * User permissions that depend on nothing (data/permission-dependencies.tsv names no requirement for them),
 * so the closure adds none and the set holds exactly `count`.
 */
const independentUserPermissions = (count: number): string[] => {
  const dependent = new Set(readTable('permission-dependencies.tsv').map((row) => row.permission));
  const required = new Set(readTable('permission-dependencies.tsv').map((row) => row.requires));
  const names = readTable('user-permissions.tsv', ['name', 'label'])
    .map((row) => row.name)
    .filter((name) => !dependent.has(name) && !required.has(name) && !['CreateAuditFields', 'UpdateWithInactiveOwner'].includes(name));
  return names.slice(0, count);
};

export const syntheticProfile = (size: ProfileSize): VendorProfile => {
  const objects = Array.from({ length: size.objects }, (_, i) => `Bench_Object_${pad(i)}__c`);
  const userPermissions: UserPermissionRequirement[] = independentUserPermissions(size.userPermissions).map((name) => ({
    ...traced,
    name,
    label: name,
    apiName: 'data/user-permissions.tsv',
  }));
  // Read and View All on each object: the closure adds nothing (viewAllRecords implies allowRead, held already).
  const objectPermissions: ObjectPermissionRequirement[] = objects.map((object) => ({ ...traced, object, access: ['allowRead', 'viewAllRecords'] }));
  const fieldPermissions: FieldPermissionRequirement[] = [];
  // Listed in reverse so the resolver's sort has work to do, as with a profile written by hand.
  for (let o = objects.length - 1; o >= 0; o--) {
    for (let f = size.fieldsPerObject - 1; f >= 0; f--) {
      fieldPermissions.push({ ...traced, field: `${objects[o]}.Bench_Field_${pad(f)}__c`, editable: f % 3 === 0 });
    }
  }
  return {
    id: 'bench',
    vendor: 'Benchmark',
    summary: 'A read-all-fields integration user in a large org.',
    pages: [{ title: 'Benchmark', document: 'bench.md' }],
    permissionSet: { name: 'Bench_Integration_User', label: 'Bench Integration User', description: "Reads every field: the vendor's backup & restore.", source },
    userProfile: { name: 'Minimum Access - API Only Integrations', reason: 'Benchmark.' },
    userPermissions,
    objectPermissions,
    fieldPermissions,
  };
};

/** The same profile as a user writes it for `--profile-file` (src/profiles/file.ts): JSON on one line, as a program writes it, or YAML in block style, as a person does. */
export const syntheticProfileFile = (size: ProfileSize, format: 'json' | 'yaml' = 'json'): string => {
  const profile = syntheticProfile(size);
  const file = {
    vendor: profile.id,
    name: profile.vendor,
    permissionSet: { name: profile.permissionSet.name, label: profile.permissionSet.label, description: profile.permissionSet.description },
    userPermissions: (profile.userPermissions ?? []).map((p) => ({ name: p.name, tier: p.tier, reason: p.reason })),
    objectPermissions: (profile.objectPermissions ?? []).map((o) => ({ object: o.object, access: o.access, tier: o.tier, reason: o.reason })),
    fieldPermissions: (profile.fieldPermissions ?? []).map((f) => ({ field: f.field, editable: f.editable, tier: f.tier, reason: f.reason })),
  };
  return format === 'json' ? JSON.stringify(file) : stringify(file);
};
