import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { segmentText } from './segments';

/** Text with masked placeholders and search matches marked. */
@Component({
  selector: 'rt-highlight',
  template: `
    @for (segment of segments(); track $index) {
      @if (segment.kind === 'mask') {
        <span class="mask" title="Masked by Redtail">{{ segment.text }}</span>
      } @else if (segment.kind === 'match') {
        <mark>{{ segment.text }}</mark>
      } @else {
        <span>{{ segment.text }}</span>
      }
    }
  `,
  styles: `
    .mask {
      background: var(--rt-mask-bg);
      color: var(--rt-mask-fg);
      border-radius: 3px;
      padding: 0 2px;
      font-weight: 600;
    }
    mark {
      background: var(--rt-match-bg);
      color: inherit;
      border-radius: 2px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Highlight {
  readonly text = input.required<string>();
  readonly query = input<string | undefined>('');
  protected readonly segments = computed(() => segmentText(this.text(), this.query() ?? ''));
}
