'use strict';
// Preloaded into a server under test (node -r). Over the IPC channel it
// answers `memory` with the process's memory after a full GC (so heap figures
// are what is live, not what the collector has not reached yet), `cpu` with
// the CPU time the process has used so far, `gc` with the collector's pauses
// since the last `gc` question, and `exit` with a normal exit, which is what
// makes `--cpu-prof` write its profile.
const { PerformanceObserver, constants } = require('node:perf_hooks');

/** Pauses by kind since the last report: minor (scavenge) and major (mark-compact and its steps). */
let pauses = freshPauses();

function freshPauses() {
  return { minor: [], major: [] };
}

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const minor = entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR;
    (minor ? pauses.minor : pauses.major).push(entry.duration);
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
