import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { TEST_JWT_SECRET, type TestApp } from './test-app.js';

export type SiteEvent = { siteId: string; type: string; data: Record<string, unknown>; at: string };

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/**
 * A second API process (the built `dist/api/main.js`) on the test app's database, without jobs: what a
 * client connected to another replica sees. `stop()` ends it.
 */
export async function startSecondProcess(a: TestApp): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.resolve('dist/api/main.js')], {
    env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: a.databaseUrl, JWT_SECRET: TEST_JWT_SECRET, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', JOBS_ENABLED: 'false' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok).catch(() => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** Reads a server-sent-event stream until `until` sees what it waits for (or `timeoutMs` passes). */
export function readEvents(url: string, token: string, until: (events: SiteEvent[]) => boolean, timeoutMs = 15_000) {
  return new Promise<{ status: number; events: SiteEvent[] }>((resolve, reject) => {
    const events: SiteEvent[] = [];
    const req = http.get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return resolve({ status: res.statusCode!, events });
      }
      let buf = '';
      res.on('data', (chunk: Buffer) => {
        buf += chunk.toString();
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data) events.push(JSON.parse(data.slice(6)));
        }
        if (until(events)) {
          req.destroy();
          resolve({ status: 200, events });
        }
      });
    });
    req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
    setTimeout(() => {
      req.destroy();
      resolve({ status: 200, events });
    }, timeoutMs).unref();
  });
}
