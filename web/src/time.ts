import { h } from './dom';
import { locale, t } from './i18n';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31536000],
  ['month', 2592000],
  ['week', 604800],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 days ago", "vor 3 Tagen", "منذ 3 أيام": Intl does the grammar of every language. */
export function relative(iso: string, now = Date.now(), lang = locale()): string {
  const secs = (new Date(iso).getTime() - now) / 1000;
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  for (const [unit, size] of UNITS) if (Math.abs(secs) >= size) return rtf.format(Math.round(secs / size), unit);
  return t('just_now');
}

/** `<time datetime title>`: relative text, the exact time on hover, both in the widget's language. */
export const timeEl = (iso: string, cls = 'parley-time'): HTMLTimeElement =>
  h(
    'time',
    {
      datetime: iso,
      title: new Intl.DateTimeFormat(locale(), { dateStyle: 'full', timeStyle: 'long' }).format(new Date(iso)),
      class: cls,
    },
    relative(iso),
  );
