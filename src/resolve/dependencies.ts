import type { ObjectAccess } from '../profiles/types.js';
import { OBJECT_ACCESS } from '../profiles/types.js';
import { AUDIT_FIELDS_PREFERENCE } from '../profiles/org-preferences.js';
import { readTable } from '../reference/tables.js';
import { compareKeys } from '../metadata/order.js';

/**
 * Permission dependencies: "Permission X depends on permission(s): Y" is the deploy error the vendors'
 * anonymous-Apex retry loops parse. Closing the set over the known edges before rendering lets the
 * permission set deploy the first time.
 */

export type Grant =
  | { kind: 'userPermission'; name: string }
  | { kind: 'objectPermission'; object: string; access: ObjectAccess }
  | { kind: 'orgSetting'; settings: 'Security'; field: string };

export type Edge = { requires: Grant; evidence: string };

/** A dependency that was not added: the permission it needs exists only where a feature is on. */
export type SkippedDependency = { requiredBy: Grant; requires: Grant; feature: string; evidence: string };

export type AddedDependency = { grant: Grant; requiredBy: Grant; evidence: string };

export const grantKey = (grant: Grant): string => {
  switch (grant.kind) {
    case 'userPermission':
      return grant.name;
    case 'objectPermission':
      return `${grant.object}.${grant.access}`;
    case 'orgSetting':
      return `${grant.settings}Settings.${grant.field}`;
  }
};

/**
 * Permissions that exist only where a feature is enabled: an edge to one is reported, not followed,
 * because writing a permission the org does not have fails the deploy with "Unknown user permission".
 * Where the org lacks the feature, the dependency doesn't exist there either.
 */
const FEATURE_GATED: ReadonlyMap<string, string> = new Map([
  // data/permission-dependencies.tsv: "github forcedotcom/cli#2205 (orgs with forecasting)"
  ['ManageQuotas', 'Collaborative Forecasts'],
  ['OverrideForecasts', 'Collaborative Forecasts'],
  ['ViewAllForecasts', 'Collaborative Forecasts'],
  // data/README.md: exists only with the Translation Workbench
  ['ManageTranslation', 'Translation Workbench'],
  // Salesforce Help 000381731: "Unknown user permission: ManageNetworks" deploying to an org without Digital Experiences
  ['ManageNetworks', 'Digital Experiences'],
]);

const OBJECT_PERMISSIONS_HELP = 'Salesforce Help, "Object Permissions" (platform.users_profiles_object_perms.htm)';

/** What each object permission implies, as Setup enforces it; a deploy that breaks one fails. */
const OBJECT_ACCESS_IMPLIES: ReadonlyArray<[ObjectAccess, ObjectAccess]> = [
  ['allowCreate', 'allowRead'],
  ['allowEdit', 'allowRead'],
  ['allowDelete', 'allowRead'],
  ['allowDelete', 'allowEdit'],
  ['viewAllRecords', 'allowRead'],
  ['modifyAllRecords', 'allowRead'],
  ['modifyAllRecords', 'allowEdit'],
  ['modifyAllRecords', 'allowDelete'],
  ['modifyAllRecords', 'viewAllRecords'],
];

const AUDIT_FIELDS_GRANT: Grant = { kind: 'orgSetting', settings: AUDIT_FIELDS_PREFERENCE.settings, field: AUDIT_FIELDS_PREFERENCE.field };
const AUDIT_FIELDS_EVIDENCE =
  'the org preference must be on before a permission set with this permission deploys, or the deploy fails with "Unknown user permission" (data/README.md)';

const isObjectAccess = (value: string): value is ObjectAccess => (OBJECT_ACCESS as readonly string[]).includes(value);

const parseObjectGrant = (text: string): { object: string; access: ObjectAccess } | undefined => {
  const dot = text.lastIndexOf('.');
  const access = text.slice(dot + 1);
  return dot > 0 && isObjectAccess(access) ? { object: text.slice(0, dot), access } : undefined;
};

export type DependencyGraph = {
  edgesOf(grant: Grant): Edge[];
};

let bundled: DependencyGraph | undefined;

/** The dependency graph from the bundled tables (data/permission-dependencies.tsv, data/object-permission-dependencies.tsv). */
export const bundledDependencyGraph = (): DependencyGraph => {
  bundled ??= buildBundledGraph();
  return bundled;
};

const buildBundledGraph = (): DependencyGraph => {
  const userEdges = new Map<string, Edge[]>();
  const add = (from: string, edge: Edge): void => {
    const list = userEdges.get(from) ?? [];
    if (!list.some((e) => grantKey(e.requires) === grantKey(edge.requires))) list.push(edge);
    userEdges.set(from, list);
  };

  for (const row of readTable('permission-dependencies.tsv')) {
    add(row.permission, {
      requires: { kind: 'userPermission', name: row.requires },
      evidence: `data/permission-dependencies.tsv: ${row.source} (${row.confidence} confidence)`,
    });
  }

  const genericObjectRules: Array<[ObjectAccess, ObjectAccess, string]> = OBJECT_ACCESS_IMPLIES.map(([from, to]) => [from, to, OBJECT_PERMISSIONS_HELP]);
  const specificObjectRules = new Map<string, Edge[]>();
  for (const row of readTable('object-permission-dependencies.tsv')) {
    const target = parseObjectGrant(row['requires (Object.field)']);
    if (!target) continue;
    const evidence = `data/object-permission-dependencies.tsv: ${row.verbatim_quote}`;
    if (!row.permission.startsWith('obj:')) {
      add(row.permission, { requires: { kind: 'objectPermission', ...target }, evidence });
      continue;
    }
    const source = parseObjectGrant(row.permission.slice('obj:'.length));
    if (!source) continue;
    if (source.object === 'X' && target.object === 'X') {
      genericObjectRules.push([source.access, target.access, evidence]);
    } else if (source.object !== 'Child') {
      // Child/Master rows need the org's relationships; only named objects are followed here.
      const key = `${source.object}.${source.access}`;
      specificObjectRules.set(key, [...(specificObjectRules.get(key) ?? []), { requires: { kind: 'objectPermission', ...target }, evidence }]);
    }
  }

  for (const { name } of AUDIT_FIELDS_PREFERENCE.permissions) {
    add(name, { requires: AUDIT_FIELDS_GRANT, evidence: AUDIT_FIELDS_EVIDENCE });
  }

  return {
    edgesOf(grant: Grant): Edge[] {
      switch (grant.kind) {
        case 'userPermission':
          return userEdges.get(grant.name) ?? [];
        case 'objectPermission': {
          const generic = genericObjectRules
            .filter(([from]) => from === grant.access)
            .map(([, to, evidence]): Edge => ({ requires: { kind: 'objectPermission', object: grant.object, access: to }, evidence }));
          return [...generic, ...(specificObjectRules.get(grantKey(grant)) ?? [])];
        }
        case 'orgSetting':
          return [];
      }
    },
  };
};

/**
 * Everything the given grants need, transitively, that they do not already hold.
 * Deterministic: the result does not depend on the order of `grants`.
 */
export const closeDependencies = (
  grants: readonly Grant[],
  graph: DependencyGraph
): { added: AddedDependency[]; skipped: SkippedDependency[] } => {
  const held = new Set(grants.map(grantKey));
  const queue = [...grants].sort((a, b) => compareKeys(grantKey(a), grantKey(b)));
  const added: AddedDependency[] = [];
  const skipped: SkippedDependency[] = [];
  for (let grant = queue.shift(); grant; grant = queue.shift()) {
    for (const edge of graph.edgesOf(grant)) {
      const key = grantKey(edge.requires);
      if (held.has(key)) continue;
      const feature = edge.requires.kind === 'userPermission' ? FEATURE_GATED.get(edge.requires.name) : undefined;
      if (feature) {
        skipped.push({ requiredBy: grant, requires: edge.requires, feature, evidence: edge.evidence });
        continue;
      }
      held.add(key);
      added.push({ grant: edge.requires, requiredBy: grant, evidence: edge.evidence });
      queue.push(edge.requires);
    }
  }
  return { added, skipped };
};
