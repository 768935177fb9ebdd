import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { serverUrl } from '../shared/base-path';
import { Clipboard } from '../shared/clipboard';

/** The first thing a new user sees: how to send a log to this very server. */
export function curlExample(server: string): string {
  return (
    `curl -X POST ${server}/logs -H 'Authorization: Bearer <ingest-key>' ` +
    `-H 'Content-Type: application/json' ` +
    `-d '{"level":"info","service":"hello","message":"Hello from curl"}'`
  );
}

@Component({
  selector: 'rt-empty-state',
  template: `
    @if (filtered()) {
      <p class="title">No lines match these filters yet.</p>
      <p>New lines that match will appear here as they arrive.</p>
    } @else {
      <p class="title">No logs yet.</p>
      <p>Send a first one from a terminal (use an ingest key):</p>
      <pre><code>{{ curl() }}</code></pre>
      <button type="button" (click)="copy()">Copy command</button>
      <span role="status" class="copied">{{ copied() }}</span>
    }
  `,
  styles: `
    :host {
      display: block;
      padding: 1.5rem;
      text-align: center;
      color: var(--rt-muted);
    }
    .title {
      font-size: 1.125rem;
      color: var(--rt-fg);
    }
    pre {
      display: inline-block;
      max-width: 100%;
      padding: 0.6rem 0.8rem;
      text-align: left;
      white-space: pre-wrap;
      word-break: break-all;
      background: var(--rt-code-bg);
      color: var(--rt-fg);
      border-radius: 4px;
    }
    .copied {
      margin-left: 0.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmptyState {
  private readonly clipboard = inject(Clipboard);
  private readonly server = serverUrl(inject(DOCUMENT));

  readonly filtered = input(false);
  protected readonly curl = computed(() => curlExample(this.server));
  protected readonly copied = signal('');

  protected async copy(): Promise<void> {
    const ok = await this.clipboard.copy(this.curl());
    this.copied.set(ok ? 'Copied' : 'Select the command and copy it by hand');
  }
}
