import type { Connection } from '@salesforce/core';
import { Messages, SfError } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'org');

/**
 * What the rules need of one field, as the REST API's sObject Describe returns it (DescribeFieldResult).
 * `permissionable` is the authority on field-level security: false for required, master-detail and
 * system fields, whose fieldPermissions entries fail the deploy.
 */
export type FieldSchema = {
  name: string;
  type: string;
  permissionable: boolean;
  updateable: boolean;
  createable: boolean;
  nillable: boolean;
  defaultedOnCreate: boolean;
  /** Formula and roll-up summary fields. */
  calculated: boolean;
  autoNumber: boolean;
  custom: boolean;
  /** 0 or 1 on the master-detail fields of a detail object; absent elsewhere. */
  relationshipOrder?: number;
  cascadeDelete: boolean;
  referenceTo: string[];
};

export type ObjectSchema = {
  name: string;
  label: string;
  custom: boolean;
  queryable: boolean;
  fields: FieldSchema[];
};

/** An object whose describe subrequest failed, with the error Salesforce returned for it. */
export type DescribeFailure = { object: string; errorCode: string; message: string };

export type SchemaRead = {
  /** In the order the objects were asked for. */
  objects: Map<string, ObjectSchema>;
  failed: DescribeFailure[];
};

export type SchemaProgress = { done: number; total: number; failed: number };

export type DescribeOptions = {
  /** Composite requests in flight at once; the org's concurrent-request limit is shared with the vendor's own traffic. */
  concurrency?: number;
  onProgress?: (progress: SchemaProgress) => void;
};

/** One entry of the global describe (`/sobjects`). */
export type GlobalObject = { name: string; label: string; custom: boolean; queryable: boolean };

/** The Composite resource takes at most 25 subrequests per call, and the whole call counts once against API limits. */
export const SUBREQUESTS_PER_COMPOSITE = 25;
export const DEFAULT_CONCURRENCY = 3;

type DescribeFieldResult = Partial<FieldSchema> & { name: string; type: string; relationshipOrder?: number | null };
type DescribeSObjectResult = { name: string; label?: string; custom?: boolean; queryable?: boolean; fields?: DescribeFieldResult[] };
type ErrorBody = Array<{ errorCode?: string; message?: string }>;
type CompositeSubrequestResult = { body: unknown; httpStatusCode: number; referenceId: string };
type CompositeResponse = { compositeResponse: CompositeSubrequestResult[] };

/** Raised when a whole request fails (expired session, network): what was read before it is in `data`, and is partial. */
export class SchemaReadError extends SfError {
  public constructor(message: string, actions: string[], cause: Error, public readonly partial: SchemaRead) {
    super(message, 'SchemaReadFailed', actions, cause);
  }
}

const dataPath = (conn: Connection): string => `/services/data/v${conn.getApiVersion()}`;

/** Every object of the org's global describe, sorted by name. */
export const listObjects = async (conn: Connection): Promise<GlobalObject[]> => {
  const result = await conn.request<{ sobjects: GlobalObject[] }>({ method: 'GET', url: `${dataPath(conn)}/sobjects` });
  return result.sobjects
    .map(({ name, label, custom, queryable }) => ({ name, label, custom, queryable }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
};

/**
 * The object names of the org's global describe, which decide which objects exist as a shape's `objects` do;
 * undefined where the org refuses the read, and names are checked as without an org (the bundled list).
 */
export const readObjectNames = async (conn: Connection): Promise<Set<string> | undefined> => {
  try {
    return new Set((await listObjects(conn)).map((o) => o.name));
  } catch {
    return undefined;
  }
};

/** The objects the org's global describe lists as queryable, sorted by name. */
export const listQueryableObjects = async (conn: Connection): Promise<GlobalObject[]> => (await listObjects(conn)).filter((o) => o.queryable);

const toField = (f: DescribeFieldResult): FieldSchema => ({
  name: f.name,
  type: f.type,
  permissionable: f.permissionable ?? false,
  updateable: f.updateable ?? false,
  createable: f.createable ?? false,
  nillable: f.nillable ?? false,
  defaultedOnCreate: f.defaultedOnCreate ?? false,
  calculated: f.calculated ?? false,
  autoNumber: f.autoNumber ?? false,
  custom: f.custom ?? false,
  ...(typeof f.relationshipOrder === 'number' ? { relationshipOrder: f.relationshipOrder } : {}),
  cascadeDelete: f.cascadeDelete ?? false,
  referenceTo: f.referenceTo ?? [],
});

const toObject = (d: DescribeSObjectResult): ObjectSchema => ({
  name: d.name,
  label: d.label ?? d.name,
  custom: d.custom ?? false,
  queryable: d.queryable ?? false,
  fields: (d.fields ?? []).map(toField),
});

const failureOf = (object: string, result: CompositeSubrequestResult): DescribeFailure => {
  const first = Array.isArray(result.body) ? (result.body as ErrorBody)[0] : undefined;
  return {
    object,
    errorCode: first?.errorCode ?? `HTTP_${result.httpStatusCode}`,
    message: first?.message ?? messages.getMessage('describe.noMessage', [result.httpStatusCode]),
  };
};

const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/**
 * Describe the objects with the Composite resource: one call per 25 objects, at most `concurrency` calls
 * in flight. A subrequest that fails (NOT_FOUND, INSUFFICIENT_ACCESS) is reported per object; a call that
 * fails as a whole stops the read and raises SchemaReadError carrying what was read before it.
 */
export const describeObjects = async (
  conn: Connection,
  names: readonly string[],
  options: DescribeOptions = {}
): Promise<SchemaRead> => {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
  const wanted = [...new Set(names)];
  const batches = chunk(wanted, SUBREQUESTS_PER_COMPOSITE);
  const described = new Map<string, ObjectSchema>();
  const failures = new Map<string, DescribeFailure>();
  const base = dataPath(conn);
  let next = 0;
  let fault: Error | undefined;

  const report = (): void =>
    options.onProgress?.({ done: described.size + failures.size, total: wanted.length, failed: failures.size });

  const send = async (batch: string[]): Promise<void> => {
    // referenceIds allow only letters, digits and underscores, and must be unique in the call: use the position.
    const body = {
      allOrNone: false,
      compositeRequest: batch.map((object, i) => ({
        method: 'GET',
        url: `${base}/sobjects/${encodeURIComponent(object)}/describe`,
        referenceId: `d${i}`,
      })),
    };
    const response = await conn.request<CompositeResponse>({
      method: 'POST',
      url: `${base}/composite`,
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    const byReference = new Map((response.compositeResponse ?? []).map((r) => [r.referenceId, r]));
    batch.forEach((object, i) => {
      const result = byReference.get(`d${i}`);
      if (!result) {
        failures.set(object, { object, errorCode: 'NO_RESULT', message: messages.getMessage('describe.noResult') });
      } else if (result.httpStatusCode >= 200 && result.httpStatusCode < 300) {
        described.set(object, toObject(result.body as DescribeSObjectResult));
      } else {
        failures.set(object, failureOf(object, result));
      }
    });
    report();
  };

  const worker = async (): Promise<void> => {
    while (fault === undefined && next < batches.length) {
      const batch = batches[next++];
      try {
        // Sequential by design: each worker is one slot of the concurrency bound.
        await send(batch);
      } catch (error) {
        fault ??= error instanceof Error ? error : new SfError(JSON.stringify(error));
      }
    }
  };

  report();
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));

  const ordered = (): SchemaRead => ({
    objects: new Map(wanted.filter((n) => described.has(n)).map((n) => [n, described.get(n)!])),
    failed: wanted.filter((n) => failures.has(n)).map((n) => failures.get(n)!),
  });
  if (fault !== undefined) {
    const cause = fault;
    throw new SchemaReadError(
      messages.getMessage('error.SchemaReadFailed', [described.size + failures.size, wanted.length, cause.message]),
      messages.getMessages('error.SchemaReadFailed.actions'),
      cause,
      ordered()
    );
  }
  return ordered();
};
