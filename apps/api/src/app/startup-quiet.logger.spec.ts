import { ConsoleLogger } from '@nestjs/common';
import { StartupQuietLogger } from './startup-quiet.logger';

describe('StartupQuietLogger', () => {
  const printed = jest.spyOn(ConsoleLogger.prototype, 'log').mockImplementation(() => undefined);

  afterEach(() => printed.mockClear());
  afterAll(() => printed.mockRestore());

  it('drops the per-route wiring lines Nest prints at start-up', () => {
    new StartupQuietLogger().log('Mapped {/logs, POST} route', 'RouterExplorer');
    expect(printed).not.toHaveBeenCalled();
  });

  it("keeps Redtail's own start-up lines", () => {
    new StartupQuietLogger().log('Dashboard: http://127.0.0.1:3000/', 'Redtail');
    expect(printed).toHaveBeenCalledWith('Dashboard: http://127.0.0.1:3000/', 'Redtail');
  });
});
