// A plain static host for end-to-end tests: serves a folder (the built dist/) under a sub-path with nothing but
// files and their content types, optionally adding extra response headers (as a host configured for them would).
import { createServer, type OutgoingHttpHeaders } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.bin': 'application/octet-stream',
};

export interface StaticServer {
  /** The site's address, ending in the sub-path (and a slash). */
  url: string;
  close: () => Promise<void>;
}

export interface StaticServerOptions {
  root: string;
  /** Where the site lives on the host, e.g. '/some/sub/path/'. */
  subPath: string;
  /** Sent with every response. */
  headers?: OutgoingHttpHeaders;
  /** Milliseconds to hold the answer for some files (paths relative to the site), as a slow network would. */
  delays?: Record<string, number>;
}

export async function startStaticServer({ root, subPath, headers = {}, delays = {} }: StaticServerOptions): Promise<StaticServer> {
  const base = resolve(root);
  const server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname);
      let file = path.startsWith(subPath) ? resolve(base, path.slice(subPath.length)) : null;
      if (file && (file === base || path.endsWith('/'))) file = join(file, 'index.html');
      const inside = file !== null && file.startsWith(base + sep);
      const found = inside && (await stat(file!).catch(() => null))?.isFile();
      if (!found) {
        res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
      const body = await readFile(file!);
      const delay = delays[path.slice(subPath.length)];
      if (delay) await new Promise((done) => setTimeout(done, delay));
      res.writeHead(200, { ...headers, 'Content-Type': CONTENT_TYPES[extname(file!)] ?? 'application/octet-stream' }).end(body);
    })().catch((e: unknown) => {
      res.writeHead(500).end(String(e));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${subPath}`,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((e) => (e ? fail(e) : done()));
        server.closeAllConnections();
      }),
  };
}
