import 'reflect-metadata';
import { createApp } from './app.factory.js';
import { loadConfig } from './config/config.js';

/** Production entry: configuration from the environment, migrations applied by `migrate.js` first. */
const config = loadConfig();
const app = await createApp(config);
await app.listen({ port: config.PORT, host: config.HOST });
