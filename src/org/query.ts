import type { Connection } from '@salesforce/core';

/** A record as the REST API returns it; `attributes` is left out of what this plugin reads. */
export type SObjectRecord = Record<string, unknown>;

/** A SOQL string literal: backslash and single quote escaped, as the SOQL reference requires. */
export const soqlString = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** `('a', 'b')` for a WHERE ... IN clause. */
export const soqlList = (values: readonly string[]): string => `(${values.map(soqlString).join(', ')})`;

/**
 * Values per IN list: keeps each query's URL well under the REST API's 16,384-character limit
 * for 18-character ids and object names alike.
 */
export const IN_LIST_SIZE = 200;

export const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
};

/**
 * Every record of a SOQL query, following `nextRecordsUrl` until `done` (REST API "Query" and
 * "Query More Results"). A batch that fails part-way throws: a partial list is never returned as if whole.
 */
export const queryAll = async <T extends SObjectRecord>(connection: Connection, soql: string): Promise<T[]> => {
  let page = await connection.query<T>(soql);
  const records = [...page.records];
  while (!page.done && page.nextRecordsUrl) {
    page = await connection.queryMore<T>(page.nextRecordsUrl);
    for (const record of page.records) records.push(record);
  }
  return records;
};

/** `queryAll` over an IN list split into chunks; `build` turns one chunk into the query. */
export const queryAllIn = async <T extends SObjectRecord>(
  connection: Connection,
  values: readonly string[],
  build: (list: string) => string
): Promise<T[]> => {
  const records: T[] = [];
  // A loop, not push(...rows): one IN list can match more rows than a call has room for arguments.
  for (const part of chunk(values, IN_LIST_SIZE)) for (const record of await queryAll<T>(connection, build(soqlList(part)))) records.push(record);
  return records;
};
