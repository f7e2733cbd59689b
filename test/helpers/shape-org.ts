import { readFileSync } from 'node:fs';
import type { AnyJson } from '@salesforce/ts-types';
import type { TestContext } from '@salesforce/core/testSetup';

/**
 * The recorded org of a shape retrieve: the PermissionSet describe, PermissionDependency keyset pages, Describe
 * Global and a PermissionSetLicense query, shaped as Salesforce documents them (test/fixtures/org/README.md).
 */
const fixture = (name: string): AnyJson => JSON.parse(readFileSync(new URL(`../fixtures/org/${name}`, import.meta.url), 'utf8')) as AnyJson;

export type Failure = 'describe' | 'dependency-first' | 'dependency-midway' | 'global' | 'licenses';

/** Answers each read in order; `fail` makes one read refuse, as the API would. Returns the URLs requested. */
export const serveShapeOrg = ($$: TestContext, fail?: Failure): string[] => {
  const requests: string[] = [];
  let dependencyQueries = 0;
  const refuse = (errorCode: string, message: string): Promise<never> => Promise.reject(Object.assign(new Error(message), { name: errorCode, errorCode }));
  $$.fakeConnectionRequest = (request: AnyJson): Promise<AnyJson> => {
    const url = typeof request === 'string' ? request : (request as { url: string }).url;
    requests.push(url);
    // jsforce may pass a path relative to the instance.
    const soql = new URL(url, 'https://recorded.invalid').searchParams.get('q') ?? '';
    if (url.endsWith('/sobjects/PermissionSet/describe')) {
      return fail === 'describe' ? refuse('INSUFFICIENT_ACCESS', 'insufficient access rights on object id') : Promise.resolve(fixture('permissionset-describe.json'));
    }
    if (url.includes('/tooling/query') && soql.includes('FROM PermissionDependency')) {
      dependencyQueries++;
      if (fail === 'dependency-first') return refuse('INSUFFICIENT_ACCESS', 'You need View Setup and Configuration');
      if (fail === 'dependency-midway' && dependencyQueries === 2) return refuse('QUERY_TIMEOUT', 'Your query request was running for too long.');
      const after = /WHERE Id > '(\w+)'/.exec(soql)?.[1];
      const page = after === undefined ? 1 : after.endsWith('00005AAA') ? 2 : 3;
      return Promise.resolve(fixture(`permission-dependency-page-${page}.json`));
    }
    if (/\/sobjects$/.test(url)) return fail === 'global' ? refuse('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.') : Promise.resolve(fixture('global-describe.json'));
    if (soql.includes('FROM PermissionSetLicense')) {
      return fail === 'licenses' ? refuse('INVALID_SESSION_ID', 'Session expired or invalid') : Promise.resolve(fixture('shape/permissionsetlicense-query.json'));
    }
    return Promise.reject(new Error(`The recorded org has no response for ${url}`));
  };
  return requests;
};
