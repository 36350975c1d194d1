/** CPU time a child process has used, for costs per request that machine noise moves far less than latency. */
import * as fs from 'node:fs';

/** utime + stime of a process in seconds (Linux: fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 1/100 s); null elsewhere. */
export function cpuSecondsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** Milliseconds of CPU per request between two readings, rounded to 0.01; null when either is unknown. */
export function cpuMsPerRequest(before: number | null, after: number | null, requests: number): number | null {
  return before !== null && after !== null && requests > 0 ? Math.round((100_000 * (after - before)) / requests) / 100 : null;
}
