/** One moderation action in the audit log: who did what to which comment (or thread), when, why. */
export interface AuditEntry {
  readonly id: string;
  readonly action: string;
  readonly by: string;
  readonly commentId: string | null;
  readonly post: string;
  readonly at: string;
  readonly reason: string | null;
}
