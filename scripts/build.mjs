// Builds what `npm start` serves: the domain library and the API (swc, seconds) and the admin
// console (vite). Skips a part whose sources are older than its output unless --force.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const force = process.argv.includes('--force');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');

function newest(dir) {
  let t = 0;
  if (!fs.existsSync(dir)) return t;
  if (!fs.statSync(dir).isDirectory()) return fs.statSync(dir).mtimeMs;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

const parts = [
  {
    name: 'domain',
    inputs: ['libs/domain/src'],
    output: 'libs/domain/dist',
    cwd: 'libs/domain',
    run: [bin('swc'), ['src', '-d', 'dist', '--strip-leading-paths', '--ignore', '**/*.spec.ts', '--config-file', '../../.swcrc', '--quiet']],
  },
  {
    name: 'api',
    inputs: ['apps/api/src', 'libs/domain/src'],
    output: 'dist/api',
    cwd: 'apps/api',
    run: [bin('swc'), ['src', '-d', '../../dist/api', '--strip-leading-paths', '--config-file', '../../.swcrc', '--quiet']],
  },
  {
    name: 'admin',
    inputs: ['apps/admin/src', 'apps/admin/public', 'libs/domain/src', 'apps/admin/index.html', 'apps/admin/vite.config.ts'],
    output: 'dist/admin',
    run: [bin('vite'), ['build', '--config', 'apps/admin/vite.config.ts', '--logLevel', 'warn']],
  },
];

export function build({ force: f = force, only: o = only, log = console.log } = {}) {
  for (const part of parts) {
    if (o && !o.includes(part.name)) continue;
    if (!fs.existsSync(path.join(root, part.inputs[part.inputs.length - 1]))) continue;
    const out = path.join(root, part.output);
    const stale = f || !fs.existsSync(out) || Math.max(...part.inputs.map((i) => newest(path.join(root, i)))) > newest(out);
    if (!stale) continue;
    const t0 = Date.now();
    fs.rmSync(out, { recursive: true, force: true });
    const r = spawnSync(part.run[0], part.run[1], { cwd: path.join(root, part.cwd ?? '.'), stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`building ${part.name} failed`);
    log(`built ${part.name} in ${Date.now() - t0} ms`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    build();
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
