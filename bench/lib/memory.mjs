// Memory of a process from /proc/<pid>/status (Linux): the resident set now (VmRSS) and its peak
// (VmHWM, the "high water mark"). Writing 5 to /proc/<pid>/clear_refs resets the peak to the current
// resident set, so that a peak can be read for one stretch of a long-lived process (the API serves
// every scenario of a run). Where the reset is refused, the peak is the process's since it started,
// and a sampler of VmRSS (every 100 ms) gives the peak of the stretch instead.
import fs from 'node:fs';

/** @returns {{ rssKiB: number, hwmKiB: number } | null} */
export function memoryOf(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN);
    const out = { rssKiB: kib('VmRSS'), hwmKiB: kib('VmHWM') };
    return Number.isFinite(out.rssKiB) ? out : null;
  } catch {
    return null;
  }
}

/** Reset the peak (VmHWM) of a process to its current resident set; false when not allowed or not Linux. */
export function resetPeak(pid) {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * Watch one process from now on: the peak is reset when allowed, and VmRSS is sampled meanwhile.
 * `stop()` returns the peak in MiB (the larger of VmHWM, when it was reset, and the sampled maximum),
 * the resident set at the end, and how the peak was obtained.
 */
export function watchMemory(pid, everyMs = 100) {
  const reset = resetPeak(pid);
  const start = memoryOf(pid);
  let sampled = start?.rssKiB ?? 0;
  const timer = setInterval(() => {
    const m = memoryOf(pid);
    if (m && m.rssKiB > sampled) sampled = m.rssKiB;
  }, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      const end = memoryOf(pid);
      if (!end) return null;
      const peakKiB = Math.max(sampled, end.rssKiB, reset ? end.hwmKiB : 0);
      const mib = (k) => Math.round((k / 1024) * 10) / 10;
      return { peakRssMiB: mib(peakKiB), startRssMiB: start ? mib(start.rssKiB) : null, endRssMiB: mib(end.rssKiB), vmHwmMiB: mib(end.hwmKiB), method: reset ? 'VmHWM reset before, read after (and VmRSS sampled every 100 ms)' : 'VmRSS sampled every 100 ms (VmHWM could not be reset)' };
    },
  };
}
