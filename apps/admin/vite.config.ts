// `node scripts/build.mjs --only=admin` builds the console into <repo>/dist/admin, which the API serves
// at `/`. `vite --config apps/admin/vite.config.ts` serves it for development, with /api proxied to the
// API on port 3000.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  resolve: {
    alias: { '@sitedesk/domain': path.resolve(here, '../../libs/domain/src/index.ts') },
  },
  build: {
    outDir: path.resolve(here, '../../dist/admin'),
    emptyOutDir: true,
    // Libraries change less often than the console: in chunks of their own they stay cached across releases.
    rolldownOptions: {
      output: {
        codeSplitting: {
          // First match wins, and a group takes its modules' dependencies along: the innermost libraries first.
          groups: [
            { name: 'antd-parts', test: /node_modules[\\/](@rc-component|rc-[\w-]+|dayjs)[\\/]/ },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
    // Ant Design and its components are about 1.2 MB minified (~390 kB gzipped), in two chunks.
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
