import type { Awaitable } from './awaitable';

/** The key epoch as every part of the pipeline needs to know it. */
export interface EpochState {
  epoch: number;
  /** Tells this epoch from another with the same number (`BlockCipher.tag`). */
  tag: string;
  /** First seq of this epoch: anything before it was wiped by a panic, not missed. */
  startSeq: number;
  /** True after a panic with lockdown, until an admin resumes: ingest answers 503. */
  lockdown: boolean;
  panicCount: number;
  lastPanicAt: string | null;
}

/** A new epoch: after a panic (anywhere in the cluster), or after Redis lost the shared store. */
export interface EpochChange {
  epoch: number;
  at: string;
  cleared: number;
  lockdown: boolean;
  reason: 'panic' | 'store-lost';
}

export interface EpochListener {
  epochChanged(change: EpochChange): void;
  resumed(at: string): void;
}

export interface RotateRequest {
  lockdown: boolean;
  /** Entries the store dropped just before, for the panic event. */
  cleared: number;
  /** Next seq the store will hand out (the cluster knows its own). */
  nextSeq: number;
}

export interface OpenedBlock {
  plaintext: Buffer;
  firstSeq: number;
  count: number;
}

/**
 * The key epoch and everything tied to it: sealing and opening blocks (one AES-256-GCM code path,
 * `BlockCipher`, whose AAD binds the epoch and the seq range), the pseudonym key, rotation on
 * panic, and the lockdown a panic may start. `LocalSealer` keeps a random key in this process;
 * `ClusterSealer` shares one per epoch through Redis, wrapped under the cluster's KEK.
 */
export abstract class Sealer {
  abstract get state(): EpochState;
  abstract get pseudonymKey(): Uint8Array;
  /** Throws when no key can be used now (a node that lost Redis); callers answer 503. */
  abstract seal(plaintext: Buffer, firstSeq: number, count: number, bound?: Buffer): Buffer;
  /** Throws `SealBrokenError` for anything not sealed by this epoch's key at this position. */
  abstract open(sealed: Buffer, bound?: Buffer): OpenedBlock;
  /** A new epoch: nothing sealed before opens again. Every listener hears of it. */
  abstract rotate(request: RotateRequest): Awaitable<void>;
  /** Ends a lockdown; every listener hears of it. */
  abstract resume(): Awaitable<void>;
  abstract listen(listener: EpochListener): void;
}
