/**
 * What this browser remembers (localStorage): the reader's own comments (edit token, window,
 * raw body, and the comment as created, so a pending one can be shown "awaiting moderation"),
 * the reader's name/email/website for the next form, and the author credential the server issued. Storage may be unavailable: then
 * nothing is remembered and nothing breaks.
 */
import type { Comment } from './api';

export interface Mine {
  id: string;
  post: string;
  editToken: string;
  editableUntil: string;
  body: string;
  comment: Comment;
  /** Set once the comment has been seen in the public thread. */
  approved?: boolean;
  savedAt: number;
}

export interface Profile {
  name: string;
  email: string;
  website: string;
}

const KEY = 'parley:mine';
const PROFILE = 'parley:author';
const MONTH = 30 * 86400e3;

const read = <T>(key: string, fallback: T): T => {
  try {
    return (JSON.parse(localStorage.getItem(key) ?? 'null') as T) ?? fallback;
  } catch {
    return fallback;
  }
};
const write = (key: string, value: unknown): void => {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* storage full or disabled */
  }
};

const all = (): Record<string, Mine> => read<Record<string, Mine>>(KEY, {});

export const editable = (m: Mine, now = Date.now()): boolean => new Date(m.editableUntil).getTime() > now;

/** This post's remembered comments; forgets the ones no longer useful. */
export function minesFor(post: string): Mine[] {
  const now = Date.now();
  const kept = Object.fromEntries(
    Object.entries(all()).filter(([, m]) => (m.approved ? editable(m, now) : now - m.savedAt < MONTH)),
  );
  write(KEY, kept);
  return Object.values(kept).filter((m) => m.post === post);
}

export const saveMine = (m: Mine): void => write(KEY, { ...all(), [m.id]: m });

export function forgetMine(id: string): void {
  const { [id]: _gone, ...rest } = all();
  write(KEY, rest);
}

const CREDENTIAL = 'parley:author-credential';
/** The server's proof that this browser wrote this author's comments (docs/api.md, X-Author-Credential). */
export const loadCredential = (): string | null => read<string | null>(CREDENTIAL, null);
export const saveCredential = (credential: string | null): void => {
  if (credential) write(CREDENTIAL, credential);
};

export const loadProfile = (): Profile => read<Profile>(PROFILE, { name: '', email: '', website: '' });
export const saveProfile = (p: Profile): void => write(PROFILE, p);
