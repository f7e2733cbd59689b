import http from 'node:http';
import https from 'node:https';
import { Messages } from '@salesforce/core';
import { ProxyAgent } from 'proxy-agent';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'pages');

export type FetchedPage = { body: Buffer; contentType: string; url: string };

const MAX_BYTES = 20 * 1024 * 1024;
const MAX_REDIRECTS = 5;

/** Node's codes for a certificate it can't trust, as a TLS failure rather than a network one. */
const TLS_CODES = /^(CERT_|ERR_TLS_|UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_|ERR_SSL_|HOSTNAME_MISMATCH)/;

const failure = (url: string, error: NodeJS.ErrnoException): Error => {
  const code = error.code ?? '';
  if (TLS_CODES.test(code)) return messages.createError('error.FetchTls', [url, code, error.message]);
  return messages.createError('error.FetchNetwork', [url, code || error.message]);
};

/**
 * GET a page over http(s), through the proxy the environment names (HTTPS_PROXY, HTTP_PROXY and NO_PROXY,
 * also in lower case), as sf's own commands reach the network: with `proxy-agent`, which reads them the
 * same way. Redirects are followed (at most 5); a status other than 2xx, a timeout, or a certificate
 * that can't be trusted is an error naming the URL.
 */
export const fetchPage = async (url: string, timeoutMs: number): Promise<FetchedPage> => {
  const agent = new ProxyAgent();
  try {
    let target = url;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const response = await get(target, agent, timeoutMs);
      if ('location' in response) {
        target = new URL(response.location, target).toString();
        continue;
      }
      return response;
    }
    throw messages.createError('error.FetchRedirects', [url, MAX_REDIRECTS]);
  } finally {
    agent.destroy();
  }
};

const get = (url: string, agent: ProxyAgent, timeoutMs: number): Promise<FetchedPage | { location: string }> =>
  new Promise((resolve, reject) => {
    const client = url.startsWith('https:') ? https : http;
    const request = client.get(url, { agent, headers: { accept: 'text/html, text/plain, text/markdown;q=0.9, */*;q=0.1', 'user-agent': 'plugin-integration-user' } }, (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        resolve({ location: response.headers.location });
        return;
      }
      if (status < 200 || status >= 300) {
        response.resume();
        reject(messages.createError('error.FetchStatus', [url, status, response.statusMessage ?? '']));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BYTES) {
          request.destroy();
          reject(messages.createError('error.FetchTooLarge', [url, MAX_BYTES / 1024 / 1024]));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => resolve({ body: Buffer.concat(chunks), contentType: String(response.headers['content-type'] ?? ''), url }));
      response.on('error', (error) => reject(failure(url, error)));
    });
    request.setTimeout(timeoutMs, () => {
      request.destroy();
      reject(messages.createError('error.FetchTimeout', [url, timeoutMs / 1000]));
    });
    request.on('error', (error: NodeJS.ErrnoException) => reject(failure(url, error)));
  });
