/** One moderation action in the audit log: who did what to which comment (or thread), when, why. */
export interface AuditEntry {
  readonly id: string;
  readonly action: string;
  /** The moderator's `sub`: immutable, so the log names the same person whatever they rename. */
  readonly by: string;
  /** Their name and verified email when they acted, kept as they were then. */
  readonly byName: string;
  readonly byEmail: string | null;
  readonly commentId: string | null;
  readonly post: string;
  readonly at: string;
  readonly reason: string | null;
}
