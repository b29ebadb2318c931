import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the built console: every file of dist/admin is read once at start-up (a few hundred kB) and
 * answered from memory; Vite's hashed assets are cached for a year, index.html never. Unknown paths
 * outside /api fall back to index.html in the ProblemFilter (client-side routes).
 * (Our own 40 lines instead of @fastify/static, which cannot load under jest's ESM mode.)
 */
export function serveConsole(fastify: FastifyInstance, dist: string): Buffer {
  const files = new Map<string, { body: Buffer; type: string; immutable: boolean }>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const rel = `/${path.relative(dist, p).split(path.sep).join('/')}`;
        files.set(rel, { body: fs.readFileSync(p), type: TYPES[path.extname(p)] ?? 'application/octet-stream', immutable: rel.startsWith('/assets/') });
      }
    }
  };
  walk(dist);
  const index = files.get('/index.html')!;
  for (const [url, f] of files) {
    if (url === '/index.html') continue;
    fastify.get(url, (_req, reply) => {
      void reply.type(f.type).header('cache-control', f.immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=3600').send(f.body);
    });
  }
  fastify.get('/', (_req, reply) => {
    void reply.type(index.type).header('cache-control', 'no-cache').send(index.body);
  });
  return index.body;
}
