import { Agent, createServer, get, type Server } from 'node:http';
import { LoopbackRelay } from './serving-warmup';

function fetchText(url: string, agent?: Agent): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve(text));
    }).on('error', reject);
  });
}

describe('LoopbackRelay', () => {
  let target: Server;

  beforeEach(() => {
    // Never listens: every connection it serves comes through the relay.
    target = createServer((request, response) => response.end(`served ${request.url}`));
  });
  afterEach(() => target.close());

  it('listens on loopback only, on a port the system picked', async () => {
    const relay = await LoopbackRelay.open(target);
    try {
      expect(relay.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(target.listening).toBe(false);
    } finally {
      await relay.close();
    }
  });

  it('hands its connections to the target server, which answers them', async () => {
    const relay = await LoopbackRelay.open(target);
    try {
      expect(await fetchText(`${relay.url}/logs/stream`)).toBe('served /logs/stream');
    } finally {
      await relay.close();
    }
  });

  it('ends the connections it handed over when it closes, kept-alive ones included', async () => {
    const relay = await LoopbackRelay.open(target);
    const agent = new Agent({ keepAlive: true });
    await fetchText(`${relay.url}/`, agent);
    const [socket] = Object.values(agent.freeSockets).flat();
    expect(socket?.destroyed).toBe(false);
    const closed = new Promise((resolve) => socket?.once('close', resolve));

    await relay.close();

    await closed;
    await expect(fetchText(`${relay.url}/`)).rejects.toThrow(/ECONNREFUSED/);
    agent.destroy();
  });
});
