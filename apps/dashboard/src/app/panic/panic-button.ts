import { A11yModule } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { LogApi } from '../logs/log-api';
import { LogStream } from '../logs/log-stream';

/** Typed by the admin to confirm: a click alone must never wipe everything. */
export const PANIC_CONFIRMATION = 'PANIC';

@Component({
  selector: 'rt-panic-button',
  imports: [A11yModule],
  templateUrl: './panic-button.html',
  styleUrl: './panic-button.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PanicButton {
  private readonly api = inject(LogApi);
  private readonly stream = inject(LogStream);

  protected readonly confirmation = PANIC_CONFIRMATION;
  protected readonly open = signal(false);
  protected readonly typed = signal('');
  protected readonly lockdown = signal(false);
  protected readonly busy = signal(false);
  protected readonly problem = signal<string | null>(null);
  protected readonly confirmed = computed(() => this.typed() === PANIC_CONFIRMATION);

  protected show(): void {
    this.typed.set('');
    this.lockdown.set(false);
    this.problem.set(null);
    this.open.set(true);
  }

  protected cancel(): void {
    if (!this.busy()) this.open.set(false);
  }

  protected onTyped(event: Event): void {
    this.typed.set((event.target as HTMLInputElement).value.trim());
  }

  protected onLockdown(event: Event): void {
    this.lockdown.set((event.target as HTMLInputElement).checked);
  }

  protected async confirm(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.confirmed() || this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    try {
      const result = await firstValueFrom(this.api.panic(this.lockdown()));
      this.stream.applyPanic(result);
      this.open.set(false);
    } catch (error) {
      const status = (error as { status?: number }).status;
      this.problem.set(
        status === 403
          ? 'Only an admin key may trigger panic.'
          : 'Panic failed; nothing was wiped.',
      );
    } finally {
      this.busy.set(false);
    }
  }
}
