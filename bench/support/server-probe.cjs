'use strict';
// Preloaded into a server under test (node -r). Over the IPC channel it
// answers `memory` with the process's memory after a full GC (so heap figures
// are what is live, not what the collector has not reached yet), `cpu` with
// the CPU time the process has used so far, `gc` with the collector's pauses
// since the last `gc` question, `gcIntervals` with when each pause began and
// ended (epoch ms, as the bench clients stamp lines) since the last such
// question, and `exit` with a normal exit, which is what makes `--cpu-prof`
// write its profile.
const { PerformanceObserver, constants, monitorEventLoopDelay } = require('node:perf_hooks');

/** How late timers fire, sampled every millisecond: how long the event loop was held. */
let delay = startDelayMonitor();

function startDelayMonitor() {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  return histogram;
}

/** Pauses by kind since the last report: minor (scavenge) and major (mark-compact and its steps). */
let pauses = freshPauses();

/**
 * [start, end, start, end, …] of each pause since the last `gcIntervals`, at most 100 000; kept
 * only once a scenario has asked (null before), so no other run holds them in the server's heap.
 */
let intervals = null;
const MAX_INTERVAL_NUMBERS = 200_000;

function freshPauses() {
  return { minor: [], major: [] };
}

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const minor = entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR;
    (minor ? pauses.minor : pauses.major).push(entry.duration);
    if (intervals !== null && intervals.length < MAX_INTERVAL_NUMBERS) {
      const start = performance.timeOrigin + entry.startTime;
      intervals.push(start, start + entry.duration);
    }
  }
}).observe({ entryTypes: ['gc'] });

const answers = {
  memory() {
    if (typeof global.gc === 'function') global.gc();
    return { usage: process.memoryUsage() };
  },
  cpu() {
    return { usage: process.cpuUsage() };
  },
  gc() {
    const report = pauses;
    pauses = freshPauses();
    return { pauses: report };
  },
  gcIntervals() {
    const report = intervals ?? [];
    intervals = [];
    return { intervals: report };
  },
  // Event-loop delay since the last question, ms (the histogram counts nanoseconds).
  delay() {
    const report = {
      p50: delay.percentile(50) / 1e6,
      p99: delay.percentile(99) / 1e6,
      max: delay.max / 1e6,
    };
    delay.disable();
    delay = startDelayMonitor();
    return { delay: report };
  },
};

if (process.send) {
  process.on('message', (message) => {
    if (!message || typeof message.probe !== 'string') return;
    if (message.probe === 'exit') process.exit(0);
    const answer = answers[message.probe];
    if (answer) process.send({ probe: message.probe, ...answer() });
  });
  // The IPC channel must not keep a server alive.
  process.channel?.unref();
}
