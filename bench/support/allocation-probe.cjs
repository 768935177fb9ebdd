'use strict';
// Preloaded into a server under test when BENCH_SERVER_ALLOCATIONS names a file: V8's sampling
// heap profiler records every allocation, garbage included (what a scavenge collects is what
// makes the collector run), from BENCH_ALLOCATIONS_FROM seconds after start (default 5) for
// BENCH_ALLOCATIONS_FOR seconds (default 5), then writes the profile to that file. Read it with
// `npm run bench:read-allocations -- <file>`. Sampling costs the server CPU: an investigation
// tool, never part of a recorded run. `%p` in the file name becomes the server's PID, for
// scenarios that start more than one server.
const { Session } = require('node:inspector');
const { writeFileSync } = require('node:fs');

const out = process.env.BENCH_SERVER_ALLOCATIONS?.replace('%p', String(process.pid));
const fromMs = Number(process.env.BENCH_ALLOCATIONS_FROM ?? 5) * 1000;
const forMs = Number(process.env.BENCH_ALLOCATIONS_FOR ?? 5) * 1000;
// One sample per 512 bytes allocated on average: fine enough for per-entry objects.
const SAMPLING_INTERVAL = 512;

if (out) {
  const session = new Session();
  session.connect();
  setTimeout(() => {
    session.post('HeapProfiler.enable');
    session.post('HeapProfiler.startSampling', {
      samplingInterval: SAMPLING_INTERVAL,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    setTimeout(() => {
      session.post('HeapProfiler.stopSampling', (error, result) => {
        if (error) {
          process.stderr.write(`allocation profile failed: ${error.message}\n`);
          return;
        }
        writeFileSync(out, JSON.stringify(result.profile));
      });
    }, forMs).unref();
  }, fromMs).unref();
}
