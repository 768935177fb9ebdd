import { TestBed } from '@angular/core/testing';
import { ConnectionIndicator } from './connection-indicator';

describe('ConnectionIndicator', () => {
  it.each([
    ['connected', 'Connected'],
    ['reconnecting', 'Reconnecting…'],
    ['offline', 'Offline'],
  ] as const)('labels the %s state', async (state, label) => {
    const fixture = TestBed.createComponent(ConnectionIndicator);
    fixture.componentRef.setInput('state', state);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    expect(host.textContent).toContain(label);
    expect(host.getAttribute('data-state')).toBe(state);
    expect(host.getAttribute('role')).toBe('status');
  });
});
