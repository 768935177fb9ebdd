import { readFileSync } from 'node:fs';

/** Linux counts a thread's CPU time in ticks of 1/100 s (`getconf CLK_TCK`). */
const TICK_MS = 10;

/**
 * CPU time spent so far by this process's main thread, the one that runs the event loop, in
 * milliseconds. Unlike `process.cpuUsage()` it leaves out V8's garbage-collector helpers and
 * libuv's pool, which work beside the loop without holding it. Where `/proc` is missing it falls
 * back to the whole process, which only over-counts.
 */
export function loopCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is first, utime 12th, stime 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  }
}
