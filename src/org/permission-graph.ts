import type { Connection } from '@salesforce/core';
import { Messages } from '@salesforce/core';
import type { ObjectAccess } from '../profiles/types.js';
import { AUDIT_FIELDS_PREFERENCE } from '../profiles/org-preferences.js';
import type { PermissionCatalog } from '../resolve/catalog.js';
import { bundledCatalog, createCatalog } from '../resolve/catalog.js';
import type { OrgShape } from '../shape/format.js';
import type { DependencyGraph, Grant } from '../resolve/dependencies.js';
import type { ResolveOptions } from '../resolve/resolve.js';
import { GraphBuilder, bundledDependencyGraph } from '../resolve/dependencies.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'org');

/**
 * A row of the Tooling object PermissionDependency (API 46.0+): enabling `Permission` requires
 * `RequiredPermission`. Both types are 'User Permission' or 'Object Permission'; object permissions
 * read `Account<read>`.
 */
export type PermissionDependencyRecord = {
  Id: string;
  Permission: string;
  PermissionType: string;
  RequiredPermission: string;
  RequiredPermissionType: string;
};

/** What the org says about user permissions, and the graph that closes a plan for it. */
export type OrgPermissions = {
  graph: DependencyGraph;
  /** The org's user permissions, from its PermissionSet describe; absent where the describe failed. */
  catalog?: PermissionCatalog;
  /** Why the org's own dependency graph isn't the one returned. */
  fallback?: string;
  /** Tooling queries issued for PermissionDependency. */
  pages: number;
};

const SOQL = 'SELECT Id, Permission, PermissionType, RequiredPermission, RequiredPermissionType FROM PermissionDependency';
/** A bound on the keyset walk: a sandbox has about 9,300 rows, served about 2,000 distinct ones a page. */
const MAX_PAGES = 100;
const EVIDENCE = 'PermissionDependency in the target org';

const ACCESS_BY_VERB: Readonly<Record<string, ObjectAccess>> = {
  read: 'allowRead',
  create: 'allowCreate',
  edit: 'allowEdit',
  update: 'allowEdit',
  delete: 'allowDelete',
  viewallrecords: 'viewAllRecords',
  viewall: 'viewAllRecords',
  modifyallrecords: 'modifyAllRecords',
  modifyall: 'modifyAllRecords',
};

/** A permission as a PermissionDependency row names it, or undefined where the row's form isn't understood. */
export const parsePermission = (name: string, type: string): Grant | undefined => {
  if (type === 'User Permission') {
    // The row may name the PermissionSet field (PermissionsModifyAllData) or the Metadata API name (ModifyAllData).
    const bare = /^Permissions[A-Z]/.test(name) ? name.slice('Permissions'.length) : name;
    return bare ? { kind: 'userPermission', name: bare } : undefined;
  }
  if (type === 'Object Permission') {
    const match = /^(\w+)<(\w+)>$/.exec(name);
    const access = match ? ACCESS_BY_VERB[match[2].toLowerCase()] : undefined;
    return match && access ? { kind: 'objectPermission', object: match[1], access } : undefined;
  }
  return undefined;
};

export const describeError = (error: unknown): string => {
  if (error instanceof Error) {
    const code = (error as Error & { errorCode?: string }).errorCode ?? error.name;
    return code && !error.message.startsWith(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
};

/** The org's user permissions: the boolean `Permissions*` fields of its PermissionSet object, with their labels. */
export const describeUserPermissionFields = async (conn: Connection): Promise<Array<{ name: string; label: string }>> => {
  const describe = await conn.sobject('PermissionSet').describe();
  return describe.fields
    .filter((field) => field.type === 'boolean' && /^Permissions[A-Z]/.test(field.name))
    .map((field) => ({ name: field.name.slice('Permissions'.length), label: field.label }));
};

export const describeUserPermissions = async (conn: Connection): Promise<PermissionCatalog> => createCatalog(await describeUserPermissionFields(conn));

/**
 * Every PermissionDependency row. The object ignores LIMIT and its query cursor re-serves rows, so it is
 * read by keyset: `WHERE Id > last ORDER BY Id`, one batch a query, until a batch comes back empty.
 */
export const queryPermissionDependencies = async (
  conn: Connection
): Promise<{ records: PermissionDependencyRecord[]; pages: number; stopped?: string }> => {
  const records: PermissionDependencyRecord[] = [];
  let last = '';
  for (let pages = 0; pages < MAX_PAGES; ) {
    const where = last ? ` WHERE Id > '${last}'` : '';
    let batch: PermissionDependencyRecord[];
    try {
      // Sequential on purpose: each page's cursor is the previous page's last Id.
      batch = (await conn.tooling.query<PermissionDependencyRecord>(`${SOQL}${where} ORDER BY Id`, { autoFetch: false })).records;
    } catch (error) {
      if (pages === 0) throw error;
      return { records, pages, stopped: messages.getMessage('graph.stoppedMidway', [pages, describeError(error)]) };
    }
    pages++;
    if (batch.length === 0) return { records, pages };
    const next = batch.reduce((max, record) => (record.Id > max ? record.Id : max), last);
    for (const record of batch) records.push(record);
    if (next === last || !/^[A-Za-z0-9]+$/.test(next)) return { records, pages, stopped: messages.getMessage('graph.cursorStuck', [pages, last]) };
    last = next;
  }
  return { records, pages: MAX_PAGES, stopped: messages.getMessage('graph.tooManyPages', [MAX_PAGES]) };
};

/** Whether the org can hold the grant: it has the user permission, or the audit-fields preference brings it once deployed. */
const availabilityIn =
  (catalog: PermissionCatalog) =>
  (grant: Grant): string | undefined => {
    if (grant.kind !== 'userPermission' || catalog.has(grant.name)) return undefined;
    if (AUDIT_FIELDS_PREFERENCE.permissions.some((p) => p.name === grant.name)) return undefined;
    return messages.getMessage('unavailable.notInOrg', [grant.name]);
  };

export const graphFromRecords = (
  records: ReadonlyArray<Omit<PermissionDependencyRecord, 'Id'>>,
  catalog: PermissionCatalog,
  evidence = EVIDENCE,
  source: 'org' | 'org-shape' = 'org'
): DependencyGraph => {
  const builder = new GraphBuilder();
  for (const record of records) {
    const from = parsePermission(record.Permission, record.PermissionType);
    const requires = parsePermission(record.RequiredPermission, record.RequiredPermissionType);
    if (from && requires) builder.add(from, { requires, evidence });
  }
  return builder.build(source, availabilityIn(catalog));
};

/**
 * The org's permissions from its shape file (`--org-shape`), offline: the same graph and the same availability
 * rule as a live read, so the plan is the one `--target-org` would close for that org.
 */
export const orgPermissionsFromShape = (shape: OrgShape): OrgPermissions => {
  const bundledCatalogue = bundledCatalog();
  const catalog = createCatalog(shape.userPermissions.map((name) => ({ name, label: bundledCatalogue.label(name) ?? name })));
  const records = shape.permissionDependencies.map((row) => ({
    Permission: row.permission,
    PermissionType: row.permissionType,
    RequiredPermission: row.requiredPermission,
    RequiredPermissionType: row.requiredPermissionType,
  }));
  if (records.length === 0) {
    const bundled = bundledDependencyGraph();
    return { graph: { ...bundled, unavailable: availabilityIn(catalog) }, catalog, fallback: messages.getMessage('graph.shapeEmpty', [shape.file]), pages: 0 };
  }
  return { graph: graphFromRecords(records, catalog, messages.getMessage('evidence.shape', [shape.file]), 'org-shape'), catalog, pages: 0 };
};

/**
 * Read the org's user permissions and dependency graph. Never throws for what the org refuses: where the
 * graph can't be read whole (no View Setup, a failed or stopped query), the bundled graph is returned with
 * the reason, so no plan is closed against half a graph.
 */
export const readOrgPermissions = async (conn: Connection): Promise<OrgPermissions> => {
  const bundled = bundledDependencyGraph();
  let catalog: PermissionCatalog;
  try {
    catalog = await describeUserPermissions(conn);
  } catch (error) {
    return { graph: bundled, fallback: messages.getMessage('graph.describeFailed', [describeError(error)]), pages: 0 };
  }
  // The bundled edges, but the org decides which permissions exist.
  const bundledForOrg: DependencyGraph = { ...bundled, unavailable: availabilityIn(catalog) };
  let read: Awaited<ReturnType<typeof queryPermissionDependencies>>;
  try {
    read = await queryPermissionDependencies(conn);
  } catch (error) {
    return { graph: bundledForOrg, catalog, fallback: messages.getMessage('graph.queryFailed', [describeError(error)]), pages: 0 };
  }
  if (read.stopped) return { graph: bundledForOrg, catalog, fallback: read.stopped, pages: read.pages };
  if (read.records.length === 0) return { graph: bundledForOrg, catalog, fallback: messages.getMessage('graph.empty'), pages: read.pages };
  return { graph: graphFromRecords(read.records, catalog), catalog, pages: read.pages };
};

/** Resolve options that close a plan for the org: its permissions decide which names exist, and any fallback is said. */
export const withOrgPermissions = (options: ResolveOptions, org: OrgPermissions): ResolveOptions => ({
  ...options,
  ...(org.catalog ? { orgCatalog: org.catalog } : {}),
  ...(org.fallback ? { graphFallback: org.fallback } : {}),
});
