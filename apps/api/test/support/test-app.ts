import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/config/config.js';
import { DEMO_PASSWORD, demoLogin } from '../../src/database/seeds/demo.js';
import { busyClientQueries } from './busy-clients.js';
import { createTestDatabase } from './database.js';

export interface TestApp {
  app: NestFastifyApplication;
  /** supertest agent on the in-process server */
  http: () => ReturnType<typeof request>;
  /** http://127.0.0.1:<port> when started with listen: true */
  url: string;
  db: DataSource;
  databaseUrl: string;
  /** An access token for a demo user, by the part before @ (`manager`, `consultant2`, `admin` …). */
  token: (who: string) => Promise<string>;
  /** Ids of the demo data. */
  ids: { site: (code: 'demo-sales' | 'demo-service') => Promise<string>; user: (who: string) => Promise<string> };
  close: () => Promise<void>;
}

export interface TestAppOptions {
  listen?: boolean;
  adminDist?: string;
  jobs?: boolean;
  /** Reuse an existing database (a second replica) instead of cloning a new one. */
  databaseUrl?: string;
  env?: Record<string, string>;
}

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';

/** The real application on its own database cloned from the seeded template. */
export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const database = opts.databaseUrl ? { url: opts.databaseUrl, drop: async () => {} } : await createTestDatabase();
  const config = loadConfig({
    DATABASE_URL: database.url,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JOBS_ENABLED: opts.jobs ? 'true' : 'false',
    DATABASE_POOL_SIZE: '20',
    ...(opts.adminDist ? { ADMIN_DIST: opts.adminDist } : {}),
    ...opts.env,
  });
  const app = await createApp(config, { swaggerUi: false });
  await app.getHttpAdapter().getInstance().ready();
  let url = '';
  if (opts.listen) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.getHttpServer().address();
    url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  }
  const db = app.get(DataSource);
  const tokens = new Map<string, string>();
  const http = () => request(app.getHttpServer());
  return {
    app,
    http,
    url,
    db,
    databaseUrl: database.url,
    token: async (who) => {
      if (!tokens.has(who)) {
        const res = await http().post('/api/v1/auth/login').send({ login: demoLogin(who), password: DEMO_PASSWORD });
        if (res.status !== 200) throw new Error(`login as ${who} failed: ${res.status} ${JSON.stringify(res.body)}`);
        tokens.set(who, res.body.accessToken);
      }
      return tokens.get(who)!;
    },
    ids: {
      site: async (code) => (await db.query('SELECT id FROM site WHERE code = $1', [code]))[0].id,
      user: async (who) => (await db.query('SELECT id FROM app_user WHERE login = $1', [demoLogin(who)]))[0].id,
    },
    close: async () => {
      await app.close();
      await database.drop();
      if (busyClientQueries.length) throw new Error(`${busyClientQueries.length} queries were sent to a pg client still running another (pg 9 refuses them; use readTogether):\n${busyClientQueries[0]}`);
    },
  };
}

/** Every row of every table, hashed per table: proof that a refused request wrote nothing. */
export async function databaseFingerprint(db: DataSource, except: string[] = []): Promise<Record<string, string>> {
  const tables: { table_name: string }[] = await db.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const out: Record<string, string> = {};
  for (const { table_name } of tables) {
    if (except.includes(table_name)) continue;
    const [{ h }] = await db.query(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${table_name}" t`);
    out[table_name] = h;
  }
  return out;
}

export const isProblem = (res: { status: number; headers: Record<string, string>; body: { code?: unknown; status?: unknown } }) =>
  res.headers['content-type']?.startsWith('application/problem+json') && typeof res.body.code === 'string' && res.body.status === res.status;

/** A supertest parser that keeps a file's bytes (`.buffer(true).parse(readBinary)`): XLSX, images, CSV as sent. */
export const readBinary = (res: unknown, done: (err: Error | null, body: Buffer) => void) => {
  const stream = res as NodeJS.ReadableStream; // the node response under superagent's wrapper type
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};

/** The body of an answer with the expected status; anything else fails with what came instead. */
export const ok = (res: { status: number; body: unknown }, status = 200) => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Record<string, any>;
};

/** An answer that must be a problem+json refusal with this status and code. */
export const refused = (res: { status: number; body: any; headers: Record<string, string> }, status: number, code: string) => {
  if (res.status !== status || res.body.code !== code || !isProblem(res)) throw new Error(`expected ${status} ${code}, got ${res.status} ${JSON.stringify(res.body)}`);
};
