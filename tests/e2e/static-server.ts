/** Serves the built renderer (out/renderer) on 127.0.0.1 as the app does: its CSP header, and a fresh style nonce for each load of a page. */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { contentSecurityPolicy, isPage, servePage } from '../../src/main/security';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function serveRenderer(root = path.resolve('out/renderer')): Promise<StaticServer> {
  if (!fs.existsSync(path.join(root, 'index.html'))) throw new Error(`No built renderer at ${root}: run "npm run build" first.`);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end('Not found');
      return;
    }
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    if (isPage(file)) {
      const page = servePage(fs.readFileSync(file, 'utf8'));
      res.writeHead(200, { 'Content-Type': type, 'Content-Security-Policy': page.csp, 'Cache-Control': 'no-store' });
      res.end(page.html);
      return;
    }
    res.writeHead(200, { 'Content-Type': type, 'Content-Security-Policy': contentSecurityPolicy(), 'Cache-Control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('No server address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
