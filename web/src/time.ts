import { h } from './dom';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31536000],
  ['month', 2592000],
  ['week', 604800],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
];

export function relative(iso: string, now = Date.now()): string {
  const secs = (new Date(iso).getTime() - now) / 1000;
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of UNITS) if (Math.abs(secs) >= size) return rtf.format(Math.round(secs / size), unit);
  return 'just now';
}

/** `<time datetime title>`: relative text, the exact local time on hover. */
export const timeEl = (iso: string, cls = 'parley-time'): HTMLTimeElement =>
  h(
    'time',
    {
      datetime: iso,
      title: new Date(iso).toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'long' }),
      class: cls,
    },
    relative(iso),
  );
