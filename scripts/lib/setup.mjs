// Self-installation shared by `npm start` and `npm test`: only Node built-ins here, since this runs
// before node_modules exists.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  return r.status === 0;
}

/** Installs the dependencies when node_modules is missing or older than package-lock.json. */
export function ensureDependencies(log = console.log) {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  const fresh = fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs;
  if (fresh) return;
  // `npm install`, not `npm ci`: npm 11 writes lock files without the optional binaries of other
  // platforms (@swc/core-darwin-*, …) and its `npm ci` then refuses that same lock file as out of sync.
  // `npm install` installs exactly the locked versions when package.json and the lock agree.
  log('installing dependencies (npm install) …');
  const t0 = Date.now();
  if (!run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'])) {
    throw new Error('npm install failed; see the output above');
  }
  // npm may rewrite the lock file after its marker: date the marker now so the next run skips the install.
  const now = new Date();
  fs.utimesSync(marker, now, now);
  log(`dependencies installed in ${Math.round((Date.now() - t0) / 1000)} s`);
}

/** Debian's chromium for the browser tests; installed with apt-get when missing (we are root on CI). */
export function ensureChromium(log = console.log) {
  const bin = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (fs.existsSync(bin)) return bin;
  if (process.getuid?.() !== 0) throw new Error(`${bin} is missing; install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH`);
  log('installing chromium (apt-get) for the browser tests …');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!run('apt-get', ['update', '-qq'], { env }) || !run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { env })) {
    throw new Error('apt-get could not install chromium');
  }
  if (!fs.existsSync(bin)) throw new Error(`chromium installed but ${bin} is missing`);
  return bin;
}

/** A secret kept in .data/ so that tokens survive restarts of the development server. */
export function localSecret(name) {
  const file = path.join(root, '.data', name);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${Buffer.from(crypto.getRandomValues(new Uint8Array(48))).toString('base64url')}\n`, { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}
