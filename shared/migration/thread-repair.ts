/**
 * Decides what each imported comment becomes and where it hangs, before any id or record exists:
 * - pingbacks and trackbacks are skipped;
 * - a deleted comment becomes a content-free placeholder when an approved reply hangs below it, and is
 *   skipped otherwise;
 * - a reply whose parent is missing or skipped moves up to the nearest kept ancestor (the top level
 *   when none is left); an approved reply only under an ancestor that shows in the thread;
 * - replies deeper than Parley's cap attach at the cap, to the deepest allowed ancestor (as a native
 *   reply to a comment at the cap does), and are counted.
 */
import { MAX_DEPTH } from './limits';
import type { ImportedComment } from './model';

export type SkipReason = 'pingback or trackback' | 'deleted without replies' | string;

export interface Placed {
  readonly comment: ImportedComment;
  /** Kept parent's source id, after repair. */
  readonly parentSourceId: string | null;
  readonly depth: number;
}

export interface Repaired {
  /** Parents before their replies. */
  readonly kept: readonly Placed[];
  readonly skipped: readonly { comment: ImportedComment; reason: SkipReason }[];
  readonly flattened: number;
  readonly reattached: number;
}

const shows = (c: ImportedComment) => c.status === 'approved' || c.status === 'deleted';

/** `invalid` holds comments already refused (empty body, limits) with their reason. */
export const repairThreads = (comments: readonly ImportedComment[], invalid: ReadonlyMap<string, string>): Repaired => {
  const byId = new Map(comments.map((c) => [c.sourceId, c]));
  const parentOf = (c: ImportedComment): ImportedComment | undefined => {
    const p = c.parentSourceId === null ? undefined : byId.get(c.parentSourceId);
    return p && p.postKey === c.postKey && p !== c ? p : undefined;
  };
  const skipped: { comment: ImportedComment; reason: SkipReason }[] = [];
  const candidate = comments.filter((c) => {
    const reason = c.status === 'pingback' ? 'pingback or trackback' : invalid.get(c.sourceId);
    if (reason) skipped.push({ comment: c, reason });
    return !reason;
  });
  const alive = new Set(candidate.map((c) => c.sourceId));

  // A deleted comment stays only as the holder of approved replies: mark every ancestor of an approved one.
  const holdsApproved = new Set<string>();
  for (const c of candidate) {
    if (c.status !== 'approved') continue;
    const seen = new Set<string>();
    for (let p = parentOf(c); p && !seen.has(p.sourceId); p = parentOf(p)) {
      seen.add(p.sourceId);
      holdsApproved.add(p.sourceId);
    }
  }
  const kept = new Set<string>();
  for (const c of candidate) {
    if (c.status === 'deleted' && !holdsApproved.has(c.sourceId))
      skipped.push({ comment: c, reason: 'deleted without replies' });
    else kept.add(c.sourceId);
  }

  const placed = new Map<string, Placed>();
  let flattened = 0;
  let reattached = 0;
  const place = (c: ImportedComment, trail: Set<string>): Placed => {
    const done = placed.get(c.sourceId);
    if (done) return done;
    trail.add(c.sourceId);
    let parent = parentOf(c);
    const original = parent;
    while (
      parent &&
      (!kept.has(parent.sourceId) ||
        !alive.has(parent.sourceId) ||
        trail.has(parent.sourceId) ||
        (c.status === 'approved' && !shows(parent)))
    )
      parent = parentOf(parent);
    if (parent !== original || (c.parentSourceId !== null && !original)) reattached++;
    let result: Placed = { comment: c, parentSourceId: null, depth: 0 };
    if (parent) {
      let anchor = place(parent, trail);
      if (anchor.depth >= MAX_DEPTH) {
        flattened++;
        // Like a native reply to a comment at the cap: a sibling of that comment.
        while (anchor.depth >= MAX_DEPTH && anchor.parentSourceId !== null) anchor = placed.get(anchor.parentSourceId)!;
      }
      result = { comment: c, parentSourceId: anchor.comment.sourceId, depth: anchor.depth + 1 };
    }
    placed.set(c.sourceId, result);
    return result;
  };
  const ordered: Placed[] = [];
  for (const c of candidate) if (kept.has(c.sourceId)) place(c, new Set());
  // Parents first: a parent is placed no deeper than its replies, so ordering by depth suffices.
  for (const p of placed.values()) ordered.push(p);
  ordered.sort((a, b) => a.depth - b.depth);
  return { kept: ordered, skipped, flattened, reattached };
};
