import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { ConnectionIndicator } from './connection-indicator/connection-indicator';

@Component({
  selector: 'rt-root',
  imports: [RouterOutlet, ConnectionIndicator],
  templateUrl: './app.html',
  styleUrl: './app.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {}
