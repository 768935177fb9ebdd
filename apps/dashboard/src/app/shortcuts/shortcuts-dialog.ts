import { A11yModule } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, output } from '@angular/core';
import { SHORTCUTS } from './shortcuts';

/** The keyboard shortcuts, opened with `?`; Escape or the button closes it. */
@Component({
  selector: 'rt-shortcuts-dialog',
  imports: [A11yModule],
  template: `
    <div class="rt-modal-backdrop"></div>
    <div
      class="dialog rt-modal"
      role="dialog"
      aria-modal="true"
      aria-labelledby="rt-shortcuts-title"
      cdkTrapFocus
      [cdkTrapFocusAutoCapture]="true"
    >
      <h2 id="rt-shortcuts-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          @for (shortcut of shortcuts; track shortcut.keys) {
            <tr>
              <th scope="row">
                <kbd>{{ shortcut.keys }}</kbd>
              </th>
              <td>{{ shortcut.action }}</td>
            </tr>
          }
        </tbody>
      </table>
      <div class="buttons">
        <button type="button" cdkFocusInitial (click)="closed.emit()">Close</button>
      </div>
    </div>
  `,
  styleUrl: './shortcuts-dialog.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShortcutsDialog {
  readonly closed = output<void>();
  protected readonly shortcuts = SHORTCUTS;
}
