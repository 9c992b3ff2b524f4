/**
 * Spam signals. Honeypot and blocked words mark a comment as spam; the softer signals (many links,
 * a duplicate of a recent comment, sent faster than a human types) hold it for a moderator.
 * They apply whatever the moderation policy.
 */
export interface SpamInput {
  readonly honeypot: string | undefined;
  readonly text: string;
  readonly linkCount: number;
  /** The client's own claim of how long its form was open: it can only add a hold, never lift one. */
  readonly elapsedMs: number | undefined;
  /**
   * How long ago the server issued the form token sent with a new comment, or null when none
   * valid was sent (missing, forged or expired: itself a signal). Undefined for an edit.
   */
  readonly formAgeMs?: number | null;
  readonly isDuplicate: boolean;
  /** The display name the commenter typed. */
  readonly name?: string;
}

export interface SpamSettings {
  readonly maxLinks: number;
  readonly blockedWords: readonly string[];
  readonly minSubmitMillis: number;
  /** Names only moderators' replies carry (OWNER_NAME); an anonymous comment using one is held. */
  readonly ownerName?: string;
}

/** Letter case, Unicode compatibility forms and runs of white space do not make a different name. */
export const sameName = (a: string, b: string): boolean => {
  const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return norm(a) !== '' && norm(a) === norm(b);
};

export interface SpamVerdict {
  readonly score: number;
  readonly reasons: string[];
  readonly verdict: 'clean' | 'hold' | 'spam';
}

export const assessSpam = (input: SpamInput, settings: SpamSettings): SpamVerdict => {
  const reasons: string[] = [];
  let score = 0;
  let spam = false;
  if (input.honeypot !== undefined && input.honeypot.trim() !== '') {
    reasons.push('honeypot');
    score += 1;
    spam = true;
  }
  const lower = input.text.toLowerCase();
  for (const word of settings.blockedWords) {
    if (lower.includes(word)) {
      reasons.push(`blocked:${word}`);
      score += 1;
      spam = true;
    }
  }
  if (input.linkCount > settings.maxLinks) {
    reasons.push(`links:${input.linkCount}`);
    score += 0.5;
  }
  if (input.isDuplicate) {
    reasons.push('duplicate');
    score += 0.5;
  }
  if (input.formAgeMs === null) {
    reasons.push('no_form_token');
    score += 0.4;
  }
  const tooFast = (ms: number | null | undefined) => typeof ms === 'number' && ms < settings.minSubmitMillis;
  if (tooFast(input.formAgeMs) || tooFast(input.elapsedMs)) {
    reasons.push('too_fast');
    score += 0.4;
  }
  if (input.name !== undefined && settings.ownerName && sameName(input.name, settings.ownerName)) {
    reasons.push('impersonation');
    score += 0.5;
  }
  const verdict = spam ? 'spam' : reasons.length > 0 ? 'hold' : 'clean';
  return { score: Math.min(1, Math.round(score * 100) / 100), reasons, verdict };
};

/** Normalises a body for duplicate detection: case, white space and punctuation runs do not matter. */
export const duplicateFingerprint = (body: string): string =>
  body
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[\s\p{P}]+/gu, ' ')
    .trim();

/**
 * What a duplicate marker is keyed by: the post and the normalised text. Per post, so whether a
 * comment is held as a duplicate tells nothing about what was posted elsewhere on the site.
 */
export const duplicateScope = (post: string, body: string): string => `${post}\0${duplicateFingerprint(body)}`;
