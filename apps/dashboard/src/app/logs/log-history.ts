import { Injectable, computed, inject, signal } from '@angular/core';
import { LogApi } from './log-api';
import { LogStream } from './log-stream';

/** Lines asked for per "Load older". */
export const HISTORY_PAGE = 200;

export type HistoryState = 'idle' | 'loading' | 'exhausted' | 'full' | 'failed';

interface Progress {
  view: number;
  state: HistoryState;
  /** `before` for the next page; null to start from what the stream shows. */
  cursor: number | null;
  loaded: number;
}

/**
 * "Load older": pages back through `GET /logs` from the oldest line shown, with the stream's
 * filter, into the same bounded buffer. Starts over whenever the stream's view does.
 */
@Injectable({ providedIn: 'root' })
export class LogHistory {
  private readonly api = inject(LogApi);
  private readonly stream = inject(LogStream);
  private readonly progress = signal<Progress>({
    view: -1,
    state: 'idle',
    cursor: null,
    loaded: 0,
  });

  private readonly current = computed(() => {
    const progress = this.progress();
    return progress.view === this.stream.view() ? progress : null;
  });
  readonly state = computed<HistoryState>(() => this.current()?.state ?? 'idle');
  /** Older lines added since the view last started over. */
  readonly loaded = computed(() => this.current()?.loaded ?? 0);

  loadOlder(): void {
    const view = this.stream.view();
    const progress = this.current() ?? { view, state: 'idle', cursor: null, loaded: 0 };
    if (progress.state === 'loading' || progress.state === 'exhausted') return;
    const room = this.stream.historyRoom();
    if (room === 0) {
      this.progress.set({ ...progress, state: 'full' });
      return;
    }
    const before = progress.cursor ?? this.stream.historyCursor();
    this.progress.set({ ...progress, state: 'loading' });
    this.api.older(this.stream.activeFilter, before, Math.min(HISTORY_PAGE, room)).subscribe({
      next: (page) => {
        if (this.stream.view() !== view) return;
        const added = this.stream.prependOlder(page.entries);
        const state: HistoryState =
          page.nextBefore === null
            ? 'exhausted'
            : this.stream.historyRoom() === 0
              ? 'full'
              : 'idle';
        this.progress.set({
          view,
          state,
          // When the buffer filled up, the next try starts again from the oldest line kept.
          cursor: state === 'full' ? null : page.nextBefore,
          loaded: progress.loaded + added,
        });
      },
      error: () => {
        if (this.stream.view() === view) this.progress.set({ ...progress, state: 'failed' });
      },
    });
  }
}
