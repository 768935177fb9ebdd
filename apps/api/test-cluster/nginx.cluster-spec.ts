import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { collectLogs, connectLogs, LogsClient, subscribe } from '../test/support/logs-client';
import { NGINX_TEMPLATE, nginxInstalled, RunningNginx, startNginx } from '../test/support/nginx';
import { StreamClient } from '../test/support/stream-client';
import { RunningCluster, startCluster } from './support/cluster';

const SCALING_DOC = join(__dirname, '../../../docs/scaling.md');

if (!nginxInstalled()) {
  console.warn(
    'nginx.cluster-spec: skipped, nginx is not installed (apt-get install nginx-light); .ci/run installs it',
  );
}
const describeWithNginx = nginxInstalled() ? describe : describe.skip;

describeWithNginx('two nodes behind the documented nginx config', () => {
  let cluster: RunningCluster;
  let nginx: RunningNginx;
  const sockets: LogsClient[] = [];
  const connect = async (transports: ('polling' | 'websocket')[]) => {
    const socket = await connectLogs(nginx.url, { transports });
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    cluster = await startCluster(2);
    nginx = await startNginx(cluster.nodes.map((node) => new URL(node.url).host));
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });

  afterAll(async () => {
    await nginx?.stop();
    await cluster?.stop();
  });

  it('is the config docs/scaling.md quotes', () => {
    const doc = readFileSync(SCALING_DOC, 'utf8');
    const quoted = /```nginx\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(quoted).toBe(readFileSync(NGINX_TEMPLATE, 'utf8'));
  });

  it.each([
    ['WebSocket', ['websocket'] as const],
    ['long-polling upgraded to WebSocket', ['polling', 'websocket'] as const],
    ['long-polling only (sticky to one node)', ['polling'] as const],
  ])(
    'streams masked entries posted through nginx or to either node to a %s dashboard',
    async (_name, transports) => {
      const viewer = await connect([...transports]);
      const settled = transports[transports.length - 1];
      if (viewer.io.engine.transport.name !== settled) {
        await new Promise<void>((resolve) => viewer.io.engine.once('upgrade', () => resolve()));
      }
      expect(viewer.io.engine.transport.name).toBe(settled);
      expect(await subscribe(viewer)).toMatchObject({ ok: true });

      const arriving = collectLogs(viewer, 3);
      const posted: string[] = [];
      for (const target of [nginx.url, ...cluster.nodes.map((node) => node.url)]) {
        const { body } = await request(target)
          .post('/logs')
          .send({ level: 'warn', message: `login by carol@example.com via ${target}` })
          .expect(201);
        posted.push(body.id);
      }

      const received = await arriving;
      expect(received.map((entry) => entry.id).sort()).toEqual([...posted].sort());
      for (const entry of received) expect(entry.message).not.toContain('carol@example.com');
      const page = await request(nginx.url).get('/logs').query({ limit: 3 }).expect(200);
      expect(page.body.entries.map((entry: { id: string }) => entry.id).sort()).toEqual(
        [...posted].sort(),
      );
    },
  );

  it('passes POST /logs/stream through unbuffered: each line is acknowledged before the body ends', async () => {
    const client = StreamClient.open(nginx.url, { 'X-Redtail-Stream-Id': 'through-nginx' });
    client.send(JSON.stringify({ level: 'info', message: 'streamed by dave@example.com' }));
    await client.waitForAck(1);
    client.send(JSON.stringify({ level: 'info', message: 'second line' }));
    await client.waitForAck(2);
    client.end();
    await client.ended;
    expect(client.status).toBe(200);
    expect(client.records.at(-1)).toEqual({ ack: 2 });
    const page = await request(nginx.url).get('/logs').query({ limit: 10 }).expect(200);
    const messages = page.body.entries.map((entry: { message: string }) => entry.message);
    expect(messages).toEqual(expect.arrayContaining(['second line']));
    expect(JSON.stringify(messages)).not.toContain('dave@example.com');
  });
});
