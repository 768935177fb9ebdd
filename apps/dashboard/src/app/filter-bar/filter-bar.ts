import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  output,
} from '@angular/core';
import { LOG_LEVELS, LogFilter, LogLevel } from '@redtail/contracts';
import { isFiltered, patternRefusal } from '../logs/log-filter';
import { LogStream } from '../logs/log-stream';
import { count } from '../shared/format';

/** Typing pauses this long before the search is sent, so each keystroke is not a re-subscribe. */
export const SEARCH_DEBOUNCE_MS = 300;

type TextField = 'q' | 'exclude';

@Component({
  selector: 'rt-filter-bar',
  templateUrl: './filter-bar.html',
  styleUrl: './filter-bar.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'search', '[attr.aria-label]': 'label()' },
})
export class FilterBar {
  readonly filter = input.required<LogFilter>();
  /** Counts per level since start-up (or the last panic), from the server's metrics. */
  readonly levelCounts = input<Partial<Record<LogLevel, number>> | null>(null);
  readonly services = input<readonly string[]>([]);
  /** Names the search landmark; a page with two bars names each for its stream. */
  readonly label = input('Filter logs');
  /** Starts the ids of the boxes and the pattern note: unique per bar when a page has two. */
  readonly idPrefix = input('rt');
  readonly filterChange = output<LogFilter>();

  protected readonly levels = LOG_LEVELS;
  protected readonly count = count;
  protected readonly filtered = computed(() => isFiltered(this.filter()));
  protected readonly serviceChoices = computed(() => {
    const chosen = this.filter().services ?? [];
    return [...new Set([...this.services(), ...chosen])].sort();
  });
  protected readonly serviceSummary = computed(() => {
    const chosen = this.filter().services ?? [];
    if (!chosen.length) return 'All services';
    return chosen.length === 1 ? chosen[0] : `${chosen.length} services`;
  });
  /** The server's refusal of a pattern, shown beside the box that holds it. */
  protected readonly refusal = computed(() => patternRefusal(this.stream.error()));
  private readonly stream = inject(LogStream);
  private readonly timers: Partial<Record<TextField, ReturnType<typeof setTimeout>>> = {};

  constructor() {
    inject(DestroyRef).onDestroy(() => this.cancelTyping());
  }

  protected isToggled(level: LogLevel): boolean {
    return this.filter().levels?.includes(level) ?? false;
  }

  protected toggleLevel(level: LogLevel): void {
    const current = this.filter().levels ?? [];
    const levels = current.includes(level)
      ? current.filter((each) => each !== level)
      : LOG_LEVELS.filter((each) => each === level || current.includes(each));
    this.emit({ levels: levels.length ? levels : undefined });
  }

  protected setMinimum(event: Event): void {
    const value = (event.target as HTMLSelectElement).value as LogLevel | '';
    this.emit({ level: value || undefined });
  }

  protected toggleService(service: string, event: Event): void {
    const on = (event.target as HTMLInputElement).checked;
    const current = this.filter().services ?? [];
    const services = on ? [...current, service] : current.filter((each) => each !== service);
    this.emit({ services: services.length ? services : undefined });
  }

  protected typeText(field: TextField, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    clearTimeout(this.timers[field]);
    this.timers[field] = setTimeout(
      () => this.emit({ [field]: value.trim() || undefined }),
      SEARCH_DEBOUNCE_MS,
    );
  }

  protected submitText(field: TextField, event: Event, value: string): void {
    event.preventDefault();
    clearTimeout(this.timers[field]);
    this.emit({ [field]: value.trim() || undefined });
  }

  protected toggleRegex(): void {
    this.emit({ regex: this.filter().regex ? undefined : true });
  }

  protected removeCondition(condition: string): void {
    const where = (this.filter().where ?? []).filter((each) => each !== condition);
    this.emit({ where: where.length ? where : undefined });
  }

  protected clearAll(): void {
    this.cancelTyping();
    this.filterChange.emit({});
  }

  private cancelTyping(): void {
    clearTimeout(this.timers.q);
    clearTimeout(this.timers.exclude);
  }

  private emit(change: Partial<LogFilter>): void {
    const next: LogFilter = { ...this.filter(), ...change };
    for (const key of Object.keys(next) as (keyof LogFilter)[]) {
      if (next[key] === undefined) delete next[key];
    }
    this.filterChange.emit(next);
  }

  /**
   * The service list opens to the right of its summary, unless that would run past the window
   * (the summary sits at the end of a wide filter bar): then it opens to the left.
   */
  protected placeServices(event: Event): void {
    const details = event.target as HTMLDetailsElement;
    details.classList.remove('end');
    if (!details.open) return;
    const list = details.querySelector('fieldset');
    const width = details.ownerDocument.documentElement.clientWidth;
    if (list && list.getBoundingClientRect().right > width) details.classList.add('end');
  }
}
