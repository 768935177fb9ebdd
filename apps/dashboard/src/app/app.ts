import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { AuditPanel } from './audit/audit-panel';
import { Session } from './auth/session';
import { ConnectionIndicator } from './connection-indicator/connection-indicator';
import { Login } from './login/login';
import { LogStream } from './logs/log-stream';
import { ThemeStore } from './theme/theme-store';

@Component({
  selector: 'rt-root',
  imports: [RouterOutlet, ConnectionIndicator, Login, AuditPanel],
  templateUrl: './app.html',
  styleUrl: './app.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '(document:keydown.escape)': 'closeMenu()',
    '(document:click)': 'closeMenuOutside($event)',
  },
})
export class App {
  protected readonly session = inject(Session);
  protected readonly stream = inject(LogStream);
  protected readonly theme = inject(ThemeStore);
  private readonly host = inject(ElementRef<HTMLElement>);
  /** On narrow screens the header's actions fold into this menu. */
  protected readonly menuOpen = signal(false);
  private readonly auditWanted = signal(false);
  /** Only admins may read the audit trail; signing out closes it. */
  protected readonly auditOpen = computed(() => this.auditWanted() && this.session.isAdmin());

  protected toggleMenu(): void {
    this.menuOpen.update((open) => !open);
  }

  protected closeMenu(): void {
    this.menuOpen.set(false);
  }

  protected closeMenuOutside(event: MouseEvent): void {
    const header = (this.host.nativeElement as HTMLElement).querySelector('.topbar');
    if (event.target instanceof Node && header?.contains(event.target)) return;
    this.menuOpen.set(false);
  }

  protected toggleTheme(): void {
    this.theme.toggle();
  }

  protected toggleAudit(): void {
    this.menuOpen.set(false);
    this.auditWanted.update((open) => !open);
  }

  protected closeAudit(): void {
    this.auditWanted.set(false);
  }

  protected signOut(): void {
    this.menuOpen.set(false);
    this.auditWanted.set(false);
    this.session.signOut();
  }
}
