/**
 * Where the widget talks to and where it came from, read from its own <script> tag while it is
 * being evaluated (`document.currentScript` is null once that is over).
 */
const script = document.currentScript as HTMLScriptElement | null;
export const API = (
  script?.dataset.api ??
  document.querySelector<HTMLScriptElement>('script[data-api]')?.dataset.api ??
  ''
).replace(/\/+$/, '');
/** Where embed.js came from: its locale files and stylesheet sit next to it. */
export const BASE = script?.src || location.href;

export const threadUrl = (q: URLSearchParams) => `${API}/v1/comments?${q}`;
