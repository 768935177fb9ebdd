import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { Session } from './auth/session';
import { ConnectionIndicator } from './connection-indicator/connection-indicator';
import { Login } from './login/login';
import { LogStream } from './logs/log-stream';

@Component({
  selector: 'rt-root',
  imports: [RouterOutlet, ConnectionIndicator, Login],
  templateUrl: './app.html',
  styleUrl: './app.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  protected readonly session = inject(Session);
  protected readonly stream = inject(LogStream);

  protected signOut(): void {
    this.session.signOut();
  }
}
