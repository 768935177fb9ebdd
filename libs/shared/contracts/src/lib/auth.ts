export const ROLES = ['ingest', 'viewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * `GET /auth/mode`, open to anyone: whether the server asks for keys at all, so a sign-in screen
 * offers the keyless path only when it would work.
 */
export interface AuthMode {
  /** True when the server runs with `REDTAIL_AUTH=off`. */
  authDisabled: boolean;
}

/** `GET /auth/me`: who the presented key belongs to. */
export interface Identity {
  name: string;
  role: Role;
  /** True when the server runs with `REDTAIL_AUTH=off`. */
  authDisabled: boolean;
  /** Set on ingest keys bound to one service: every log they send is filed under it. */
  service?: string;
}

/**
 * Socket.IO `connect_error`: `error.message` is for people, `error.data.code`
 * for code (`unauthorized`: missing or unknown key; `forbidden`: the key lacks
 * the viewer role; `too-many-sockets`: the key's socket cap is reached;
 * `rate-limited`: too many attempts without a valid key from this address, so
 * every handshake from it is refused until the rate window ends).
 */
export interface HandshakeErrorData {
  code: 'unauthorized' | 'forbidden' | 'too-many-sockets' | 'rate-limited';
}

export const AUDIT_EVENT_TYPES = [
  'auth-failed',
  'forbidden',
  'rate-limited',
  'panic',
  'resume',
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** `GET /audit` (admin): one security event. Never holds a secret or log content. */
export interface AuditEvent {
  /** Increasing id, unique for the life of the process (per node in cluster mode). */
  id: number;
  /** ISO-8601, first occurrence. */
  at: string;
  type: AuditEventType;
  /** The key's name, `unknown` for a missing or unrecognised key, `anonymous` with auth off. */
  actor: string;
  /** Remote address as the server saw it; null when unknown. */
  address: string | null;
  /** What was attempted, e.g. `GET /logs` or `socket /logs`; never a query string. */
  detail?: string;
  /** Identical events in quick succession are folded into one; this counts them. */
  count: number;
  /** ISO-8601, latest occurrence when `count` > 1. */
  lastAt: string;
  /** In cluster mode, the node that recorded it (REDTAIL_NODE_ID); `id` is unique per node. */
  node?: string;
}
