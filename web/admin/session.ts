/**
 * Who the console acts as. Signing in is the provider's business (oidc.ts); this module keeps the
 * tokens of this tab (sessionStorage), refreshes them before they expire, and decides which face
 * the console shows: the sign-in panel, the "not a moderator" page, or the queue with the
 * moderator's name and Sign out. A session that ends by itself (refresh refused: revoked or
 * expired) lands on the sign-in panel with the moderator's place kept in the URL hash.
 */
import { ApiError } from '../src/api';
import { h } from '../src/dom';
import { beginSignIn, endSession, finishSignIn, refresh, type Tokens } from './oidc';
import { say } from './page';

const KEY = 'parley:admin-session';
/** The Cognito group the admin API requires (shared/http/require-moderator.ts), named here to keep the server's code out of the bundle. */
const MODERATORS = 'moderators';

let tokens: Tokens | undefined = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') ?? undefined;
let timer: ReturnType<typeof setTimeout> | undefined;
let renewing: Promise<boolean> | undefined;

const signInButton = h('button', { type: 'button', class: 'primary' }, 'Sign in');
export const signInPanel = h(
  'section',
  { class: 'signin', hidden: true, 'aria-labelledby': 'signin-title' },
  h('h2', { id: 'signin-title' }, 'Moderators only'),
  h('p', null, "Sign in with your moderator account to review the blog's comments."),
  signInButton,
);
const whoAmI = h('strong', { class: 'who' });
const signOutButton = h('button', { type: 'button' }, 'Sign out');
export const userBar = h('div', { class: 'user', hidden: true }, 'Signed in as ', whoAmI, ' ', signOutButton);
const deniedWho = h('strong');
export const notModeratorPage = h(
  'section',
  { class: 'not-moderator', hidden: true, 'aria-labelledby': 'denied-title' },
  h('h2', { id: 'denied-title', tabindex: -1 }, 'Not a moderator'),
  h(
    'p',
    null,
    'You are signed in as ',
    deniedWho,
    ', but this account is not a moderator of this blog, so it cannot see or change the comment queue. ',
    "Ask the blog's owner to add you to the moderators, or sign out and sign in with another account.",
  ),
);

const store = (next: Tokens | undefined) => {
  tokens = next;
  if (next) sessionStorage.setItem(KEY, JSON.stringify(next));
  else sessionStorage.removeItem(KEY);
  clearTimeout(timer);
  // Renewed at three quarters of its life, so no request ever carries an expired token.
  if (next)
    timer = setTimeout(
      () => void renew(),
      Math.max(0, next.issuedAt + (next.expiresAt - next.issuedAt) * 0.75 - Date.now()),
    );
};

const whenSignedOut: (() => void)[] = [];
/** `hide` runs on every sign-out, so what the moderator saw does not stay on screen. */
export const onSignOut = (hide: () => void) => void whenSignedOut.push(hide);

const show = (face: 'signin' | 'denied' | 'queue') => {
  signInPanel.hidden = face !== 'signin';
  notModeratorPage.hidden = face !== 'denied';
  userBar.hidden = face === 'signin';
  whoAmI.textContent = deniedWho.textContent = tokens?.name ?? '';
};

/** Forgets the tokens here and shows the sign-in panel with `text` saying why; the URL hash (the place) stays. */
export function sessionEnded(text: string) {
  store(undefined);
  for (const hide of whenSignedOut) hide();
  show('signin');
  say(text);
  signInButton.focus();
}

/** The API said 403: this account is signed in but no moderator. */
export function notAModerator() {
  for (const hide of whenSignedOut) hide();
  show('denied');
  notModeratorPage.querySelector<HTMLElement>('h2')?.focus();
}

/** Refreshes the tokens; false (and the sign-in panel) when the provider ended the session. */
export function renew(): Promise<boolean> {
  const current = tokens;
  if (!current) return Promise.resolve(false);
  renewing ??= refresh(current)
    .then((next) => (store(next), true))
    .catch(() => (sessionEnded('Your session has ended. Sign in again to carry on where you left off.'), false))
    .finally(() => (renewing = undefined));
  return renewing;
}

/** The header that proves the moderator's identity to the admin API; renews a token about to expire. */
export async function authorization(): Promise<Record<string, string>> {
  if (tokens && Date.now() > tokens.expiresAt - 10_000) await renew();
  // Signed out meanwhile: no request leaves without a token (the caller shows the sign-in panel).
  if (!tokens) throw new ApiError('unauthorized', 401, 'signed out');
  return { Authorization: `Bearer ${tokens.idToken}` };
}

/** Runs `start` when a moderator is signed in: now (a stored session or the sign-in redirect) or never. */
export async function initSession(start: () => void) {
  try {
    const done = await finishSignIn();
    if (done) store(done.tokens);
  } catch (e) {
    store(undefined);
    say(`Signing in failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (tokens) store(tokens); // schedules the renewal of a session kept across a reload
  if (!tokens) return show('signin');
  if (!tokens.groups.includes(MODERATORS)) return notAModerator();
  show('queue');
  start();
}

signInButton.addEventListener('click', () => {
  signInButton.disabled = true;
  say('Taking you to the sign-in page…');
  beginSignIn(location.hash).catch((e: unknown) => {
    signInButton.disabled = false;
    say(`The sign-in service cannot be reached (${e instanceof Error ? e.message : String(e)}).`);
  });
});
signOutButton.addEventListener('click', () => {
  const ending = tokens;
  store(undefined);
  for (const hide of whenSignedOut) hide();
  say('Signing out…');
  void endSession(ending).catch(() => show('signin'));
});
