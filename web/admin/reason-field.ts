/** The optional reason recorded with the next approve, reject or spam (one by one or in bulk). */
import { ApiError } from '../src/api';
import { h } from '../src/dom';
import { say } from './page';

const reasonInput = h('input', {
  id: 'reason',
  maxlength: 500,
  size: 40,
  autocomplete: 'off',
  'aria-describedby': 'reason-hint reason-error',
});
const reasonError = h('p', { id: 'reason-error', class: 'field-error' });

/** The field, its hint and its error line, in page order. */
export const reasonField = [
  h('div', { class: 'toolbar' }, h('label', { for: 'reason' }, 'Reason (optional) '), reasonInput),
  h(
    'p',
    { id: 'reason-hint', class: 'hint' },
    'Recorded with the next approve, reject or spam, one by one or in bulk, then cleared. Required to block a reader.',
  ),
  reasonError,
];

/** The reason to send ('' for none); clears the field's last error. */
export function takeReason(): string {
  reasonError.textContent = '';
  reasonInput.removeAttribute('aria-invalid');
  return reasonInput.value.trim();
}

/** After an accepted action: the reason was recorded, so it must not stick to the next one. */
export const reasonDone = (reason: string) => void (reason && (reasonInput.value = ''));

/** A 400 about the reason shows at the field; returns whether it was one. */
export function reasonRefused(e: unknown): boolean {
  const why = e instanceof ApiError && e.code === 'validation_failed' ? e.fields.reason : undefined;
  if (!why) return false;
  reasonError.textContent = `Reason: ${why}`;
  reasonInput.setAttribute('aria-invalid', 'true');
  reasonInput.focus();
  say('The reason was not accepted; nothing was changed.');
  return true;
}

/** On sign-out: an empty field, no error. */
export function resetReason() {
  reasonError.textContent = reasonInput.value = '';
  reasonInput.removeAttribute('aria-invalid');
}
