// CPU time spent by a process, or by a PostgreSQL cluster (the postmaster and all its backends),
// read from /proc (Linux). On the benchmark machine the load generator, the server and the
// database share the cores, so CPU per request says more than requests per second alone.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

let tick = 0;
/** Milliseconds per clock tick (USER_HZ, almost always 100 Hz). */
function msPerTick() {
  if (!tick) {
    try {
      tick = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    } catch {
      tick = 10;
    }
  }
  return tick;
}

/** Fields of /proc/<pid>/stat after the command name: [0] state, [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime. */
function stat(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).split(' ').map(Number);
  } catch {
    return null;
  }
}

export const cpuSupported = () => stat(process.pid) !== null;

/** CPU milliseconds (user + system, all threads) used so far by one process; null if unknown. */
export function processCpuMs(pid) {
  const f = stat(pid);
  return f ? (f[11] + f[12]) * msPerTick() : null;
}

/**
 * CPU milliseconds used so far by a process and all its children, living or exited (exited
 * children are in the parent's cutime/cstime once reaped, which the postmaster does at once).
 */
export function treeCpuMs(pid) {
  const root = stat(pid);
  if (!root) return null;
  let ticks = root[11] + root[12] + root[13] + root[14];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = stat(entry);
    if (f && f[1] === pid) ticks += f[11] + f[12];
  }
  return ticks * msPerTick();
}

/**
 * CPU milliseconds the machine's processes have used (all cores: user, nice, system, steal).
 * Interrupt and softirq time (much of the loopback network work) is left out: no process is
 * charged for it, so it could not be told apart from other processes' work.
 */
export function machineCpuMs() {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , , , steal] = f;
    return (user + nice + system + steal) * msPerTick();
  } catch {
    return null;
  }
}
