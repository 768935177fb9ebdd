import { clusterSnapshot, NodeFigures, SharedFigures } from './cluster-metrics';

const node: NodeFigures = {
  nodeId: 'node-a',
  epoch: 2,
  lockdown: false,
  panicCount: 1,
  lastPanicAt: null,
  persistentRedis: false,
  nodeReceived: 4,
  nodeViewers: 1,
  uptimeSeconds: 9,
};

function shared(overrides: Partial<SharedFigures> = {}): SharedFigures {
  return {
    counters: {},
    services: {},
    history: Array.from({ length: 61 }, () => 0),
    storedEntries: 0,
    storedBytes: 0,
    nodes: 2,
    viewers: 3,
    ...overrides,
  };
}

describe('clusterSnapshot', () => {
  it('turns the shared counters into cluster totals and keeps the node’s own figures apart', () => {
    const snapshot = clusterSnapshot(
      shared({
        counters: {
          total: '10',
          'level:error': '3',
          'mask:EMAIL': '2',
          rejected: '1',
          lastLogAt: '0',
        },
        services: { billing: '7', core: '3' },
        storedEntries: 8,
      }),
      node,
    );
    expect(snapshot).toMatchObject({
      totalReceived: 10,
      perService: { billing: 7, core: 3 },
      maskedPerType: { EMAIL: 2 },
      rejected: 1,
      evicted: 2,
      storedEntries: 8,
      viewers: 3,
      lastLogAt: '1970-01-01T00:00:00.000Z',
      cluster: { nodeId: 'node-a', nodes: 2, nodeReceived: 4, nodeViewers: 1 },
    });
    expect(snapshot.perLevel.error).toBe(3);
    expect(snapshot.perLevel.info).toBe(0);
  });

  it('reports whole seconds only: the current, still-filling second is left out of the rate', () => {
    const history = Array.from({ length: 61 }, (_, i) => (i === 59 ? 6 : i === 60 ? 99 : 0));
    const { rate } = clusterSnapshot(shared({ history }), node);
    expect(rate.lastSecond).toBe(6);
    expect(rate.history).toHaveLength(60);
    expect(rate.lastMinute).toBeCloseTo(0.1);
  });

  it('sums services beyond the top 20 under (other)', () => {
    const services = Object.fromEntries(
      Array.from({ length: 25 }, (_, i) => [`svc-${i}`, String(100 - i)]),
    );
    const { perService } = clusterSnapshot(shared({ services }), node);
    expect(Object.keys(perService)).toHaveLength(21);
    expect(perService['(other)']).toBe(76 + 77 + 78 + 79 + 80);
  });
});
