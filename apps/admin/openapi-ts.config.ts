// The admin console's API client, generated from the committed OpenAPI document by
// `node scripts/openapi.mjs` (which runs `openapi-ts -f apps/admin/openapi-ts.config.ts`).
// OPENAPI_TS_OUTPUT writes it elsewhere (the drift check regenerates into a temporary directory).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@hey-api/openapi-ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  input: path.join(here, '../api/openapi.json'),
  output: {
    path: process.env.OPENAPI_TS_OUTPUT ? path.resolve(process.env.OPENAPI_TS_OUTPUT) : path.join(here, 'src/api/generated'),
    tsConfigPath: path.join(here, 'tsconfig.json'),
  },
  plugins: [
    { name: '@hey-api/client-fetch', baseUrl: '', throwOnError: true },
    '@hey-api/typescript',
    '@hey-api/sdk',
    { name: '@tanstack/react-query', infiniteQueryKeys: false, infiniteQueryOptions: false },
  ],
});
