import {
  ChangeDetectionStrategy,
  computed,
  Component,
  DestroyRef,
  ElementRef,
  afterNextRender,
  effect,
  inject,
  output,
  signal,
  untracked,
} from '@angular/core';
import type { AuditEvent, AuditEventType } from '@redtail/contracts';
import { Subscription } from 'rxjs';
import { LogStream } from '../logs/log-stream';
import { clockTime, count } from '../shared/format';
import { AuditApi } from './audit-api';

const TYPE_LABELS: Record<AuditEventType, string> = {
  'auth-failed': 'Authentication failed',
  forbidden: 'Forbidden',
  'rate-limited': 'Rate limited',
  panic: 'Panic',
  resume: 'Resume',
};

export type AuditState = 'loading' | 'ready' | 'failed';

/** Recent security events for admins, fetched when opened and after every panic or resume. */
@Component({
  selector: 'rt-audit-panel',
  templateUrl: './audit-panel.html',
  styleUrl: './audit-panel.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    role: 'region',
    'aria-labelledby': 'audit-heading',
    '(keydown.escape)': 'closed.emit()',
  },
})
export class AuditPanel {
  private readonly api = inject(AuditApi);
  private readonly stream = inject(LogStream);
  readonly closed = output<void>();

  protected readonly events = signal<readonly AuditEvent[]>([]);
  protected readonly state = signal<AuditState>('loading');
  /** A cluster's trail names the node of each event; a single node's does not. */
  protected readonly fromCluster = computed(() => this.events().some((event) => event.node));
  protected readonly count = count;
  protected readonly time = (iso: string) => clockTime(iso);
  protected readonly label = (type: AuditEventType) => TYPE_LABELS[type] ?? type;
  private request: Subscription | null = null;

  constructor() {
    effect(() => {
      this.stream.securityEvents();
      untracked(() => this.refresh());
    });
    const host = inject(ElementRef<HTMLElement>).nativeElement as HTMLElement;
    // Opening the panel moves focus into it, so keyboard users land on what they asked for.
    afterNextRender(() => host.querySelector<HTMLElement>('h2')?.focus());
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  refresh(): void {
    this.request?.unsubscribe();
    this.state.set('loading');
    this.request = this.api.list().subscribe({
      next: (events) => {
        this.events.set(events);
        this.state.set('ready');
      },
      error: () => this.state.set('failed'),
    });
  }
}
