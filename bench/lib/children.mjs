// The servers under test run in child processes, so that the load generator and the server never
// share an event loop. Every child started here is remembered and stopped for sure: politely
// (SIGTERM) by stopChild(), or with SIGKILL by killChildrenNow() when the runner is exiting.
import { spawn } from 'node:child_process';
import net from 'node:net';

/** @type {Set<import('node:child_process').ChildProcess>} */
const live = new Set();

/**
 * @typedef {{ name: string, pid: number, port: number, url: string,
 *   output: () => string, exited: () => boolean, stop: () => Promise<void> }} Child
 */

/**
 * Start `node [nodeArgs] script [args]` and resolve once it accepts TCP connections on `port`
 * (127.0.0.1). Rejects with the child's last output when it exits or is not ready in time.
 * @returns {Promise<Child>}
 */
export async function startChild({ name, script, args = [], nodeArgs = [], env, port, readyTimeoutMs = 60_000 }) {
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let out = '';
  const keep = (d) => {
    out = (out + d).slice(-6000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.on('error', (e) => keep(`\n${e.message}`));
  const handle = {
    name,
    pid: /** @type {number} */ (child.pid),
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => out,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    stop: () => stopChild(child),
  };
  const deadline = Date.now() + readyTimeoutMs;
  while (!(await accepts(port))) {
    if (handle.exited()) throw new Error(`${name} exited while starting (code ${child.exitCode ?? child.signalCode}):\n${out.trim()}`);
    if (Date.now() > deadline) {
      await handle.stop();
      throw new Error(`${name} did not listen on port ${port} within ${readyTimeoutMs / 1000} s:\n${out.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return handle;
}

function accepts(port) {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** SIGTERM, then SIGKILL after `graceMs`. */
export async function stopChild(child, graceMs = 5000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(t);
}

/** Last resort on exit: SIGKILL whatever is still running (synchronous, usable in process.on('exit')). */
export function killChildrenNow() {
  for (const c of live) c.kill('SIGKILL');
}
