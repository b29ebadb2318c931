// `npm run bench`: the load harness. Builds the API when stale, starts a throwaway PostgreSQL,
// migrates it and loads the demo data, generates each scenario's data, then runs autocannon with the
// same settings against the API (dist/api/main.js) and against the scenario's raw baseline (plain
// Fastify + pg doing the same SQL), each in its own process on its own port on 127.0.0.1. Prints a
// table and the JSON, writes the JSON to bench/results/, and stops everything it started.
//
//   node bench/run.mjs [--scenario me] [--connections 64] [--duration 15] [--warmup 3] [--rounds 1] [--json file]
//                      [--database-url url]   (an existing, migrated database instead of a fresh one; kept)
//                      [--cpu-prof dir]       (the API and the baselines run with node --cpu-prof; profiles written there when they stop)
//
// --rounds N measures the API and the baseline N times each, alternating, and reports the median
// round of each (all rounds are in the JSON): the ratio then resists the machine's slow drifts.
//
// Exit code: 0 measured cleanly; 2 measured, but a run is flagged in the table and the JSON (errors,
// non-2xx responses, the server died, or other processes disturbed the machine); 1 could not measure.
import autocannon from 'autocannon';
import pg from 'pg';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { build } from '../scripts/build.mjs';
import { freePort, startPostgres, ensureDatabase } from '../scripts/lib/postgres.mjs';
import { killChildrenNow, startChild } from './lib/children.mjs';
import { cpuSupported, machineCpuMs, processCpuMs, treeCpuMs } from './lib/cpu.mjs';
import { watchMemory } from './lib/memory.mjs';

/**
 * A scenario is one file in bench/scenarios/ whose default export is this (see bench/README.md).
 * @typedef {object} Scenario
 * @property {string} name  short, used on the command line and in file names
 * @property {string} title  what is measured, one line
 * @property {import('./generate.mjs').Volumes} data  the volumes generate() ensures before setup
 * @property {string | null} baseline  path of the raw baseline module (exports createServer); null: the API alone is measured (no ratio)
 * @property {(ctx: SetupContext) => Promise<LoadRequest | Load>} setup  prepares what it needs, returns the request (or the requests) to load
 * @property {(app: Sample, baseline: Sample) => string | null} [compare]  why the two answers differ, or null; default: same status and same JSON
 *
 * @typedef {{ db: pg.Pool, data: Awaited<ReturnType<typeof import('./generate.mjs').generate>>, app: { url: string, login: (login: string, password: string) => Promise<string>, logins: (logins: string[], password: string) => Promise<string[]> } }} SetupContext
 * @typedef {{ method?: string, path: string, headers?: Record<string, string>, body?: string }} LoadRequest
 * @typedef {{ status: number, body: string }} Sample
 *
 * What a scenario loads when one request sent over and over is not enough (see bench/README.md):
 * @typedef {object} Load
 * @property {LoadRequest[]} requests  cycled through: every request sent takes the next one, whichever connection sends it
 * @property {number} [amount]  a fixed number of requests per measurement (and per warm-up) instead of --duration
 * @property {number} [connections]  instead of --connections (1 = one request at a time)
 * @property {{ app: LoadRequest, baseline: LoadRequest }} [probe]  the requests sent once to each server to compare their answers (default: the first request to both)
 * @property {() => Promise<void>} [reset]  run before every warm-up and every measurement (e.g. undo the writes of the previous one)
 * @property {string} [note]  one line on how it is loaded, printed and stored
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const POOL_SIZE = 10;
const log = (m) => console.error(`[bench] ${m}`);

const { values: opt } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'all' },
    connections: { type: 'string', default: '64' },
    duration: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '1' },
    json: { type: 'string' },
    'database-url': { type: 'string' },
    'cpu-prof': { type: 'string' },
    heap: { type: 'string', default: '256' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (opt.help) {
  console.log('usage: node bench/run.mjs [--scenario <name>|all] [--connections 64] [--duration 15] [--warmup 3] [--rounds 1] [--json <file>] [--database-url <url of an existing, migrated database>] [--cpu-prof <directory for the servers\' CPU profiles>] [--heap <MB of V8 old space for the servers, 256 as the production image; 0: V8 default>]');
  process.exit(0);
}
const settings = { connections: Number(opt.connections), duration: Number(opt.duration), warmup: Number(opt.warmup), rounds: Number(opt.rounds), pipelining: 1 };
for (const [k, v] of Object.entries(settings)) {
  if (!Number.isInteger(v) || v < (k === 'warmup' ? 0 : 1)) {
    console.error(`--${k} must be a whole number${k === 'warmup' ? '' : ' above 0'}`);
    process.exit(1);
  }
}
// The scenario files, checked now; imported after the build, since they use the domain library.
const scenarioDir = path.join(root, 'bench', 'scenarios');
const known = fs.readdirSync(scenarioDir).filter((f) => f.endsWith('.mjs')).map((f) => f.slice(0, -4)).sort();
const wanted = opt.scenario === 'all' ? known : opt.scenario.split(',');
if (wanted.some((n) => !known.includes(n))) {
  console.error(`unknown scenario ${wanted.filter((n) => !known.includes(n)).join(', ')}; there are: ${known.join(', ')}`);
  process.exit(1);
}
const files = wanted.map((n) => pathToFileURL(path.join(scenarioDir, `${n}.mjs`)).href);

// ---- cleanup: whatever happens, stop what was started and remove the data directory ----------
/** @type {(() => Promise<void> | void)[]} */
const cleanups = [];
/** What the exit handler removes even when the cleanups could not run. */
const started = { dir: /** @type {string | null} */ (null), postgres: /** @type {import('node:child_process').ChildProcess | null} */ (null) };
let shuttingDown = false;
async function shutdown(code) {
  if (shuttingDown) return;
  shuttingDown = true;
  for (const fn of cleanups.reverse()) {
    try {
      await fn();
    } catch (e) {
      log(`cleanup: ${e.message}`);
    }
  }
  process.exit(code);
}
process.on('exit', () => {
  killChildrenNow();
  started.postgres?.kill('SIGKILL');
  if (started.dir) fs.rmSync(started.dir, { recursive: true, force: true });
});
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(s, () => {
    log(`${s}: stopping`);
    void shutdown(130);
  });
}

// ---- helpers ---------------------------------------------------------------------------------
/** @param {string} base @param {LoadRequest} req @returns {Promise<Sample>} */
async function sample(base, req) {
  const r = await fetch(base + req.path, { method: req.method ?? 'GET', headers: req.headers, body: req.body, signal: AbortSignal.timeout(10_000) });
  return { status: r.status, body: await r.text() };
}

/** @param {Sample} a @param {Sample} b */
function sameAnswer(a, b) {
  if (a.status !== b.status) return `status ${a.status} from the API, ${b.status} from the baseline`;
  if (a.status < 200 || a.status > 299) return `status ${a.status}: ${a.body.slice(0, 300)}`;
  let x, y;
  try {
    [x, y] = [JSON.parse(a.body), JSON.parse(b.body)];
  } catch {
    return a.body === b.body ? null : 'the bodies differ';
  }
  return isDeepStrictEqual(x, y) ? null : `the bodies differ:\n  API      ${a.body.slice(0, 600)}\n  baseline ${b.body.slice(0, 600)}`;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Which code was measured: the commit, and whether the API's sources differ from it. */
function sourceState() {
  try {
    const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { commit: git('rev-parse', 'HEAD'), uncommittedApiChanges: git('status', '--porcelain', '--', 'apps/api', 'libs/domain') !== '' };
  } catch {
    return null;
  }
}

/**
 * Warm up, then measure one target. Around the measurement: database transactions (pg_stat_database)
 * and CPU time of the server process, of the whole PostgreSQL cluster and of this process (the load).
 */
async function measure({ db, pgPid, target, load }) {
  const first = load.requests[0];
  const connections = load.connections ?? settings.connections;
  const options = {
    url: target.url + first.path,
    method: /** @type {any} */ (first.method ?? 'GET'),
    headers: first.headers,
    body: first.body,
    connections,
    pipelining: settings.pipelining,
    timeout: 30,
  };
  // Several requests: every request sent takes the next one of the list, across all connections
  // (autocannon's `requests` alone would start every connection at the first one).
  const cycled = () => {
    let next = 0;
    return load.requests.length > 1
      ? { requests: [{ setupRequest: (r) => ({ ...r, ...load.requests[next++ % load.requests.length] }) }] }
      : {};
  };
  const length = (seconds) => (load.amount ? { amount: load.amount } : { duration: seconds });
  const memory = watchMemory(target.pid);
  if (settings.warmup) {
    await load.reset?.();
    const w = await autocannon({ ...options, ...cycled(), ...length(settings.warmup) });
    if (w.errors || w.non2xx) log(`  warm-up of ${target.name}: ${w.errors} errors, ${w.non2xx} non-2xx`);
  }
  await load.reset?.();
  if (load.amount) await sleep(11_000);
  // Database transactions per request, counted while the load runs: busy backends publish their
  // statistics about once a second, so a window inside the run (from 2 s to 1 s before the end)
  // lags by the same amount at both ends, whereas an idle backend may hold its last second's
  // counts for 10 s. Each statement outside an explicit transaction is one transaction.
  let responses = 0;
  const xacts = () => {
    const at = responses;
    return db.query('SELECT (xact_commit + xact_rollback)::bigint AS n FROM pg_stat_database WHERE datname = current_database()').then(({ rows }) => ({ n: Number(rows[0].n), at }));
  };
  const before = { server: processCpuMs(target.pid), db: treeCpuMs(pgPid), load: process.cpuUsage(), machine: machineCpuMs(), at: performance.now() };
  const run = autocannon({ ...options, ...cycled(), ...length(settings.duration) });
  run.on('response', () => responses++);
  // With a fixed number of requests the length is not known in advance: the whole run is the window.
  const windowed = !load.amount && settings.duration >= 5;
  const txFrom = windowed ? sleep(2000).then(xacts) : load.amount ? xacts() : null;
  const txTo = windowed ? sleep(settings.duration * 1000 - 1000).then(xacts) : null;
  const r = await run;
  const mem = memory.stop();
  const loadCpu = process.cpuUsage(before.load);
  const after = { server: processCpuMs(target.pid), db: treeCpuMs(pgPid), machine: machineCpuMs(), at: performance.now() };
  // A fixed number of requests: counted from before the first to 11 s after the last, when every
  // backend, busy or idle, has published its statistics (the pause before it did the same for the
  // warm-up's and the reset's).
  const [from, to] = windowed ? await Promise.all([txFrom, txTo]) : load.amount ? [await txFrom, await sleep(11_000).then(xacts)] : [];
  const databaseTransactions = from && to.at > from.at ? Number(((to.n - from.n) / (to.at - from.at)).toFixed(2)) : null;

  const completed = r.requests.total;
  const seconds = (after.at - before.at) / 1000;
  const perRequest = (ms) => (completed && ms !== null ? Math.round((ms * 1000) / completed) : null);
  const used = (k) => (after[k] === null || before[k] === null ? null : after[k] - before[k]);
  const loadMs = (loadCpu.user + loadCpu.system) / 1000;
  // Whatever else ran on the machine meanwhile (other processes, the idle other server) in % of its capacity.
  const others = used('machine') === null || used('server') === null || used('db') === null ? null : Math.max(0, used('machine') - used('server') - used('db') - loadMs);
  const othersPercent = others === null ? null : Math.round((100 * others) / ((after.at - before.at) * os.cpus().length));
  const disturbance = othersPercent !== null && othersPercent > 10 ? `other processes used ${othersPercent} % of the machine during the run: the numbers are disturbed` : null;
  const problems = [];
  if (!r['2xx']) problems.push('no successful response');
  if (r.non2xx) problems.push(`${r.non2xx} non-2xx responses (${Object.entries(r.statusCodeStats).map(([c, s]) => `${c}: ${s.count}`).join(', ')})`);
  if (r.errors) problems.push(`${r.errors} errors (${r.timeouts} timeouts)`);
  if (target.exited()) problems.push(`the server exited during the run:\n${target.output().trim()}`);
  return {
    target: target.name,
    label: target.label,
    // With a fixed number of requests, the run is a few seconds and ends in a partial second: count over its length.
    requestsPerSecond: load.amount ? Number((completed / seconds).toFixed(1)) : r.requests.average,
    requestsPerSecondStddev: r.requests.stddev,
    requests: completed,
    seconds: Number(seconds.toFixed(2)),
    connections,
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, average: r.latency.average },
    responses: { '2xx': r['2xx'], non2xx: r.non2xx, byStatus: Object.fromEntries(Object.entries(r.statusCodeStats).map(([c, s]) => [c, s.count])) },
    errors: r.errors,
    timeouts: r.timeouts,
    perRequest: {
      databaseTransactions,
      serverCpuMicros: perRequest(used('server')),
      databaseCpuMicros: perRequest(used('db')),
      loadCpuMicros: perRequest(loadMs),
    },
    memory: mem,
    machineCpuPercent: used('machine') === null ? null : Math.round((100 * used('machine')) / ((after.at - before.at) * os.cpus().length)),
    otherProcessesCpuPercent: othersPercent,
    disturbance,
    problems,
  };
}

// ---- the table -------------------------------------------------------------------------------
const num = (n, digits = 0) => (n === null || n === undefined ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));

function printTable(results) {
  const header = ['scenario', 'target', 'conn', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'errors/non-2xx', 'ratio', 'db tx/req', 'CPU µs/req server/db/load', 'peak RSS MiB'];
  const rows = results.flatMap((s) =>
    s.targets.map((t) => {
      const base = s.targets.find((b) => b.target === 'baseline');
      return [
        s.scenario,
        t.label,
        num(t.connections),
        num(t.requests),
        num(t.requestsPerSecond, t.requestsPerSecond < 20 ? 1 : 0),
        num(t.latencyMs.p50),
        num(t.latencyMs.p99),
        `${t.errors}/${t.responses.non2xx}${t.flagged ? '  FLAGGED' : ''}`,
        base ? num(t.requestsPerSecond / base.requestsPerSecond, 2) : '–',
        num(t.perRequest.databaseTransactions, 1),
        [t.perRequest.serverCpuMicros, t.perRequest.databaseCpuMicros, t.perRequest.loadCpuMicros].map((v) => num(v)).join(' / '),
        num(t.memory?.peakRssMiB),
      ];
    }),
  );
  const text = new Set([0, 1, 7]);
  const width = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => (text.has(i) ? c.padEnd(width[i]) : c.padStart(width[i]))).join(' | ')} |`;
  console.log(`\n${line(header)}\n|${width.map((w, i) => (text.has(i) ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const r of rows) console.log(line(r));
  const rounds = settings.rounds > 1 ? `; the median of ${settings.rounds} alternating rounds` : '';
  console.log(`\n${settings.connections} connections unless the scenario says otherwise, ${settings.duration} s (or the scenario's fixed number of requests) after ${settings.warmup} s warm-up${rounds}; ratio = req/s ÷ baseline req/s; peak RSS of the server process during warm-up and measurement`);
  for (const s of results) {
    if (s.load.note) console.log(`${s.scenario}: ${s.load.note}`);
    for (const t of s.targets) {
      for (const p of t.leftOut) console.log(`note: ${s.scenario} / ${t.label}: ${p}`);
      for (const p of t.problems) console.log(`FLAGGED ${s.scenario} / ${t.label}: ${p}`);
    }
  }
}

// ---- the run ---------------------------------------------------------------------------------
async function main() {
  const startedAt = new Date();
  // Attendance scenarios generate about a million rows first and log in a few thousand people.
  const budgetS = 600 + files.length * (240 + 2 * settings.rounds * (settings.warmup + settings.duration + 50));
  setTimeout(() => {
    log(`still running after ${budgetS} s: giving up`);
    void shutdown(1);
  }, budgetS * 1000).unref();
  const notes = [];
  if (!cpuSupported()) notes.push('no /proc: CPU per request is not measured');
  const idleCheck = machineCpuMs();
  await sleep(1000);
  const busy = idleCheck === null ? null : Math.round((machineCpuMs() - idleCheck) / (10 * os.cpus().length));
  if (busy !== null && busy > 10) {
    notes.push(`the machine was ${busy} % busy before the run started`);
    log(`warning: ${notes.at(-1)}`);
  }

  build({ only: ['domain', 'api'], log });
  const source = sourceState();
  const { generate, tableCounts } = await import('./generate.mjs');
  const scenarios = await Promise.all(files.map(async (f) => /** @type {Scenario} */ ((await import(f)).default)));

  let databaseUrl = opt['database-url'];
  let pgPid;
  if (!databaseUrl) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sitedesk-bench-'));
    fs.chmodSync(tmp, 0o755);
    started.dir = tmp;
    cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
    // Not `throwaway`: PostgreSQL keeps its default durability (fsync on), as in production; the
    // directory is removed at the end all the same.
    const postgres = await startPostgres({ dataDir: path.join(tmp, 'pg'), log });
    started.postgres = postgres.child;
    pgPid = postgres.child.pid;
    cleanups.push(() => postgres.stop());
    await ensureDatabase(postgres.url('postgres'), 'sitedesk_bench');
    databaseUrl = postgres.url('sitedesk_bench');
    const { prepareDatabase } = await import(pathToFileURL(path.join(root, 'dist', 'api', 'database', 'prepare.js')).href);
    await prepareDatabase(databaseUrl, { demo: true, log });
  }
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2, application_name: 'sitedesk-bench-runner' });
  db.on('error', () => {}); // an idle connection closed by PostgreSQL stopping (Ctrl-C reaches it too)
  cleanups.push(() => db.end());
  const { rows: [{ server_version: postgresVersion }] } = await db.query('SHOW server_version');
  if (!pgPid) {
    // An existing database on this machine: its postmaster is the parent of our backend.
    const { rows: [{ pid }] } = await db.query('SELECT pg_backend_pid() AS pid');
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      pgPid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    } catch {
      pgPid = null;
      notes.push('the database is not on this machine (or not readable in /proc): its CPU is not measured');
    }
    notes.push('measured against an existing database (--database-url), not a fresh one');
  }

  const jwtSecret = randomBytes(48).toString('base64url');
  const serverEnv = (port) => ({ PATH: process.env.PATH ?? '', TZ: 'UTC', NODE_ENV: 'production', DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: String(POOL_SIZE), JWT_SECRET: jwtSecret, PORT: String(port) });
  const appPort = await freePort();
  const nodeArgs = opt['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(opt['cpu-prof'])}`] : [];
  if (nodeArgs.length) notes.push('the servers ran with --cpu-prof (a few % slower)');
  // The production image's heap setting (Dockerfile: --max-old-space-size=256); --heap 0 leaves V8's default.
  const heap = opt.heap;
  if (heap !== '0') nodeArgs.push(`--max-old-space-size=${heap}`);
  notes.push(heap !== '0' ? `the servers ran with --max-old-space-size=${heap} (as the production image)` : "the servers ran with V8's default heap limit");
  const app = await startChild({
    nodeArgs,
    name: 'app',
    script: path.join(root, 'dist', 'api', 'main.js'),
    env: { ...serverEnv(appPort), HOST: '127.0.0.1', LOG_LEVEL: 'silent', JOBS_ENABLED: 'false' },
    port: appPort,
  });
  cleanups.push(() => app.stop());
  log(`API (dist/api/main.js) on ${app.url}, PostgreSQL ${postgresVersion} on ${new URL(databaseUrl).host}`);

  const appTarget = { ...app, label: 'api (Nest + TypeORM)', name: 'app' };
  const login = async (loginName, password) => {
    const r = await fetch(`${app.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: loginName, password }), signal: AbortSignal.timeout(10_000) });
    const body = await r.text();
    if (r.status !== 200) throw new Error(`login as ${loginName} answered ${r.status}: ${body.slice(0, 300)}`);
    return JSON.parse(body).accessToken;
  };
  // Access tokens live 15 minutes: kept for 10, so that scenarios sharing people do not log in again.
  const tokens = new Map();
  const cachedLogin = async (loginName, password) => {
    const hit = tokens.get(loginName);
    if (hit && Date.now() - hit.at < 600_000) return hit.token;
    const token = await login(loginName, password);
    tokens.set(loginName, { token, at: Date.now() });
    return token;
  };
  /** Many people through the real login, four at a time (argon2 verification is the cost: ~10–20 ms each). */
  const logins = async (names, password) => {
    const out = new Array(names.length);
    let next = 0;
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (next < names.length) {
        const i = next++;
        out[i] = await cachedLogin(names[i], password);
      }
    }));
    return out;
  };

  const results = [];
  for (const scenario of scenarios) {
    log(`scenario ${scenario.name}: ${scenario.title}`);
    const data = await generate(db, scenario.data, (m) => log(`  ${m}`));
    const tSetup = Date.now();
    const prepared = await scenario.setup({ db, data, app: { url: app.url, login: cachedLogin, logins } });
    /** @type {Load} */
    const load = 'requests' in prepared ? prepared : { requests: [prepared] };
    log(`  setup in ${Date.now() - tSetup} ms: ${load.requests.length} distinct request${load.requests.length > 1 ? 's' : ''}${load.amount ? `, ${load.amount} per measurement` : ''}${load.connections ? `, ${load.connections} connections` : ''}`);
    const probe = load.probe ?? { app: load.requests[0], baseline: load.requests[0] };

    let baseline = null;
    let stopBaseline = null;
    if (scenario.baseline) {
      const port = await freePort();
      baseline = await startChild({ name: `baseline ${path.basename(scenario.baseline)}`, script: path.join(root, 'bench', 'lib', 'baseline-server.mjs'), args: [scenario.baseline], nodeArgs, env: serverEnv(port), port });
      stopBaseline = () => baseline.stop();
      cleanups.push(stopBaseline);
    }
    const baseTarget = baseline && { ...baseline, label: `raw (${path.basename(scenario.baseline, '.mjs')})`, name: 'baseline' };

    if (baseline) {
      const differ = (scenario.compare ?? sameAnswer)(await sample(app.url, probe.app), await sample(baseline.url, probe.baseline));
      if (differ) throw new Error(`scenario ${scenario.name}: the API and its baseline do not answer alike, so their speeds cannot be compared: ${differ}`);
    } else {
      const answer = await sample(app.url, probe.app);
      if (answer.status < 200 || answer.status > 299) throw new Error(`scenario ${scenario.name}: the API answered ${answer.status}: ${answer.body.slice(0, 300)}`);
    }
    let lastLoadEnd = Date.now(); // the data generation, the log-in and the samples above count as load too

    /** @type {Record<string, Awaited<ReturnType<typeof measure>>[]>} */
    const runs = baseline ? { app: [], baseline: [] } : { app: [] };
    for (let round = 1; round <= settings.rounds; round++) {
      for (const target of baseTarget ? [appTarget, baseTarget] : [appTarget]) {
        // Backends of the previous target publish their last second of statistics when idle for
        // 10 s (or when their pool closes them after 10 s); let that happen before this target's
        // transactions are counted.
        const settle = 12_000 - (Date.now() - lastLoadEnd) - (settings.warmup * 1000 + 2000);
        if (settle > 0) await sleep(settle);
        log(`  ${target.label}: ${settings.warmup} s warm-up, ${load.amount ? `${load.amount} requests` : `${settings.duration} s`} at ${load.connections ?? settings.connections} connections${settings.rounds > 1 ? `, round ${round}` : ''}`);
        runs[target.name].push(await measure({ db, pgPid, target, load }));
        lastLoadEnd = Date.now();
      }
    }
    // Each target's median round; rounds that other processes disturbed are left out while a calm
    // one remains. Errors and non-2xx responses flag the result whatever the round.
    const targets = Object.values(runs).map((all) => {
      const round = (i, text) => (all.length > 1 ? `round ${i + 1}: ${text}` : text);
      const calm = all.filter((m) => !m.disturbance);
      const chosen = calm.length ? calm : all;
      const median = [...chosen].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[(chosen.length - 1) >> 1];
      const problems = all.flatMap((m, i) => [...m.problems, ...(calm.length ? [] : [m.disturbance])].map((p) => round(i, p)));
      const leftOut = calm.length ? all.flatMap((m, i) => (m.disturbance ? [round(i, `${m.disturbance}; left out`)] : [])) : [];
      const rounds = all.map(({ requestsPerSecond, latencyMs, perRequest, memory, otherProcessesCpuPercent }) => ({ requestsPerSecond, latencyMs, perRequest, memory, otherProcessesCpuPercent }));
      const { disturbance, ...rest } = median;
      // The peak memory of every round counts, not only the median round's.
      const peak = Math.max(...all.map((m) => m.memory?.peakRssMiB ?? 0));
      return { ...rest, memory: rest.memory ? { ...rest.memory, peakRssMiB: peak } : null, problems, leftOut, flagged: problems.length > 0, ...(all.length > 1 ? { rounds } : {}) };
    });
    if (baseline) {
      await baseline.stop();
      cleanups.splice(cleanups.indexOf(stopBaseline), 1);
    }

    const [api, raw] = targets;
    results.push({
      scenario: scenario.name,
      title: scenario.title,
      request: { method: load.requests[0].method ?? 'GET', path: load.requests[0].path },
      load: { distinctRequests: load.requests.length, amount: load.amount ?? null, connections: load.connections ?? settings.connections, note: load.note ?? null },
      generationMs: data.generationMs,
      startedAt: startedAt.toISOString(),
      settings: { ...settings, databasePoolSize: POOL_SIZE },
      source,
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), os: `${os.type()} ${os.release()}`, node: process.version, postgres: postgresVersion, busyPercentBefore: busy },
      data: await tableCounts(db),
      targets,
      ratio: raw
        ? {
            requestsPerSecond: Number((api.requestsPerSecond / raw.requestsPerSecond).toFixed(3)),
            latencyP50: Number((api.latencyMs.p50 / raw.latencyMs.p50).toFixed(3)),
            latencyP99: Number((api.latencyMs.p99 / raw.latencyMs.p99).toFixed(3)),
          }
        : null,
      flagged: targets.some((t) => t.flagged),
      notes,
    });
  }

  printTable(results);
  console.log(JSON.stringify(results, null, 2));
  if (opt.json) {
    fs.mkdirSync(path.dirname(path.resolve(opt.json)), { recursive: true });
    fs.writeFileSync(opt.json, `${JSON.stringify(results, null, 2)}\n`);
    log(`wrote ${opt.json}`);
  } else {
    const stamp = `${startedAt.toISOString().slice(0, 19).replace(/:/g, '-')}Z`;
    for (const r of results) {
      const file = path.join(root, 'bench', 'results', `${stamp}-${r.scenario}.json`);
      fs.writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
      log(`wrote ${path.relative(root, file)}`);
    }
  }
  return results.some((r) => r.flagged) ? 2 : 0;
}

main().then(
  (code) => shutdown(code),
  (e) => {
    if (!shuttingDown) console.error(`[bench] ${e?.stack ?? e}`);
    void shutdown(1);
  },
);
