import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { AuditPanel } from './audit/audit-panel';
import { Session } from './auth/session';
import { ConnectionIndicator } from './connection-indicator/connection-indicator';
import { Login } from './login/login';
import { LogStream } from './logs/log-stream';

@Component({
  selector: 'rt-root',
  imports: [RouterOutlet, ConnectionIndicator, Login, AuditPanel],
  templateUrl: './app.html',
  styleUrl: './app.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  protected readonly session = inject(Session);
  protected readonly stream = inject(LogStream);
  private readonly auditWanted = signal(false);
  /** Only admins may read the audit trail; signing out closes it. */
  protected readonly auditOpen = computed(() => this.auditWanted() && this.session.isAdmin());

  protected toggleAudit(): void {
    this.auditWanted.update((open) => !open);
  }

  protected closeAudit(): void {
    this.auditWanted.set(false);
  }

  protected signOut(): void {
    this.auditWanted.set(false);
    this.session.signOut();
  }
}
