import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, computed, effect, inject, signal } from '@angular/core';
import type { LogFilter } from '@redtail/contracts';
import { Subject } from 'rxjs';
import { isFiltered, sameFilter } from '../logs/log-filter';
import { LOG_SOCKET_FACTORY } from '../logs/log-socket';
import type { ConnectionState } from '../logs/log-subscription';
import { withoutRange } from '../volume/time-range';
import { DESKTOP_NOTIFIER, NotificationPermissionState } from './desktop-notifier';
import { WatchFeed } from './watch-feed';
import {
  MAX_WATCHES,
  WATCHES_STORAGE_KEY,
  WatchDefinition,
  parseStoredWatches,
  serializeWatches,
  watchOf,
} from './watch-definitions';

/** Whether this browser wants desktop notifications for its watches ('1' when it does). */
export const WATCH_NOTIFY_STORAGE_KEY = 'redtail.watch-notify';
/**
 * A watch notifies at most this often: a burst of matches becomes one notification whose count
 * is brought up to date when the interval ends, not a flood of them.
 */
export const NOTIFY_INTERVAL_MS = 10_000;

export interface WatchState {
  definition: WatchDefinition;
  /** Lines that matched since the watch was last looked at. */
  unseen: number;
  /** When the last of them arrived (this browser's clock); null before any. */
  lastMatchAt: number | null;
  /** Lines the server could not hand over since then, so they were not checked. */
  unchecked: number;
  connection: ConnectionState;
  /** Why it is not counting, e.g. the key has too many sockets open. */
  problem: string | null;
}

export type AddWatchResult = { ok: true; watch: WatchDefinition } | { ok: false; reason: string };

/**
 * The browser's watches: filters followed in the background, each over a socket of its own, so
 * matching lines are counted (in the menu and the tab's title) whatever the view shows, and a
 * hidden tab can raise a desktop notification. Counting happens only while a dashboard is open;
 * the server keeps no alert rules. Notifications carry the watch's name and a count, never a
 * line: they show on lock screens and in notification centres, outside the page.
 */
@Injectable({ providedIn: 'root' })
export class WatchStore {
  private readonly openSocket = inject(LOG_SOCKET_FACTORY);
  private readonly notifier = inject(DESKTOP_NOTIFIER);
  private readonly document = inject(DOCUMENT);
  private readonly baseTitle = this.document.title;

  private readonly _watches = signal<readonly WatchState[]>(
    this.readStored().map((definition) => fresh(definition)),
  );
  private readonly _notify = signal(this.readNotify());
  private readonly _permission = signal<NotificationPermissionState>(this.notifier.permission());
  private readonly feeds = new Map<string, WatchFeed>();
  private readonly lastNotified = new Map<string, number>();
  private readonly notifyTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The session's token while connected; undefined while not. */
  private token: string | null | undefined = undefined;

  readonly watches = this._watches.asReadonly();
  readonly unseen = computed(() => this._watches().reduce((sum, watch) => sum + watch.unseen, 0));
  readonly full = computed(() => this._watches().length >= MAX_WATCHES);
  /** The user asked for desktop notifications (whether or not the browser allows them). */
  readonly notify = this._notify.asReadonly();
  readonly permission = this._permission.asReadonly();
  /** A notification was clicked: the page shows its watch's lines. */
  readonly opened = new Subject<LogFilter>();

  constructor() {
    effect(() => {
      const unseen = this.unseen();
      this.document.title = unseen
        ? `(${unseen > 999 ? '999+' : unseen}) ${this.baseTitle}`
        : this.baseTitle;
    });
    // Another tab of this browser added or removed a watch.
    const onStorage = (event: StorageEvent) => {
      if (event.key === WATCHES_STORAGE_KEY) this.reconcile(this.readStored());
    };
    this.document.defaultView?.addEventListener('storage', onStorage);
    inject(DestroyRef).onDestroy(() => {
      this.document.defaultView?.removeEventListener('storage', onStorage);
      this.disconnect();
      this.document.title = this.baseTitle;
    });
  }

  /** Opens every watch's socket with the session's key. */
  connect(token: string | null): void {
    this.disconnect();
    this.token = token;
    for (const watch of this._watches()) this.startFeed(watch.definition);
  }

  disconnect(): void {
    for (const feed of this.feeds.values()) feed.close();
    this.feeds.clear();
    for (const timer of this.notifyTimers.values()) clearTimeout(timer);
    this.notifyTimers.clear();
    this.token = undefined;
    this._watches.update((watches) =>
      watches.map((watch) => ({ ...watch, connection: 'offline' as const })),
    );
  }

  /**
   * Why a view's filter cannot be watched (it lets every line through, or the list is full);
   * null when it can. The menu disables its button on this, and `add` refuses on it.
   */
  refusal(filter: LogFilter): string | null {
    if (!isFiltered(withoutRange(filter))) {
      return 'Filter the view first (a search, levels, services or a field), then watch it.';
    }
    if (this.full()) return `At most ${MAX_WATCHES} watches: remove one to add another.`;
    return null;
  }

  /** Watches a view's filter (its time range dropped) from now on. */
  add(filter: LogFilter, name = ''): AddWatchResult {
    const refused = this.refusal(filter);
    if (refused) return { ok: false, reason: refused };
    const id = `w${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    const watch = watchOf(filter, name, id);
    if (!watch) return { ok: false, reason: 'This view cannot be watched.' };
    const twin = this._watches().find((each) => sameFilter(each.definition.filter, watch.filter));
    if (twin) return { ok: false, reason: `Already watched as “${twin.definition.name}”.` };
    this._watches.update((watches) => [...watches, fresh(watch)]);
    this.store();
    if (this.token !== undefined) this.startFeed(watch);
    return { ok: true, watch };
  }

  remove(id: string): void {
    this.stopFeed(id);
    this._watches.update((watches) => watches.filter((watch) => watch.definition.id !== id));
    this.store();
  }

  /** The user looked at a watch's lines: its count starts again. */
  acknowledge(id: string): void {
    this.change(id, (watch) => ({ ...watch, unseen: 0, unchecked: 0 }));
  }

  acknowledgeAll(): void {
    this._watches.update((watches) =>
      watches.map((watch) => ({ ...watch, unseen: 0, unchecked: 0 })),
    );
  }

  /**
   * Turns desktop notifications on or off for this browser. Turning them on asks the browser's
   * permission the first time, so call it from a click.
   */
  async setNotify(on: boolean): Promise<void> {
    this._notify.set(on);
    try {
      if (on) localStorage.setItem(WATCH_NOTIFY_STORAGE_KEY, '1');
      else localStorage.removeItem(WATCH_NOTIFY_STORAGE_KEY);
    } catch {
      // Storage refused (private window): the choice lasts for this tab.
    }
    if (on && this._permission() === 'default') this._permission.set(await this.notifier.request());
  }

  private startFeed(definition: WatchDefinition): void {
    const id = definition.id;
    this.stopFeed(id);
    const socket = this.openSocket(this.token ?? null);
    this.feeds.set(
      id,
      new WatchFeed(socket, definition.filter, {
        matched: (count) => this.matched(id, count),
        unchecked: (count) =>
          this.change(id, (watch) => ({ ...watch, unchecked: watch.unchecked + count })),
        wiped: () =>
          this.change(id, (watch) => ({ ...watch, unseen: 0, unchecked: 0, lastMatchAt: null })),
        connection: (connection) => this.change(id, (watch) => ({ ...watch, connection })),
        problem: (problem) => this.change(id, (watch) => ({ ...watch, problem })),
      }),
    );
  }

  private stopFeed(id: string): void {
    this.feeds.get(id)?.close();
    this.feeds.delete(id);
    const timer = this.notifyTimers.get(id);
    if (timer !== undefined) clearTimeout(timer);
    this.notifyTimers.delete(id);
  }

  private matched(id: string, count: number): void {
    if (count <= 0) return;
    this.change(id, (watch) => ({
      ...watch,
      unseen: watch.unseen + count,
      lastMatchAt: Date.now(),
    }));
    if (this.document.visibilityState === 'hidden') this.scheduleNotification(id);
  }

  private scheduleNotification(id: string): void {
    // The user may have changed the site's permission in the browser since.
    this._permission.set(this.notifier.permission());
    if (!this._notify() || this._permission() !== 'granted' || this.notifyTimers.has(id)) return;
    const wait = (this.lastNotified.get(id) ?? -Infinity) + NOTIFY_INTERVAL_MS - Date.now();
    if (wait <= 0) {
      this.showNotification(id);
      return;
    }
    this.notifyTimers.set(
      id,
      setTimeout(() => {
        this.notifyTimers.delete(id);
        // Looked at meanwhile: nothing left to tell.
        if (this.document.visibilityState === 'hidden') this.showNotification(id);
      }, wait),
    );
  }

  private showNotification(id: string): void {
    const watch = this._watches().find((each) => each.definition.id === id);
    if (!watch || watch.unseen === 0) return;
    this.lastNotified.set(id, Date.now());
    const lines = watch.unseen === 1 ? '1 new line matches' : `${watch.unseen} new lines match`;
    this.notifier.show(
      `Redtail: ${watch.definition.name}`,
      `${lines} this watch.`,
      `redtail-watch-${id}`,
      () => {
        this.acknowledge(id);
        this.opened.next(watch.definition.filter);
      },
    );
  }

  /** Follows the stored list (another tab changed it), keeping counts of the watches that stay. */
  private reconcile(definitions: WatchDefinition[]): void {
    const current = new Map(this._watches().map((watch) => [watch.definition.id, watch]));
    const next = definitions.map((definition) => current.get(definition.id) ?? fresh(definition));
    for (const id of current.keys()) {
      if (!definitions.some((definition) => definition.id === id)) this.stopFeed(id);
    }
    this._watches.set(next);
    if (this.token === undefined) return;
    for (const definition of definitions) {
      if (!this.feeds.has(definition.id)) this.startFeed(definition);
    }
  }

  private change(id: string, update: (watch: WatchState) => WatchState): void {
    this._watches.update((watches) =>
      watches.map((watch) => (watch.definition.id === id ? update(watch) : watch)),
    );
  }

  private store(): void {
    try {
      localStorage.setItem(
        WATCHES_STORAGE_KEY,
        serializeWatches(this._watches().map((watch) => watch.definition)),
      );
    } catch {
      // Storage refused: the watches last as long as this tab.
    }
  }

  private readStored(): WatchDefinition[] {
    try {
      return parseStoredWatches(localStorage.getItem(WATCHES_STORAGE_KEY));
    } catch {
      return [];
    }
  }

  private readNotify(): boolean {
    try {
      return localStorage.getItem(WATCH_NOTIFY_STORAGE_KEY) === '1';
    } catch {
      return false;
    }
  }
}

function fresh(definition: WatchDefinition): WatchState {
  return {
    definition,
    unseen: 0,
    lastMatchAt: null,
    unchecked: 0,
    connection: 'offline',
    problem: null,
  };
}
