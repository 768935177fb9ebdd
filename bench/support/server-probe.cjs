'use strict';
// Preloaded into a server under test (node -r). Over the IPC channel it
// answers `memory` with the process's memory after a full GC (so heap figures
// are what is live, not what the collector has not reached yet) and `exit`
// with a normal exit, which is what makes `--cpu-prof` write its profile.
if (process.send) {
  process.on('message', (message) => {
    if (!message || typeof message.probe !== 'string') return;
    if (message.probe === 'exit') {
      process.exit(0);
    }
    if (message.probe === 'memory') {
      if (typeof global.gc === 'function') global.gc();
      process.send({ probe: 'memory', usage: process.memoryUsage() });
    }
  });
  // The IPC channel must not keep a server alive.
  process.channel?.unref();
}
