import { NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import type { LogContext, LogEntry } from '@redtail/contracts';
import { Subscription } from 'rxjs';
import { Highlight } from '../highlight/highlight';
import { LogApi } from '../logs/log-api';
import { Clipboard } from '../shared/clipboard';
import { TimeZoneChoice, logTime, timeTitle } from '../shared/log-time';
import { contextFields } from './context-fields';
import { classifyMessage } from './stack-frames';

type ContextState =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'loaded'; context: LogContext }
  | { state: 'failed'; reason: string };

/** How many entries either side "view in context" asks for. */
const CONTEXT_SIZE = 20;

@Component({
  selector: 'rt-log-detail',
  imports: [Highlight, NgTemplateOutlet],
  templateUrl: './log-detail.html',
  styleUrl: './log-detail.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    role: 'region',
    'aria-label': 'Log entry details',
    '(keydown.escape)': 'closed.emit()',
  },
})
export class LogDetail {
  private readonly api = inject(LogApi);
  private readonly clipboard = inject(Clipboard);

  readonly entry = input.required<LogEntry>();
  readonly query = input<string | undefined>('');
  readonly zone = input<TimeZoneChoice>('local');
  /** Fields already shown as columns, so they are not offered again. */
  readonly columns = input<readonly string[]>([]);
  readonly closed = output<void>();
  readonly addColumn = output<string>();
  /** A `path=value` condition to add to the filter. */
  readonly addCondition = output<string>();
  /** Another entry picked from the context list. */
  readonly picked = output<LogEntry>();

  protected readonly time = (iso: string) => logTime(iso, this.zone(), Date.now());
  protected readonly timeTitle = (iso: string) => timeTitle(iso, Date.now());

  /** "3 min ago" is written again when the pointer arrives, so it is never stale. */
  protected refreshTitle(event: Event): void {
    const time = event.target as HTMLElement;
    time.title = timeTitle(this.entry().timestamp, Date.now());
  }
  protected readonly lines = computed(() => classifyMessage(this.entry().message));
  protected readonly fields = computed(() => contextFields(this.entry()));
  protected readonly copied = signal<'idle' | 'copied' | 'failed'>('idle');
  protected readonly context = signal<ContextState>({ state: 'idle' });
  protected readonly maskBadges = computed(() =>
    Object.entries(this.entry().masked ?? {})
      .filter((pair): pair is [string, number] => (pair[1] ?? 0) > 0)
      .map(([type, times]) => ({ type, times })),
  );
  protected readonly around = computed(() => {
    const context = this.context();
    return context.state === 'loaded' ? context.context : null;
  });
  protected readonly contextProblem = computed(() => {
    const context = this.context();
    return context.state === 'failed' ? context.reason : null;
  });
  private request: Subscription | null = null;

  constructor() {
    effect(() => {
      this.entry();
      untracked(() => {
        this.request?.unsubscribe();
        this.context.set({ state: 'idle' });
        this.copied.set('idle');
      });
    });
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  protected async copyJson(): Promise<void> {
    const ok = await this.clipboard.copy(JSON.stringify(this.entry(), null, 2));
    this.copied.set(ok ? 'copied' : 'failed');
  }

  protected showContext(): void {
    this.request?.unsubscribe();
    this.context.set({ state: 'loading' });
    this.request = this.api.context(this.entry().id, CONTEXT_SIZE).subscribe({
      next: (context) => this.context.set({ state: 'loaded', context }),
      error: (error: { status?: number }) =>
        this.context.set({
          state: 'failed',
          reason:
            error.status === 404
              ? 'This entry is no longer stored (evicted or wiped).'
              : 'The surrounding entries could not be loaded.',
        }),
    });
  }
}
