/**
 * Who the console acts as: a moderator token, pasted into the sign-in form and kept in
 * sessionStorage (this browser tab only). Every use of the token goes through this module, so
 * another way of signing in replaces this file and nothing else.
 */
import { h } from '../src/dom';
import { say } from './page';

const TOKEN = 'parley:admin-token';

const tokenInput = h('textarea', { id: 'token', rows: 3, autocomplete: 'off', spellcheck: 'false' });
export const tokenForm = h(
  'form',
  { class: 'token' },
  h('label', { for: 'token' }, 'Moderator token'),
  tokenInput,
  h(
    'p',
    { class: 'hint' },
    'Get one with ',
    h('code', null, 'npm run token -- alice'),
    '. It stays in this browser tab only (sessionStorage).',
  ),
  h('button', { type: 'submit' }, 'Sign in'),
);

const token = () => sessionStorage.getItem(TOKEN) ?? '';
export const signedIn = () => token() !== '';
/** The header that proves the moderator's identity to the admin API. */
export const authorization = () => ({ Authorization: `Bearer ${token()}` });

const whenSignedOut: (() => void)[] = [];
/** `hide` runs on every sign-out, so what the moderator saw does not stay on screen. */
export const onSignOut = (hide: () => void) => void whenSignedOut.push(hide);

/** Forgets the token and shows the sign-in form with `text` saying why. */
export function signOut(text: string) {
  sessionStorage.removeItem(TOKEN);
  for (const hide of whenSignedOut) hide();
  tokenForm.hidden = false;
  say(text);
  tokenInput.focus();
}

/** `start` runs once a pasted token is stored. */
export function onSignIn(start: () => void) {
  tokenForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const value = tokenInput.value.trim().replace(/^Bearer\s+/i, '');
    if (!value) return void say('Paste a moderator token first.');
    sessionStorage.setItem(TOKEN, value);
    tokenInput.value = '';
    start();
  });
}
