import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Session } from '../auth/session';
import { LogApi } from '../logs/log-api';
import { LogStream } from '../logs/log-stream';
import { clockTime } from '../shared/format';

/**
 * The alert every open dashboard shows after a panic (or after a cluster lost its store), the
 * lockdown notice and the warning that Redis keeps logs on disk.
 */
@Component({
  selector: 'rt-panic-banner',
  templateUrl: './panic-banner.html',
  styleUrl: './panic-banner.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PanicBanner {
  private readonly stream = inject(LogStream);
  private readonly api = inject(LogApi);
  protected readonly session = inject(Session);

  protected readonly panic = this.stream.panic;
  protected readonly lockdown = this.stream.lockdown;
  protected readonly persistentRedis = computed(
    () => this.stream.metrics()?.cluster?.persistentRedis === true,
  );
  protected readonly at = computed(() => {
    const panic = this.panic();
    return panic ? clockTime(panic.at) : '';
  });
  protected readonly resuming = signal(false);
  protected readonly problem = signal<string | null>(null);

  protected dismiss(): void {
    this.stream.dismissPanic();
  }

  protected async resumeIngestion(): Promise<void> {
    this.resuming.set(true);
    this.problem.set(null);
    try {
      await firstValueFrom(this.api.resume());
      this.stream.setLockdown(false);
    } catch {
      this.problem.set('Ingestion could not be resumed.');
    } finally {
      this.resuming.set(false);
    }
  }
}
