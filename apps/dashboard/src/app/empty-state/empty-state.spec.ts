import { TestBed } from '@angular/core/testing';
import { Clipboard } from '../shared/clipboard';
import { EmptyState, curlExample } from './empty-state';

describe('EmptyState', () => {
  it('offers a copyable curl line for this host', async () => {
    const copied: string[] = [];
    TestBed.configureTestingModule({
      providers: [
        { provide: Clipboard, useValue: { copy: async (t: string) => copied.push(t) > 0 } },
      ],
    });
    const fixture = TestBed.createComponent(EmptyState);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    expect(host.querySelector('code')?.textContent).toBe(curlExample(location.origin));
    expect(curlExample('http://h:1')).toContain('curl -X POST http://h:1/logs');

    host.querySelector('button')?.click();
    await fixture.whenStable();
    expect(copied).toEqual([curlExample(location.origin)]);
  });

  it('explains an empty filtered view instead', async () => {
    const fixture = TestBed.createComponent(EmptyState);
    fixture.componentRef.setInput('filtered', true);
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('No lines match');
  });
});
