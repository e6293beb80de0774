/**
 * A tiny static file server for the built site, behaving like a plain static host:
 * directory index files, a redirect to the trailing slash, and `404.html` for misses.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Outcome of mapping a request path onto the site folder. */
export type Resolution =
  | { kind: 'file'; path: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'not-found' };

/** Maps a URL pathname to a file under root; never escapes root. */
export async function resolveRequest(root: string, pathname: string): Promise<Resolution> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { kind: 'not-found' };
  }
  if (!decoded.startsWith('/') || decoded.includes('\0')) return { kind: 'not-found' };
  const target = normalize(join(root, decoded));
  if (target !== root && !target.startsWith(root.endsWith(sep) ? root : root + sep)) return { kind: 'not-found' };
  const info = await stat(target).catch(() => null);
  if (info?.isFile()) return { kind: 'file', path: target };
  if (info?.isDirectory()) {
    if (!pathname.endsWith('/')) return { kind: 'redirect', location: `${pathname}/` };
    const index = join(target, 'index.html');
    if ((await stat(index).catch(() => null))?.isFile()) return { kind: 'file', path: index };
  }
  return { kind: 'not-found' };
}

/** A running server and its base URL (with trailing slash). */
export interface StaticServer {
  url: string;
  close: () => Promise<void>;
}

/** Serves root on 127.0.0.1 at a random free port. */
export async function serveStatic(root: string): Promise<StaticServer> {
  const server: Server = createServer(async (req, res) => {
    try {
      const { pathname } = new URL(req.url ?? '/', 'http://localhost');
      const resolution = await resolveRequest(root, pathname);
      if (resolution.kind === 'redirect') {
        res.writeHead(301, { location: resolution.location }).end();
        return;
      }
      const found = resolution.kind === 'file';
      const path = found ? resolution.path : join(root, '404.html');
      const body = await readFile(path).catch(() => Buffer.from('Not found'));
      res.writeHead(found ? 200 : 404, {
        'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
