/**
 * Imported comment ids are ULIDs derived from the source: the time part is the original date (so
 * threads keep their order, replies oldest first), the random part a hash of format and source id
 * (so a second run of the same file derives the same ids and its conditional writes create nothing).
 */
import { createHash } from 'node:crypto';
import { encodeTime } from 'ulid';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const importedCommentId = (format: string, sourceId: string, createdAt: string): string => {
  const digest = createHash('sha256').update(`${format}\0${sourceId}`).digest();
  let random = '';
  // 16 characters of 5 bits each: the low 5 bits of 16 digest bytes.
  for (let i = 0; i < 16; i++) random += ALPHABET[digest[i]! & 31];
  return encodeTime(Math.max(0, Date.parse(createdAt)), 10) + random;
};
