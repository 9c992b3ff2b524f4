/**
 * The comment form (new comment or reply) and the edit form. A submission gets a fresh
 * Idempotency-Key; a retry of the very same submission (same fields) resends the same key and
 * the same body, elapsedMs included, so the server answers the first result instead of
 * creating a second comment.
 */
import { ApiError, call, type Created } from './api';
import { h, randomKey, uid } from './dom';
import { errorMessage, t } from './i18n';
import { loadCredential, loadProfile, saveCredential, saveProfile } from './mine';

type Input = HTMLInputElement | HTMLTextAreaElement;

interface Field {
  wrap: HTMLElement;
  input: Input;
  error: HTMLElement;
}

function field(label: string, input: Input, hint?: string): Field {
  const id = uid('f');
  input.id = id;
  const error = h('p', { id: `${id}-e`, class: 'parley-field-error' });
  const hintEl = hint ? h('p', { id: `${id}-h`, class: 'parley-hint' }, hint) : null;
  input.setAttribute('aria-describedby', `${hintEl ? `${id}-h ` : ''}${id}-e`);
  return {
    wrap: h('div', { class: 'parley-field' }, h('label', { for: id }, label), input, hintEl, error),
    input,
    error,
  };
}

/** Shows `fields` (path -> reason) at the matching inputs; returns the reasons that fit no input. */
function showErrors(fields: Record<string, Field>, reasons: Record<string, string>): string[] {
  const rest: string[] = [];
  let first: Input | null = null;
  for (const [path, reason] of Object.entries(reasons)) {
    const f = fields[path];
    if (!f) {
      rest.push(`${path}: ${reason}`);
      continue;
    }
    f.error.textContent = reason;
    f.input.setAttribute('aria-invalid', 'true');
    first ??= f.input;
  }
  first?.focus();
  return rest;
}

const clearErrors = (fields: Record<string, Field>): void => {
  for (const f of Object.values(fields)) {
    f.error.textContent = '';
    f.input.removeAttribute('aria-invalid');
  }
};

/** Client-side checks with the browser's own messages, shown like the server's. */
function localErrors(fields: Record<string, Field>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, f] of Object.entries(fields)) if (!f.input.checkValidity()) out[path] = f.input.validationMessage;
  return out;
}

export interface FormOptions {
  api: string;
  post: string;
  parentId: string | null;
  title: string | null;
  url: string | null;
  label: string;
  onCreated: (created: Created, body: string) => void;
  onCancel?: () => void;
  onLocked: () => void;
  /** The thread page's form token, once a page has arrived. */
  formToken: () => string | undefined;
}

export function commentForm(o: FormOptions): HTMLFormElement {
  const p = loadProfile();
  const name = h('input', { name: 'name', required: true, maxlength: 80, autocomplete: 'name', value: p.name });
  const email = h('input', { name: 'email', type: 'email', maxlength: 254, autocomplete: 'email', value: p.email });
  const website = h('input', {
    name: 'website',
    type: 'url',
    maxlength: 500,
    autocomplete: 'url',
    placeholder: 'https://',
    value: p.website,
  });
  const body = h('textarea', { name: 'body', required: true, maxlength: 10000, rows: 5 });
  // Replies are mailed only after the reader confirms the one mail this asks for (double opt-in),
  // and only an address can receive them: without one the box stays off.
  const notify = h('input', { type: 'checkbox', name: 'notifyReplies' });
  const syncNotify = () => (notify.disabled = !email.value.trim());
  syncNotify();
  email.addEventListener('input', syncNotify);
  const hp = h('input', { name: 'hp', tabindex: -1, autocomplete: 'off' });
  const fields: Record<string, Field> = {
    'author.name': field(t('name'), name),
    'author.email': field(t('email'), email, t('email_hint')),
    'author.website': field(t('website'), website),
    body: field(t('comment'), body, t('markdown_hint')),
  };
  const alert = h('p', { class: 'parley-error', role: 'alert' });
  const submit = h(
    'button',
    { type: 'submit', class: 'parley-primary' },
    t(o.parentId ? 'post_reply' : 'post_comment'),
  );
  let openedAt = performance.now();
  let attempt: { fingerprint: string; key: string; json: string } | null = null;
  let busy = false;

  const form = h(
    'form',
    { class: 'parley-form', novalidate: true, 'aria-label': o.label },
    h('div', { class: 'parley-hp', 'aria-hidden': 'true' }, h('label', null, `${t('honeypot')} `, hp)),
    h(
      'div',
      { class: 'parley-row' },
      fields['author.name']!.wrap,
      fields['author.email']!.wrap,
      fields['author.website']!.wrap,
    ),
    fields.body!.wrap,
    h('label', { class: 'parley-notify' }, notify, ` ${t('notify_replies')}`),
    alert,
    h(
      'div',
      { class: 'parley-actions' },
      submit,
      o.onCancel && h('button', { type: 'button', onclick: o.onCancel }, t('cancel')),
    ),
  );

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    clearErrors(fields);
    alert.textContent = '';
    const local = localErrors(fields);
    if (Object.keys(local).length) {
      showErrors(fields, local);
      alert.textContent = t('fix_fields');
      return;
    }
    const author: Record<string, string> = { name: name.value.trim() };
    if (email.value.trim()) author.email = email.value.trim();
    if (website.value.trim()) author.website = website.value.trim();
    const payload = {
      post: o.post,
      parentId: o.parentId,
      author,
      body: body.value,
      notifyReplies: notify.checked && !notify.disabled,
      title: o.title,
      url: o.url,
      hp: hp.value,
    };
    const fingerprint = JSON.stringify(payload);
    if (attempt?.fingerprint !== fingerprint) {
      attempt = {
        fingerprint,
        key: randomKey(),
        json: JSON.stringify({
          ...payload,
          elapsedMs: Math.round(performance.now() - openedAt),
          formToken: o.formToken(),
        }),
      };
    }
    const credential = loadCredential();
    busy = true;
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      const created = await call<Created>(`${o.api}/v1/comments`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': attempt.key,
          ...(credential ? { 'X-Author-Credential': credential } : {}),
        },
        body: attempt.json,
      });
      saveProfile({ name: name.value.trim(), email: email.value.trim(), website: website.value.trim() });
      saveCredential(created.authorCredential);
      const text = body.value;
      attempt = null;
      body.value = '';
      openedAt = performance.now();
      o.onCreated(created, text);
    } catch (e) {
      const code = e instanceof ApiError ? e.code : '';
      // These answers are final for this exact submission: the next one must get a new key.
      if (['idempotency_conflict', 'invalid_json', 'unsupported_media_type'].includes(code)) attempt = null;
      const rest = e instanceof ApiError && code === 'validation_failed' ? showErrors(fields, e.fields) : [];
      alert.textContent = [errorMessage(e), ...rest].join(' ');
      if (code === 'thread_locked') o.onLocked();
    } finally {
      busy = false;
      submit.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });
  return form;
}

/** In-place editor for the reader's own comment. `save` rejects with an ApiError to show. */
export function editForm(initial: string, save: (body: string) => Promise<void>, cancel: () => void): HTMLFormElement {
  const body = h('textarea', { name: 'body', required: true, maxlength: 10000, rows: 5 });
  body.value = initial;
  const f = field(t('edit_yours'), body);
  const alert = h('p', { class: 'parley-error', role: 'alert' });
  const form = h(
    'form',
    { class: 'parley-form parley-edit', novalidate: true },
    f.wrap,
    alert,
    h(
      'div',
      { class: 'parley-actions' },
      h('button', { type: 'submit', class: 'parley-primary' }, t('save')),
      h('button', { type: 'button', onclick: cancel }, t('cancel')),
    ),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors({ body: f });
    if (!body.value.trim()) {
      showErrors({ body: f }, { body: body.validationMessage || t('required') });
      return;
    }
    try {
      await save(body.value);
    } catch (e) {
      const rest = e instanceof ApiError && e.code === 'validation_failed' ? showErrors({ body: f }, e.fields) : [];
      alert.textContent = [errorMessage(e), ...rest].join(' ');
    }
  });
  return form;
}
