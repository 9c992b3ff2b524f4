/**
 * A 5x5, left-right symmetric identicon drawn from `author.avatar` (a keyed hash of the email, 32 hex characters;
 * any string works). No requests.
 */
const NS = 'http://www.w3.org/2000/svg';

export function identicon(hash: string | null | undefined): SVGSVGElement {
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '-0.5 -0.5 6 6');
  svg.setAttribute('class', 'parley-avatar');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  if (!hash) return svg;
  // FNV-1a: 32 well-mixed bits from any string; 15 pick the cells, the rest the hue.
  let bits = 0x811c9dc5;
  for (let i = 0; i < hash.length; i++) bits = Math.imul(bits ^ hash.charCodeAt(i), 0x01000193) >>> 0;
  const color = `hsl(${(bits >>> 15) % 360},55%,45%)`;
  for (let x = 0; x < 3; x++) {
    for (let y = 0; y < 5; y++) {
      if ((bits >>> (x * 5 + y)) & 1) continue;
      for (const cx of x === 2 ? [2] : [x, 4 - x]) {
        const r = document.createElementNS(NS, 'rect');
        r.setAttribute('x', String(cx));
        r.setAttribute('y', String(y));
        r.setAttribute('width', '1');
        r.setAttribute('height', '1');
        r.setAttribute('fill', color);
        svg.appendChild(r);
      }
    }
  }
  return svg;
}
