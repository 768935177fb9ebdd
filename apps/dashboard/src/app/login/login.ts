import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { Session } from '../auth/session';

@Component({
  selector: 'rt-login',
  templateUrl: './login.html',
  styleUrl: './login.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Login {
  protected readonly session = inject(Session);
  protected readonly busy = signal(false);

  constructor() {
    this.session.loadAuthMode();
  }

  protected async submit(event: Event, token: string): Promise<void> {
    event.preventDefault();
    if (!token.trim()) return;
    await this.signIn(token.trim());
  }

  protected async withoutKey(): Promise<void> {
    await this.signIn(null);
  }

  private async signIn(token: string | null): Promise<void> {
    this.busy.set(true);
    try {
      await this.session.signIn(token);
    } finally {
      this.busy.set(false);
    }
  }
}
