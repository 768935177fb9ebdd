import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

export type ConnectionState = 'connected' | 'reconnecting' | 'offline';

const LABELS: Record<ConnectionState, string> = {
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

@Component({
  selector: 'rt-connection-indicator',
  template: `<span class="dot" aria-hidden="true"></span>{{ label() }}`,
  styleUrl: './connection-indicator.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    role: 'status',
    '[attr.data-state]': 'state()',
    '[attr.aria-label]': '"Connection: " + label()',
  },
})
export class ConnectionIndicator {
  readonly state = input.required<ConnectionState>();
  protected readonly label = computed(() => LABELS[this.state()]);
}
