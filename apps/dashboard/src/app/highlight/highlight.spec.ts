import { TestBed } from '@angular/core/testing';
import { Highlight } from './highlight';

describe('Highlight', () => {
  it('marks masks and matches without changing the text', async () => {
    const fixture = TestBed.createComponent(Highlight);
    fixture.componentRef.setInput('text', 'login by [EMAIL] failed');
    fixture.componentRef.setInput('query', 'fail');
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    expect(host.textContent).toBe('login by [EMAIL] failed');
    expect(host.querySelector('.mask')?.textContent).toBe('[EMAIL]');
    expect(host.querySelector('mark')?.textContent).toBe('fail');
  });
});
