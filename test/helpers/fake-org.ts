import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import type { TestContext } from '@salesforce/core/testSetup';
import type { AnyJson } from '@salesforce/ts-types';
import type { SinonSandbox, SinonStub } from 'sinon';
// jsforce is what @salesforce/core's Connection is built on: its own error shaping and SOAP transport keep the fakes honest.
import { HttpApi } from '@jsforce/jsforce-node/lib/http-api.js';
import { Transport } from '@jsforce/jsforce-node/lib/transport.js';
import { StreamPromise } from '@jsforce/jsforce-node/lib/util/promise.js';
import type { FakeOrg } from './org.js';

/**
 * A recorded org for `sf integration-user check`: REST responses as the REST API Developer Guide
 * documents them ("Query", "Query More Results", "sObject Describe", error responses
 * `[{ "message", "errorCode" }]`) and the Metadata API's listMetadata and readMetadata SOAP responses
 * ("listMetadata()", "readMetadata()", "UserAccessPolicy", Metadata API Developer Guide). Fixtures are under
 * test/fixtures/org/check/.
 */

const FIXTURES = new URL('../fixtures/org/check/', import.meta.url);

export const fixture = <T = Record<string, unknown>>(name: string): T => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as T;
export const fixtureText = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');

export type QueryResponse = { totalSize: number; done: boolean; nextRecordsUrl?: string; records: Array<Record<string, unknown>> };

/** A REST error as the API returns it (status and body), thrown the way jsforce throws it. */
export type ApiError = { status: number; errorCode: string; message: string };

export type FakeOrgState = {
  /** sObject Describe responses by object name. */
  describe: Record<string, unknown>;
  /** Query responses by the object after FROM. */
  query: Record<string, QueryResponse>;
  /** More pages, by the path of their nextRecordsUrl. */
  queryMore?: Record<string, QueryResponse>;
  /** Describe Global and Composite describes (test/helpers/org.ts, test/fixtures/org/). */
  schema?: FakeOrg;
  /** The readMetadata SOAP response body for SecuritySettings. */
  securitySettingsXml: string;
  /** The listMetadata and readMetadata SOAP response bodies for UserAccessPolicy (API 57.0+); absent: the org has none. */
  userAccessPolicies?: { listXml: string; readXml: string };
  /** Requests that fail: the first whose pattern matches the URL or SOQL. */
  errors?: Array<{ match: RegExp; error: ApiError }>;
};

export type RecordedRequest = { method: string; url: string; soql?: string };

const toJsforceError = async (error: ApiError): Promise<Error> =>
  // HttpApi.getError is how jsforce turns a REST error response into the Error a Connection call rejects with.
  new HttpApi({ _logger: { debug: () => undefined } } as never, {}).getError(
    { statusCode: error.status, headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ message: error.message, errorCode: error.errorCode }]) }
  );

/** Serve `state` through TestContext's fake connection request and jsforce's transport (SOAP); returns the requests made. */
export const serveOrg = ($$: TestContext, sandbox: SinonSandbox, state: FakeOrgState): RecordedRequest[] => {
  const requests: RecordedRequest[] = [];
  const failure = (text: string): ApiError | undefined => state.errors?.find((e) => e.match.test(text))?.error;

  $$.fakeConnectionRequest = async (request: AnyJson): Promise<AnyJson> => {
    const req = typeof request === 'string' ? { method: 'GET', url: request } : (request as { method?: string; url: string });
    const url = decodeURIComponent(req.url.replace(/\+/g, ' '));
    const soql = /[?&]q=(.*)$/.exec(url)?.[1];
    requests.push({ method: req.method ?? 'GET', url, ...(soql ? { soql } : {}) });
    const error = failure(soql ?? url);
    if (error) throw await toJsforceError(error);

    if (state.schema && (/\/sobjects$/.test(url) || /\/composite$/.test(url))) return state.schema.handle(request);
    const describe = /\/sobjects\/(\w+)\/describe/.exec(url);
    if (describe) {
      const body = state.describe[describe[1]];
      if (!body) throw await toJsforceError({ status: 404, errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' });
      return body as AnyJson;
    }
    if (soql) {
      const from = /\bFROM\s+(\w+)/i.exec(soql)?.[1] ?? '';
      const response = state.query[from];
      if (!response) throw await toJsforceError({ status: 400, errorCode: 'INVALID_TYPE', message: `sObject type '${from}' is not supported.` });
      return response as unknown as AnyJson;
    }
    const more = Object.entries(state.queryMore ?? {}).find(([path]) => url.endsWith(path));
    if (more) return more[1] as unknown as AnyJson;
    throw new Error(`The recorded org has no response for ${req.method ?? 'GET'} ${url}`);
  };

  // The Metadata API is SOAP: jsforce sends it through its transport, not Connection.request. Serving again replaces the stub.
  (Transport.prototype.httpRequest as Partial<SinonStub>).restore?.();
  sandbox.stub(Transport.prototype, 'httpRequest').callsFake((req) => {
    requests.push({ method: 'POST', url: req.url });
    const request = typeof req.body === 'string' ? req.body : '';
    const error = failure(request);
    const body = error ? soapFault(error) : soapResponse(state, request);
    const response = { statusCode: error ? 500 : 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body };
    return StreamPromise.create(() => ({ stream: new PassThrough(), promise: Promise.resolve(response) }));
  });
  return requests;
};

/** The recorded Metadata API response for the call in `request` (its operation and type). */
const soapResponse = (state: FakeOrgState, request: string): string => {
  const policies = /<type>UserAccessPolicy<\/type>/.test(request);
  if (/<listMetadata\b/.test(request)) return policies && state.userAccessPolicies ? state.userAccessPolicies.listXml : EMPTY_LIST;
  if (/<readMetadata\b/.test(request) && policies) {
    if (!state.userAccessPolicies) throw new Error('The recorded org has no User Access Policies to read');
    return state.userAccessPolicies.readXml;
  }
  return state.securitySettingsXml;
};

/** listMetadata of a type with no components: an empty response element ("listMetadata()", Metadata API Developer Guide). */
const EMPTY_LIST =
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://soap.sforce.com/2006/04/metadata"><soapenv:Body><listMetadataResponse/></soapenv:Body></soapenv:Envelope>';

/** A SOAP fault as the Metadata API returns it ("Error Handling", Metadata API Developer Guide). */
const soapFault = (error: ApiError): string =>
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="http://soap.sforce.com/2006/04/metadata">' +
  `<soapenv:Body><soapenv:Fault><faultcode>sf:${error.errorCode}</faultcode><faultstring>${error.errorCode}: ${error.message}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`;
