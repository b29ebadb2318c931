// Runs a raw baseline module in its own process: `node bench/lib/baseline-server.mjs <module>`.
// The module exports `createServer({ databaseUrl, jwtSecret, poolSize })` → a Fastify instance.
// Configuration comes from the environment the runner sets: DATABASE_URL, JWT_SECRET,
// DATABASE_POOL_SIZE, PORT.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const modulePath = process.argv[2];
if (!modulePath) {
  console.error('usage: node bench/lib/baseline-server.mjs <baseline module>');
  process.exit(2);
}
const { createServer } = await import(pathToFileURL(path.resolve(modulePath)).href);
const app = await createServer({
  databaseUrl: /** @type {string} */ (process.env.DATABASE_URL),
  jwtSecret: /** @type {string} */ (process.env.JWT_SECRET),
  poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 10),
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    app.close().finally(() => process.exit(0));
  });
}
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
