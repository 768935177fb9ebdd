export const ROLES = ['ingest', 'viewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** `GET /auth/me`: who the presented key belongs to. */
export interface Identity {
  name: string;
  role: Role;
  /** True when the server runs with `REDTAIL_AUTH=off`. */
  authDisabled: boolean;
}
