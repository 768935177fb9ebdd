import request from 'supertest';
import { collectLogs, connectLogs, LogsClient, subscribe } from '../test/support/logs-client';
import { RunningRedis, startRedis } from '@redtail/testing';
import { RunningApp } from '../test/support/start-app';
import {
  API_BUNDLE,
  apiBundleBuilt,
  eventually,
  NodeProcess,
  startNode,
  startNodeProcess,
} from './support/cluster';

if (!apiBundleBuilt()) {
  console.warn(`crash.cluster-spec: skipped, ${API_BUNDLE} is missing (run \`npx nx build api\`)`);
}
const describeWithBundle = apiBundleBuilt() ? describe : describe.skip;

describeWithBundle('a node process killed with SIGKILL', () => {
  let redis: RunningRedis;
  let nodeA: NodeProcess;
  let nodeB: RunningApp;
  let nodeC: RunningApp;
  let viewer: LogsClient | undefined;

  beforeAll(async () => {
    redis = await startRedis();
    nodeA = await startNodeProcess(redis.url, 'node-a');
    nodeB = await startNode(redis.url, 'node-b');
    nodeC = await startNode(redis.url, 'node-c');
  });

  afterAll(async () => {
    viewer?.disconnect();
    if (nodeA?.child.exitCode === null && nodeA.child.signalCode === null) {
      nodeA.child.kill('SIGKILL');
    }
    await Promise.all([nodeB?.close(), nodeC?.close()]);
    await redis?.stop();
  });

  it('leaves B streaming entries posted to C, and drops out of the node count', async () => {
    viewer = await connectLogs(nodeB.url);
    await subscribe(viewer);
    const fromA = collectLogs(viewer, 1);
    await request(nodeA.url).post('/logs').send({ level: 'info', message: 'A is in' }).expect(201);
    expect((await fromA)[0].message).toBe('A is in');
    await eventually(async () =>
      expect((await request(nodeC.url).get('/logs/metrics')).body.cluster.nodes).toBe(3),
    );

    const exited = new Promise((resolve) => nodeA.child.once('exit', resolve));
    nodeA.child.kill('SIGKILL');
    expect(await exited).toBeNull();

    const arriving = collectLogs(viewer, 3);
    const posted: string[] = [];
    for (const n of [1, 2, 3]) {
      const { body } = await request(nodeC.url)
        .post('/logs')
        .send({ level: 'error', message: `payment ${n} failed for dave@example.com` })
        .expect(201);
      posted.push(body.id);
    }
    const received = await arriving;
    expect(received.map((entry) => entry.id)).toEqual(posted);
    for (const entry of received) expect(entry.message).not.toContain('dave@example.com');
    const page = await request(nodeB.url).get('/logs').query({ limit: 3 }).expect(200);
    expect(page.body.entries.map((entry: { id: string }) => entry.id)).toEqual(
      [...posted].reverse(),
    );
    await eventually(async () => {
      const { body } = await request(nodeB.url).get('/logs/metrics').expect(200);
      expect(body.cluster.nodes).toBe(2);
    }, 10_000);
  });
});
