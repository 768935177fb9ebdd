import type { FactoryProvider } from '@angular/core';
import { io } from 'socket.io-client';
import { provideLogSocket } from './socket-io';

jest.mock('socket.io-client', () => ({ io: jest.fn(() => ({})) }));

function openWithBase(baseURI: string, token: string | null): void {
  const provider = provideLogSocket() as FactoryProvider;
  provider.useFactory({ baseURI } as Document)(token);
}

describe('provideLogSocket', () => {
  beforeEach(() => jest.mocked(io).mockClear());

  it('connects to /logs at the root of the host by default, with the token in the handshake', () => {
    openWithBase('http://logs.example.com/', 'k');
    expect(io).toHaveBeenCalledWith(
      '/logs',
      expect.objectContaining({ path: '/socket.io', auth: { token: 'k' } }),
    );
  });

  it('finds Socket.IO under the base path a reverse proxy serves the dashboard at', () => {
    openWithBase('https://example.com/tools/redtail/', null);
    expect(io).toHaveBeenCalledWith(
      '/logs',
      expect.objectContaining({ path: '/tools/redtail/socket.io', auth: {} }),
    );
  });
});
