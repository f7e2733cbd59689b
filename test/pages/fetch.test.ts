import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { readPage } from '../../src/pages/source.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/pages/${name}`, import.meta.url), 'utf8');
const PAGE = fixture('acme-permissions.html');

type Server = { url: string; close: () => Promise<void>; requests: string[] };

/** A server on 127.0.0.1 only: no test traffic leaves the machine. */
const listen = async (server: http.Server | https.Server, scheme: string, requests: string[]): Promise<Server> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
};

const vendorSite = async (): Promise<Server> => {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/salesforce/permissions') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE);
    } else if (req.url === '/old') {
      res.writeHead(301, { location: '/salesforce/permissions' });
      res.end();
    } else if (req.url === '/guide.pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end('%PDF-1.7');
    } else if (req.url === '/slow') {
      // Never answers: the fetch gives up after its timeout.
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not here');
    }
  });
  return listen(server, 'http', requests);
};

/** An HTTP proxy on 127.0.0.1: forwards plain requests, tunnels CONNECT; records what passed through it. */
const proxy = async (): Promise<Server> => {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const upstream = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  server.on('connect', (req: http.IncomingMessage, socket: net.Socket) => {
    requests.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  return listen(server, 'http', requests);
};

const PROXY_VARIABLES = ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy', 'ALL_PROXY', 'all_proxy'];

describe('convert page: a page fetched by address (servers on 127.0.0.1)', () => {
  let site: Server;
  const saved: Record<string, string | undefined> = {};
  before(async () => {
    site = await vendorSite();
  });
  after(() => site.close());
  beforeEach(() => {
    for (const name of PROXY_VARIABLES) {
      saved[name] = process.env[name];
      delete process.env[name];
    }
  });
  afterEach(() => {
    for (const name of PROXY_VARIABLES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  const failure = async (url: string, timeoutMs = 5000): Promise<Error & { actions?: string[] }> => {
    try {
      await readPage(url, { timeoutMs });
    } catch (error) {
      return error as Error & { actions?: string[] };
    }
    return expect.fail('expected an error');
  };

  it('reads an HTML page, following a redirect, as HTML by its content type', async () => {
    const page = await readPage(`${site.url}/old`);
    expect(page.format).to.equal('html');
    expect(page.document).to.equal(`${site.url}/old`);
    expect(page.lines.some((l) => l.text.startsWith('API Enabled'))).to.equal(true);
    expect(site.requests.slice(-2)).to.deep.equal(['/old', '/salesforce/permissions']);
  });

  it('names the address and the status of a page that is not there', async () => {
    const error = await failure(`${site.url}/missing`);
    expect(error.message).to.include(`${site.url}/missing`).and.include('HTTP 404');
  });

  it('gives up on a server that does not answer, naming the timeout', async () => {
    const error = await failure(`${site.url}/slow`, 300);
    expect(error.message).to.include('did not answer within 0.3 seconds');
  });

  it('refuses a PDF served by address, saying how to save the page instead', async () => {
    const error = await failure(`${site.url}/guide.pdf`);
    expect(error.message).to.include('PDF');
    expect(error.actions?.join(' ')).to.include('save it as HTML');
  });

  it('refuses a certificate it cannot trust, naming TLS and the code', async () => {
    const requests: string[] = [];
    const secure = await listen(
      https.createServer({ key: fixture('self-signed.key'), cert: fixture('self-signed.crt') }, (req, res) => {
        requests.push(req.url ?? '');
        res.end(PAGE);
      }),
      'https',
      requests
    );
    try {
      const error = await failure(`${secure.url}/salesforce/permissions`);
      expect(error.message).to.include("Can't trust the certificate").and.match(/SELF_SIGNED|DEPTH_ZERO/);
      expect(requests).to.deep.equal([]);
    } finally {
      await secure.close();
    }
  });

  it('names a connection that is refused', async () => {
    const closed = await vendorSite();
    await closed.close();
    const error = await failure(`${closed.url}/salesforce/permissions`);
    expect(error.message).to.include("Can't reach").and.include('ECONNREFUSED');
  });

  describe('through a proxy, as sf reaches the network', () => {
    let relay: Server;
    beforeEach(async () => {
      relay = await proxy();
    });
    afterEach(() => relay.close());

    it('HTTP_PROXY: the request goes through the proxy', async () => {
      process.env.HTTP_PROXY = relay.url;
      const page = await readPage(`${site.url}/salesforce/permissions`);
      expect(page.format).to.equal('html');
      expect(relay.requests).to.deep.equal([`GET ${site.url}/salesforce/permissions`]);
    });

    it('NO_PROXY: a host it names is reached directly', async () => {
      process.env.HTTP_PROXY = relay.url;
      process.env.NO_PROXY = '127.0.0.1';
      await readPage(`${site.url}/salesforce/permissions`);
      expect(relay.requests).to.deep.equal([]);
    });

    it('HTTPS_PROXY: an https address is tunnelled through the proxy (CONNECT), and its certificate still checked', async () => {
      const secure = await listen(https.createServer({ key: fixture('self-signed.key'), cert: fixture('self-signed.crt') }, (_req, res) => res.end(PAGE)), 'https', []);
      try {
        process.env.HTTPS_PROXY = relay.url;
        const error = await failure(`${secure.url}/salesforce/permissions`);
        expect(relay.requests).to.deep.equal([`CONNECT ${secure.url.replace('https://', '')}`]);
        expect(error.message).to.include("Can't trust the certificate");
      } finally {
        await secure.close();
      }
    });
  });
});
