/**
 * Who the moderators are and where their mail goes. Locally a list from `MODERATOR_EMAILS`;
 * deployed, the user pool's moderators group (cognito-moderator-directory.ts).
 */
export interface Moderator {
  readonly id: string;
  readonly email: string;
}

export interface ModeratorDirectory {
  list(): Promise<readonly Moderator[]>;
}

/** `alice=alice@example.com,bob@example.com`: an id before `=`, else the address is the id. */
export const listModeratorDirectory = (spec: string): ModeratorDirectory => {
  const moderators = spec
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map((part) => {
      const [id, email] = part.includes('=') ? part.split('=', 2) : [part, part];
      return { id: (id ?? '').trim(), email: (email ?? '').trim() };
    });
  return { list: async () => moderators };
};
