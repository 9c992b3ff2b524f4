/**
 * A tiny element builder. Text children become text nodes and attributes go through
 * setAttribute, so reader-supplied strings can never turn into markup. The only way to insert
 * HTML is `setServerHtml`, reserved for the server's already-sanitised `comment.html`.
 */
export type Attrs = Record<string, string | number | boolean | null | undefined | ((ev: Event) => void)>;
export type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else if (v !== false && v != null) el.setAttribute(k, String(v));
  }
  append(el, ...children);
  return el;
}

export const append = (el: Node, ...children: Child[]): void => {
  for (const c of children) if (c) el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
};

/** Server-rendered comment HTML (safe by contract of the API). Never call with reader input. */
export const setServerHtml = (el: HTMLElement, html: string): void => {
  el.innerHTML = html;
};

let seq = 0;
export const uid = (prefix: string): string => `parley-${prefix}-${++seq}`;

/** A link only for http(s) URLs; anything else is shown as plain text. */
export const safeLink = (text: string, href: string | null | undefined, cls?: string): HTMLElement =>
  href && /^https?:\/\//i.test(href)
    ? h('a', { href, rel: 'nofollow ugc noopener', class: cls }, text)
    : h('span', { class: cls }, text);

export const randomKey = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
};
