/**
 * The provider's one interaction: a server-rendered sign-in form with labelled Email and Password
 * fields, like Cognito's managed login. There is no consent step (provider.ts grants the
 * first-party console automatically), so a good password goes straight back to the console.
 */
import type http from 'node:http';
import { errors, type KoaContextWithOIDC, type Provider } from 'oidc-provider';
import { authenticate } from './accounts';

const INTERACTION_PATH = /^\/interaction\/([\w-]+)(\/login)?$/;
const MAX_FORM_BYTES = 8 * 1024;

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const page = (title: string, body: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Parley (local)</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 22rem; margin: 4rem auto; padding: 0 1rem; }
label, input, button { display: block; width: 100%; box-sizing: border-box; }
input { margin: 0.25rem 0 1rem; padding: 0.5rem; font: inherit; }
button { padding: 0.6rem; font: inherit; cursor: pointer; }
.error { color: #b00020; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>`;

const loginForm = (uid: string, email: string, error?: string): string =>
  page(
    'Sign in',
    `${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required autofocus value="${escapeHtml(email)}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
<p><small>Local Parley provider. Manage users with <code>npm run moderator:local</code>.</small></p>`,
  );

/**
 * The sign-in page must not be framed (clickjacking) nor run scripts. Its form may post here only,
 * but browsers apply form-action to the redirects that follow the post too, and those end at the
 * console's redirect URI: its origins are allowed as well.
 */
const send = (res: http.ServerResponse, status: number, html: string, formTargets: readonly string[] = []): void => {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${formTargets.join(' ')}; frame-ancestors 'none'`,
  });
  res.end(html);
};

const readForm = async (req: http.IncomingMessage): Promise<URLSearchParams> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};

/**
 * Serves /interaction/UID (the form) and /interaction/UID/login (its submission); returns false
 * for every other path, which then belongs to the provider.
 */
export const handleInteraction = async (
  provider: Provider,
  dataDir: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  /** The console's origins, where the redirects after a successful sign-in end. */
  formTargets: readonly string[] = [],
): Promise<boolean> => {
  const match = INTERACTION_PATH.exec(new URL(req.url ?? '/', 'http://local').pathname);
  if (!match) return false;
  // interactionDetails checks the interaction cookie, so a form cannot be replayed from elsewhere.
  let details: Awaited<ReturnType<Provider['interactionDetails']>>;
  try {
    details = await provider.interactionDetails(req, res);
  } catch (error) {
    if (!(error instanceof errors.SessionNotFound)) throw error;
    send(
      res,
      400,
      page('Sign-in expired', '<p>This sign-in page has expired. Go back to the console and sign in again.</p>'),
    );
    return true;
  }
  const uid = details.uid;
  if (details.prompt.name !== 'login') {
    send(res, 400, page('Cannot continue', '<p>This local provider only signs users in.</p>'));
    return true;
  }
  if (!match[2] || req.method !== 'POST') {
    send(res, 200, loginForm(uid, ''), formTargets);
    return true;
  }
  const form = await readForm(req);
  const email = form.get('email') ?? '';
  const account = await authenticate(dataDir, email, form.get('password') ?? '');
  if (!account) {
    send(res, 401, loginForm(uid, email, 'Incorrect email or password.'), formTargets);
    return true;
  }
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: account.sub } },
    { mergeWithLastSubmission: false },
  );
  return true;
};

/**
 * Logging out asks nothing, as Cognito's /logout does: the provider's confirmation form is
 * submitted by the page itself (a button remains for browsers without scripts).
 */
export const logoutSource = async (ctx: KoaContextWithOIDC, form: string): Promise<void> => {
  const confirmed = form.replace('</form>', '<input type="hidden" name="logout" value="yes"></form>');
  ctx.type = 'html';
  ctx.body = page(
    'Signing out',
    `${confirmed}
<noscript><button type="submit" form="op.logoutForm">Sign out</button></noscript>
<script>document.forms[0].submit()</script>`,
  );
};

export const postLogoutSuccessSource = async (ctx: KoaContextWithOIDC): Promise<void> => {
  ctx.type = 'html';
  ctx.body = page('Signed out', '<p>You are signed out of the local Parley provider.</p>');
};
