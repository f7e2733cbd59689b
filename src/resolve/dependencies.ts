import type { SettingsName } from './model.js';
import type { ObjectAccess } from '../profiles/types.js';
import { OBJECT_ACCESS } from '../profiles/types.js';
import { AUDIT_FIELDS_PREFERENCE } from '../profiles/org-preferences.js';
import { readTable } from '../reference/tables.js';
import { compareKeys } from '../metadata/order.js';
import { OrgGuess } from './availability.js';


/**
 * Permission dependencies: "Permission X depends on permission(s): Y" is the deploy error the vendors'
 * anonymous-Apex retry loops parse. Closing the set over the known edges before rendering lets the
 * permission set deploy the first time.
 */

export type Grant =
  | { kind: 'userPermission'; name: string }
  | { kind: 'objectPermission'; object: string; access: ObjectAccess }
  | { kind: 'orgSetting'; settings: SettingsName; field: string };

export type Edge = { requires: Grant; evidence: string };

/** A dependency that was not added: the permission it needs doesn't exist where the set will deploy. */
export type SkippedDependency = { requiredBy: Grant; requires: Grant; chain: string[]; why: string; evidence: string };

/**
 * A permission added because another needs it. `chain` is the path that brought it in, from the
 * permission first asked for to the one that needs it directly: ["ModifyAllData", "ManageDashbdsInPubFolders"].
 */
export type AddedDependency = { grant: Grant; requiredBy: Grant; chain: string[]; evidence: string };

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

/** Where the dependency knowledge comes from: the plugin's tables, or the org the set will deploy to. */
/** `org-shape`: the org's graph as its shape file (`--org-shape`) records it, read offline. */
export type GraphSource = 'bundled' | 'org' | 'org-shape';

export type DependencyGraph = {
  source: GraphSource;
  /** Edges known to this graph. */
  edgeCount: number;
  edgesOf(grant: Grant): Edge[];
  /** Why the grant can't be in a permission set deployed where this graph applies; undefined where it can. */
  unavailable(grant: Grant): string | undefined;
};

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

/**
 * Collects edges, then answers `edgesOf`. Every graph carries the platform's rules that no table lists:
 * object access implications, and the audit-fields preference that two permissions need.
 */
export class GraphBuilder {
  private readonly edges = new Map<string, Edge[]>();
  private readonly genericObjectRules: Array<[ObjectAccess, ObjectAccess, string]> = OBJECT_ACCESS_IMPLIES.map(([from, to]) => [
    from,
    to,
    OBJECT_PERMISSIONS_HELP,
  ]);

  public constructor() {
    for (const { name } of AUDIT_FIELDS_PREFERENCE.permissions) {
      this.add({ kind: 'userPermission', name }, { requires: AUDIT_FIELDS_GRANT, evidence: AUDIT_FIELDS_EVIDENCE });
    }
  }

  public add(from: Grant, edge: Edge): void {
    const key = grantKey(from);
    const list = this.edges.get(key) ?? [];
    if (list.some((e) => grantKey(e.requires) === grantKey(edge.requires))) return;
    list.push(edge);
    this.edges.set(key, list);
  }

  /** A rule for every object: `from` access needs `to` access on the same object. */
  public addObjectRule(from: ObjectAccess, to: ObjectAccess, evidence: string): void {
    this.genericObjectRules.push([from, to, evidence]);
  }

  public build(source: GraphSource, unavailable: (grant: Grant) => string | undefined): DependencyGraph {
    const { edges, genericObjectRules } = this;
    let edgeCount = genericObjectRules.length;
    for (const list of edges.values()) edgeCount += list.length;
    return {
      source,
      edgeCount,
      unavailable,
      edgesOf(grant: Grant): Edge[] {
        const named = edges.get(grantKey(grant)) ?? [];
        if (grant.kind !== 'objectPermission') return named;
        const generic = genericObjectRules
          .filter(([from]) => from === grant.access)
          .map(([, to, evidence]): Edge => ({ requires: { kind: 'objectPermission', object: grant.object, access: to }, evidence }));
        return [...generic, ...named];
      },
    };
  }
}

let bundled: DependencyGraph | undefined;

/** The dependency graph from the bundled tables (data/permission-dependencies.tsv, data/object-permission-dependencies.tsv). */
export const bundledDependencyGraph = (): DependencyGraph => {
  bundled ??= buildBundledGraph();
  return bundled;
};

type EdgeRow = { permission: string; requires: string; evidence: string };

/**
 * The user permission edges: data/permission-dependencies.tsv (a copy of shared/reference/, unchanged) with
 * the plugin's own changes applied (data/permission-dependency-changes.tsv), each with its source.
 */
export const bundledEdgeRows = (): EdgeRow[] => {
  const changes = readTable('permission-dependency-changes.tsv');
  const changed = (kind: string, row: Record<string, string>): Record<string, string> | undefined =>
    changes.find((c) => c.change === kind && c.permission === row.permission && c.requires === row.requires);
  const rows: EdgeRow[] = [];
  for (const row of readTable('permission-dependencies.tsv')) {
    if (changed('remove', row)) continue;
    const override = changed('confidence', row);
    const evidence = override
      ? `data/permission-dependencies.tsv: ${row.source}; data/permission-dependency-changes.tsv: ${override.source} (${override.confidence} confidence)`
      : `data/permission-dependencies.tsv: ${row.source} (${row.confidence} confidence)`;
    rows.push({ permission: row.permission, requires: row.requires, evidence });
  }
  for (const row of changes.filter((c) => c.change === 'add')) {
    rows.push({ permission: row.permission, requires: row.requires, evidence: `data/permission-dependency-changes.tsv: ${row.source} (${row.confidence} confidence)` });
  }
  return rows;
};

const buildBundledGraph = (): DependencyGraph => {
  const builder = new GraphBuilder();
  for (const row of bundledEdgeRows()) {
    builder.add({ kind: 'userPermission', name: row.permission }, { requires: { kind: 'userPermission', name: row.requires }, evidence: row.evidence });
  }
  for (const row of readTable('object-permission-dependencies.tsv')) {
    const target = parseObjectGrant(row['requires (Object.field)']);
    if (!target) continue;
    const edge: Edge = { requires: { kind: 'objectPermission', ...target }, evidence: `data/object-permission-dependencies.tsv: ${row.verbatim_quote}` };
    if (!row.permission.startsWith('obj:')) {
      builder.add({ kind: 'userPermission', name: row.permission }, edge);
      continue;
    }
    const source = parseObjectGrant(row.permission.slice('obj:'.length));
    if (!source) continue;
    if (source.object === 'X' && target.object === 'X') builder.addObjectRule(source.access, target.access, edge.evidence);
    // Child/Master rows need the org's relationships; only named objects are followed here.
    else if (source.object !== 'Child') builder.add({ kind: 'objectPermission', ...source }, edge);
  }
  // An org not seen: each feature's permissions in the state data/permission-availability.tsv assumes.
  return builder.build('bundled', new OrgGuess([]).unavailable);
};

/**
 * Everything the given grants need, transitively, that they do not already hold; what can't be added
 * (unavailable where the set deploys) is reported instead. Mutual dependencies (cycles in the data) are
 * closed, since every member is then required, and reported.
 * Deterministic: the result does not depend on the order of `grants`.
 */
export const closeDependencies = (
  grants: readonly Grant[],
  graph: DependencyGraph
): { added: AddedDependency[]; skipped: SkippedDependency[]; cycles: string[][] } => {
  const chains = new Map<string, string[]>(grants.map((g) => [grantKey(g), []]));
  const queue = [...grants].sort((a, b) => compareKeys(grantKey(a), grantKey(b)));
  const added: AddedDependency[] = [];
  const skipped: SkippedDependency[] = [];
  const cycles: string[][] = [];
  for (let grant = queue.shift(); grant; grant = queue.shift()) {
    const from = grantKey(grant);
    const path = [...(chains.get(from) ?? []), from];
    for (const edge of graph.edgesOf(grant)) {
      const key = grantKey(edge.requires);
      if (path.includes(key)) cycles.push([...path.slice(path.indexOf(key)), key]);
      if (chains.has(key)) continue;
      const why = graph.unavailable(edge.requires);
      if (why) {
        skipped.push({ requiredBy: grant, requires: edge.requires, chain: path, why, evidence: edge.evidence });
        continue;
      }
      chains.set(key, path);
      added.push({ grant: edge.requires, requiredBy: grant, chain: path, evidence: edge.evidence });
      queue.push(edge.requires);
    }
  }
  return { added, skipped, cycles };
};
