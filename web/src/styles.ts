/**
 * Where the widget renders and how its CSS gets there.
 *  - default: a `<style>` in the page's head, the CSS inlined in embed.js (no extra request);
 *  - `data-csp="strict"`: a `<link>` to the content-hashed widget CSS next to embed.js, for pages
 *    whose Content-Security-Policy allows no inline style;
 *  - `data-isolate`: everything inside a shadow root, so the page's CSS cannot reach the widget
 *    (inherited font and colour, and the --parley-* properties, still come through, as they should).
 */
import { h } from './dom';

declare const __PARLEY_CSS__: string;
/** Hashed name of web/src/widget.css in web/dist, written by web/build.ts. */
declare const __PARLEY_CSS_FILE__: string;

function styleFor(root: HTMLElement, base: string): HTMLElement {
  if (root.dataset.csp === 'strict')
    return h('link', { rel: 'stylesheet', href: new URL(__PARLEY_CSS_FILE__, base).href });
  const style = h('style');
  style.textContent = __PARLEY_CSS__;
  return style;
}

/** Puts the widget's CSS in place and returns the node the thread renders into. */
export function attach(root: HTMLElement, base: string): ParentNode {
  if ('isolate' in root.dataset) {
    const shadow = root.shadowRoot ?? root.attachShadow({ mode: 'open' });
    const target = h('div');
    shadow.replaceChildren(styleFor(root, base), target);
    return target;
  }
  if (!document.getElementById('parley-style')) {
    const style = styleFor(root, base);
    style.id = 'parley-style';
    document.head.prepend(style);
  }
  return root;
}
