import { DOCUMENT, NgTemplateOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  output,
  signal,
  untracked,
} from '@angular/core';
import type { LogContext, LogEntry, LogFilter } from '@redtail/contracts';
import { Subscription, switchMap, timer } from 'rxjs';
import { lineLink } from '../logs/line-link';
import { Highlight } from '../highlight/highlight';
import { LogApi } from '../logs/log-api';
import { Clipboard } from '../shared/clipboard';
import { TimeZoneChoice, logTime, timeTitle } from '../shared/log-time';
import { contextFields } from './context-fields';
import { FieldValues } from './field-values';
import { classifyMessage } from './stack-frames';

type ContextState =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'loaded'; context: LogContext }
  | { state: 'failed'; reason: string };

/**
 * Where the pane's entry stands. A live line received without its context (`contextWithheld`) is
 * fetched whole; until it arrives, or when it cannot, the pane says so rather than show no fields.
 */
type WholeState =
  | { state: 'given' }
  | { state: 'loading' }
  | { state: 'loaded'; entry: LogEntry }
  | { state: 'failed'; reason: string };

/** How many entries either side "view in context" asks for. */
const CONTEXT_SIZE = 20;
/**
 * A line received without its context is fetched only once it has been shown this long: moving
 * through the list with j/k (the pane follows) asks for the line stopped on, not every line passed.
 */
export const WHOLE_ENTRY_DELAY_MS = 120;

@Component({
  selector: 'rt-log-detail',
  imports: [Highlight, NgTemplateOutlet, FieldValues],
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
  private readonly document = inject(DOCUMENT);

  readonly entry = input.required<LogEntry>();
  readonly query = input<string | undefined>('');
  readonly zone = input<TimeZoneChoice>('local');
  /** Fields already shown as columns, so they are not offered again. */
  readonly columns = input<readonly string[]>([]);
  /** The view's filter, which a field's values are counted over. */
  readonly filter = input<LogFilter>({});
  /** How a link names this line (`line=`): its id, and the epoch's tag once known. */
  readonly lineParam = input<string | null>(null);
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
    time.title = timeTitle(this.shown().timestamp, Date.now());
  }

  /** Starts over with each entry, so nothing fetched for the previous one is ever shown. */
  private readonly whole = linkedSignal<LogEntry, WholeState>({
    source: this.entry,
    computation: (entry) => ({ state: entry.contextWithheld ? 'loading' : 'given' }),
  });
  /** What the pane shows and copies: the whole entry once fetched, else the one given. */
  protected readonly shown = computed(() => {
    const whole = this.whole();
    return whole.state === 'loaded' ? whole.entry : this.entry();
  });
  protected readonly fieldsLoading = computed(() => this.whole().state === 'loading');
  protected readonly fieldsProblem = computed(() => {
    const whole = this.whole();
    return whole.state === 'failed' ? whole.reason : null;
  });
  protected readonly lines = computed(() => classifyMessage(this.shown().message));
  protected readonly fields = computed(() => contextFields(this.shown()));
  protected readonly copied = signal<'idle' | 'copied' | 'linked' | 'failed'>('idle');
  /** The field whose values in the view are shown; null when none is. */
  protected readonly valuesOf = signal<string | null>(null);
  protected readonly context = signal<ContextState>({ state: 'idle' });
  protected readonly maskBadges = computed(() =>
    Object.entries(this.shown().masked ?? {})
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
  private wholeRequest: Subscription | null = null;

  constructor() {
    effect(() => {
      const entry = this.entry();
      untracked(() => {
        this.request?.unsubscribe();
        this.context.set({ state: 'idle' });
        this.copied.set('idle');
        this.valuesOf.set(null);
        this.fetchWholeIfWithheld(entry);
      });
    });
    inject(DestroyRef).onDestroy(() => {
      this.request?.unsubscribe();
      this.wholeRequest?.unsubscribe();
    });
  }

  private fetchWholeIfWithheld(entry: LogEntry): void {
    this.wholeRequest?.unsubscribe();
    this.wholeRequest = null;
    if (!entry.contextWithheld) return;
    this.wholeRequest = timer(WHOLE_ENTRY_DELAY_MS)
      .pipe(switchMap(() => this.api.entry(entry.id)))
      .subscribe({
        next: (whole) => this.whole.set({ state: 'loaded', entry: whole }),
        error: (error: { status?: number }) =>
          this.whole.set({
            state: 'failed',
            reason:
              error.status === 404
                ? "This entry's fields are no longer stored (evicted or wiped)."
                : "This entry's fields could not be loaded.",
          }),
      });
  }

  /** Until the whole entry is known, the copy keeps `contextWithheld`: it says what is missing. */
  protected async copyJson(): Promise<void> {
    const ok = await this.clipboard.copy(JSON.stringify(this.shown(), null, 2));
    this.copied.set(ok ? 'copied' : 'failed');
  }

  /** A link to this line with the view around it; whoever opens it signs in with their own key. */
  protected async copyLink(): Promise<void> {
    const link = lineLink(this.document.location.href, this.lineParam() ?? this.entry().id);
    this.copied.set((await this.clipboard.copy(link)) ? 'linked' : 'failed');
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
