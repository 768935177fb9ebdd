import { createServer } from 'node:http';
import { Server } from 'socket.io';

/**
 * The two streaming doors issue #19 offers, side by side in one bare process, each doing the
 * same work per line and nothing of Redtail's pipeline: a chunked `POST /logs/stream` (NDJSON
 * in, parsed line by line as chunks arrive, `{"ack":n}` records out) and a Socket.IO `/ingest`
 * namespace taking arrays of entries with an acknowledgement per batch. Both acknowledge at the
 * end of the event-loop turn (`setImmediate`), as the pipeline answers once a turn is stored.
 * `GET /cpu` reports the process's CPU time and lines taken, so a scenario can charge each
 * transport its CPU per line.
 */
let lines = 0;

const http = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/cpu') {
    const usage = process.cpuUsage();
    response.end(JSON.stringify({ cpuMicros: usage.user + usage.system, lines }));
    return;
  }
  if (request.method === 'POST' && request.url === '/logs/stream') {
    response.writeHead(200, { 'content-type': 'application/x-ndjson' });
    response.flushHeaders();
    request.socket.setNoDelay(true);
    request.setEncoding('utf8');
    let pending = '';
    let done = 0;
    let ackScheduled = false;
    request.on('data', (chunk: string) => {
      pending += chunk;
      let from = 0;
      let newline = pending.indexOf('\n', from);
      while (newline >= 0) {
        JSON.parse(pending.slice(from, newline));
        done++;
        lines++;
        from = newline + 1;
        newline = pending.indexOf('\n', from);
      }
      pending = pending.slice(from);
      if (ackScheduled) return;
      ackScheduled = true;
      setImmediate(() => {
        ackScheduled = false;
        response.write(`{"ack":${done}}\n`);
      });
    });
    request.on('end', () => setImmediate(() => response.end()));
    return;
  }
  response.statusCode = request.url === '/' ? 200 : 404;
  response.end();
});

const io = new Server(http, { serveClient: false });
io.of('/ingest').on('connection', (socket) => {
  socket.on('batch', (batch: unknown[], ack: (result: { accepted: number }) => void) => {
    lines += batch.length;
    setImmediate(() => ack({ accepted: batch.length }));
  });
});

http.listen(Number(process.env['PORT']), '127.0.0.1');
