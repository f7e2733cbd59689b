import { readFileSync } from 'node:fs';
import type { AnyJson, JsonMap } from '@salesforce/ts-types';

const FIXTURES = new URL('../fixtures/org/', import.meta.url);

export const fixture = <T = JsonMap>(name: string): T => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as T;

/** A describe body (`test/fixtures/org/describe-<Object>.json`). */
export const recordedDescribe = (object: string): JsonMap => fixture(`describe-${object}.json`);

export type SubrequestFailure = { httpStatusCode: number; body: Array<{ errorCode: string; message: string }> };

type HttpRequest = { method: string; url: string; body?: string };
type CompositeRequest = { allOrNone: boolean; compositeRequest: Array<{ method: string; url: string; referenceId: string }> };

/**
 * An org that answers the Global Describe and Composite resources from recorded bodies, the way the REST API
 * documents them (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_composite_post.htm):
 * one `compositeResponse` entry per subrequest, each with `body`, `httpHeaders`, `httpStatusCode`, `referenceId`.
 * It counts requests and the most it had in flight at once, and can fail a whole request.
 */
export class FakeOrg {
  public readonly requests: Array<{ method: string; url: string; subrequests: number }> = [];
  public maxInFlight = 0;
  /** Fail the request with this 1-based index as a whole, as an expired session does. */
  public failRequest?: number;
  /** Fail the Composite request with this 1-based index (among Composite requests) as a whole. */
  public failComposite?: number;
  private composites = 0;
  private inFlight = 0;

  public constructor(
    private readonly describes: ReadonlyMap<string, JsonMap>,
    private readonly failures: ReadonlyMap<string, SubrequestFailure> = new Map(),
    private readonly globalDescribe?: JsonMap
  ) {}

  /** For `$$.fakeConnectionRequest`. */
  public readonly handle = async (request: AnyJson): Promise<AnyJson> => {
    const { method, url, body } = typeof request === 'string' ? { method: 'GET', url: request, body: undefined } : (request as HttpRequest);
    const compositeBody = body ? (JSON.parse(body) as CompositeRequest) : undefined;
    this.requests.push({ method, url, subrequests: compositeBody?.compositeRequest.length ?? 0 });
    const index = this.requests.length;
    const compositeIndex = compositeBody ? ++this.composites : undefined;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      // Let the other requests the caller has started arrive before this one answers.
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (index === this.failRequest || (compositeIndex !== undefined && compositeIndex === this.failComposite)) {
        throw Object.assign(new Error('Session expired or invalid'), { name: 'INVALID_SESSION_ID', errorCode: 'INVALID_SESSION_ID' });
      }
      if (method === 'GET' && /\/services\/data\/v[\d.]+\/sobjects$/.test(url) && this.globalDescribe) return this.globalDescribe;
      if (method === 'POST' && /\/services\/data\/v[\d.]+\/composite$/.test(url) && compositeBody) {
        return { compositeResponse: compositeBody.compositeRequest.map((sub) => this.answer(sub)) };
      }
      throw new Error(`The fake org has no answer for ${method} ${url}`);
    } finally {
      this.inFlight--;
    }
  };

  private answer(sub: { method: string; url: string; referenceId: string }): JsonMap {
    const object = decodeURIComponent(/\/sobjects\/([^/]+)\/describe$/.exec(sub.url)?.[1] ?? '');
    const describe = this.describes.get(object);
    if (sub.method === 'GET' && describe) return { body: describe, httpHeaders: {}, httpStatusCode: 200, referenceId: sub.referenceId };
    const failure = this.failures.get(object) ?? {
      httpStatusCode: 404,
      body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }],
    };
    return { ...failure, httpHeaders: {}, referenceId: sub.referenceId };
  }
}

/** The recorded multi-object org: Account, Contact, Invoice__c and its detail Invoice_Line__c, and two objects whose describe fails. */
export const recordedOrg = (): FakeOrg =>
  new FakeOrg(
    new Map(['Account', 'Contact', 'Invoice__c', 'Invoice_Line__c'].map((o) => [o, recordedDescribe(o)])),
    new Map(Object.entries(fixture<Record<string, SubrequestFailure>>('describe-errors.json'))),
    fixture('global-describe.json')
  );
