import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import type { LogFilter } from '@redtail/contracts';
import { count } from '../shared/format';
import { Clock } from '../shared/clock';
import { ago } from '../shared/log-time';
import { withoutRange } from '../volume/time-range';
import { describeFilter, MAX_WATCH_NAME, MAX_WATCHES } from './watch-definitions';
import { WatchState, WatchStore } from './watch-store';

/**
 * The top bar's **Watches** button and its panel: watch the view's filter, see what matched
 * since, open a watch's lines in the view, and turn desktop notifications on.
 */
@Component({
  selector: 'rt-watches-menu',
  templateUrl: './watches-menu.html',
  styleUrl: './watches-menu.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '(document:keydown.escape)': 'close()',
    '(document:click)': 'closeOutside($event)',
  },
})
export class WatchesMenu {
  protected readonly store = inject(WatchStore);
  private readonly host = inject(ElementRef<HTMLElement>);
  private readonly clock = inject(Clock);

  /** The main view's filter, which "Watch this view" saves. */
  readonly filter = input.required<LogFilter>();
  /** The server refused the view's pattern: a watch of it would be refused too. */
  readonly patternRefused = input(false);
  /** A watch's lines were asked for: the page shows its filter. */
  readonly show = output<LogFilter>();

  protected readonly open = signal(false);
  protected readonly name = signal('');
  protected readonly problem = signal<string | null>(null);
  protected readonly maxName = MAX_WATCH_NAME;
  protected readonly maxWatches = MAX_WATCHES;
  protected readonly count = count;

  protected readonly suggestedName = computed(() => describeFilter(withoutRange(this.filter())));
  /** Why the view cannot be watched as it is; null when it can. */
  protected readonly cannotWatch = computed(() => {
    const refused = this.store.refusal(this.filter());
    if (refused || !this.patternRefused()) return refused;
    return 'The server refused this view’s pattern: correct it, then watch the view.';
  });
  protected readonly notifyNote = computed(() => {
    if (!this.store.notify()) return null;
    switch (this.store.permission()) {
      case 'denied':
        return 'Blocked by the browser for this site: allow notifications in its settings.';
      case 'unsupported':
        return 'This browser cannot show them here (they need HTTPS or localhost).';
      case 'default':
        return 'Waiting for the browser’s permission.';
      default:
        return null;
    }
  });

  protected toggle(): void {
    this.problem.set(null);
    this.open.update((open) => !open);
  }

  protected close(): void {
    this.open.set(false);
  }

  protected closeOutside(event: MouseEvent): void {
    const element = this.host.nativeElement as HTMLElement;
    if (event.target instanceof Node && element.contains(event.target)) return;
    this.open.set(false);
  }

  protected onName(event: Event): void {
    this.name.set((event.target as HTMLInputElement).value);
  }

  protected watchView(event: Event): void {
    event.preventDefault();
    const result = this.store.add(this.filter(), this.name());
    if (!result.ok) {
      this.problem.set(result.reason);
      return;
    }
    this.problem.set(null);
    this.name.set('');
  }

  protected showWatch(watch: WatchState): void {
    this.store.acknowledge(watch.definition.id);
    this.show.emit(watch.definition.filter);
    this.open.set(false);
  }

  protected remove(watch: WatchState): void {
    this.store.remove(watch.definition.id);
  }

  protected onNotify(event: Event): void {
    void this.store.setNotify((event.target as HTMLInputElement).checked);
  }

  protected matchedAgo(watch: WatchState): string {
    // The clock ticks once a second; a match newer than its last tick is "just now", not "in 1 s".
    return watch.lastMatchAt === null
      ? ''
      : ago(watch.lastMatchAt, Math.max(this.clock.now(), watch.lastMatchAt));
  }
}
