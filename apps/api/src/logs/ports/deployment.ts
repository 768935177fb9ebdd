import type { AuditEvent } from '@redtail/contracts';
import type { Namespace } from 'socket.io';

/** Readiness of what the pipeline depends on, as `/health` reports it. */
export interface BackendHealth {
  up: boolean;
  details: Record<string, unknown>;
}

/**
 * What differs between one node and a cluster outside the pipeline itself: readiness of the shared
 * store, the Socket.IO adapter nodes share, and the audit trail of every node.
 */
export abstract class Deployment {
  abstract readonly clustered: boolean;
  /** Called once the Socket.IO namespace exists. */
  abstract attach(namespace: Namespace): void;
  abstract health(): BackendHealth;
  /** The Socket.IO adapter, or undefined for the default in-process one. */
  // Typed loosely: Nest's Socket.IO adapter resolves its own copy of socket.io's types.
  abstract socketAdapter(): unknown;
  /** The audit trail as an admin reads it: this node's own, or every node's. */
  abstract auditTrail(): Promise<AuditEvent[]>;
}
