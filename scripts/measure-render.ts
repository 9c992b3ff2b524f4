/**
 * Render-time cost of comment Markdown: `npx tsx scripts/measure-render.ts`.
 *
 * For each adversarial shape, at about the API's maximum body size (10,000 characters):
 * - "accepted": the worst input of that shape that `renderMarkdown` still accepts (just under the caps),
 *   and its render time;
 * - "over-cap": the same shape past the caps, rendered by stock micromark (what the guard prevents), and
 *   how fast `renderMarkdown` refuses it.
 * Times are wall-clock milliseconds, best and median of several runs after a warm-up. On a shared
 * machine the median wanders with other processes' load; the best run is the stable figure. Absolute
 * numbers depend on the CPU, so compare rows with the "normal comment" row.
 */
import { micromark } from 'micromark';
import { gfmAutolinkLiteral, gfmAutolinkLiteralHtml } from 'micromark-extension-gfm-autolink-literal';
import { gfmStrikethrough, gfmStrikethroughHtml } from 'micromark-extension-gfm-strikethrough';
import { MARKDOWN_LIMITS as L, renderMarkdown } from '../shared/domain/render-markdown';

const MAX_BODY = 10_000;
const RUNS = 9;

/** Repeat `unit` to exactly `size` characters. */
const fill = (unit: string, size = MAX_BODY): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
/** Blocks of `block`, separated by blank lines, up to the body size (whole blocks only). */
const blocks = (block: string): string => {
  const count = Math.max(1, Math.floor((MAX_BODY + 2) / (block.length + 2)));
  return Array.from({ length: count }, () => block).join('\n\n');
};
/** `unit` repeated so that a block holds `runs` delimiter runs, given the runs per unit. */
const perBlock = (unit: string, runsPerUnit: number, runs = L.maxDelimiterRunsPerBlock): string =>
  unit.repeat(Math.floor(runs / runsPerUnit));
const nestedImages = (depth: number): string => '![a'.repeat(depth) + '](b)'.repeat(depth);
const indentedList = (depth: number): string =>
  Array.from({ length: depth }, (_, i) => `${' '.repeat(2 * i)}- a`).join('\n');
/**
 * As many `block`s as the container-marker cap allows, after short filler lines (document events that
 * every container closing has to copy again) up to the body size.
 */
const containers = (block: string, markersPerBlock: number): string => {
  const count = Math.floor(L.maxContainerMarkers / markersPerBlock);
  const tail = Array.from({ length: count }, () => block).join('\n\n');
  return fill('x\n', MAX_BODY - tail.length - 1).replace(/\n?$/, '\n') + tail;
};
const setext = (headings: number): string => {
  const head = 'Title\n=====\n\n'.repeat(headings);
  return head + fill('filler text, ', MAX_BODY - head.length);
};

const normal = fill(
  [
    'Thanks for the write-up! I tried this on **Node 20** and it *mostly* worked, with ~~one~~ two caveats:',
    '',
    '1. The `--experimental` flag is no longer needed, see https://nodejs.org/api/cli.html.',
    '2. On Windows you need [the other script](https://example.com/windows) instead.',
    '   - which is _not_ obvious from the docs',
    '',
    '> Quote from the post: it "just works".',
    '',
    '```ts',
    'const rows: Array<[string, number]> = items.map((item) => [item.name, item.count * 2]);',
    '```',
    '',
  ].join('\n'),
);

interface Shape {
  name: string;
  /** Just under the caps. */
  allowed: string;
  /** Past the caps; empty for shapes no cap targets. */
  unguarded: string;
}

const shapes: Shape[] = [
  { name: 'unmatched _a* (emphasis)', allowed: blocks(perBlock('_a*', 2)), unguarded: fill('_a*') },
  { name: '_*_* alternating', allowed: blocks(perBlock('_*', 2)), unguarded: fill('_*') },
  {
    name: '*a **b ***c mixed runs',
    allowed: blocks(perBlock('*a **b ***c ', 3)),
    unguarded: fill('*a **b ***c '),
  },
  {
    name: 'nested *a _b ... _*',
    allowed: blocks('*a _b '.repeat(64) + 'c' + '_*'.repeat(64)),
    unguarded: '*a _b '.repeat(1250) + 'c' + '_*'.repeat(1249),
  },
  {
    name: `long ** runs (${L.maxDelimiterRunLength})`,
    allowed: blocks(`${'*'.repeat(L.maxDelimiterRunLength)}a${'*'.repeat(L.maxDelimiterRunLength)}`),
    unguarded: `${'*'.repeat(4999)}a${'*'.repeat(5000)}`,
  },
  { name: '~a strikethrough', allowed: blocks(perBlock('~a', 1)), unguarded: fill('~a') },
  { name: '` code-span openers', allowed: blocks(perBlock('`a ``b ', 2)), unguarded: fill('`a ``b ') },
  { name: '[a] shortcut references', allowed: blocks(perBlock('[a]', 2)), unguarded: fill('[a]') },
  { name: '[a]( unclosed links', allowed: blocks(perBlock('[a](', 2)), unguarded: fill('[a](') },
  {
    name: '[[[ nested brackets',
    allowed: blocks('['.repeat(L.maxBracketDepth) + 'a' + ']'.repeat(L.maxBracketDepth)),
    unguarded: '['.repeat(5000) + 'a' + ']'.repeat(4999),
  },
  {
    name: '[a[a ... links in links',
    allowed: blocks('[a'.repeat(L.maxBracketDepth) + '](b)'.repeat(L.maxBracketDepth)),
    unguarded: fill('[a', 5000) + '](b)'.repeat(1250),
  },
  { name: '![a ... nested images', allowed: blocks(nestedImages(L.maxBracketDepth)), unguarded: nestedImages(1428) },
  { name: '<a autolink/html openers', allowed: blocks(perBlock('<a ', 1)), unguarded: fill('<a ') },
  { name: '!!! runs', allowed: blocks(perBlock('!a', 1)), unguarded: fill('!a') },
  {
    name: '>>> nested quotes',
    allowed: containers('>'.repeat(L.maxNestingDepth) + ' a', L.maxNestingDepth),
    unguarded: fill('>'),
  },
  {
    name: '+ + + lists on one line',
    allowed: containers('+ '.repeat(L.maxNestingDepth) + 'a', L.maxNestingDepth),
    unguarded: fill('+ '),
  },
  {
    name: '> 1. quote/list mix',
    allowed: containers('> 1. '.repeat(L.maxNestingDepth / 2) + 'a', L.maxNestingDepth),
    unguarded: fill('> 1. '),
  },
  {
    name: 'indented list nesting',
    allowed: containers(indentedList(L.maxNestingDepth), L.maxNestingDepth),
    unguarded: indentedList(140).slice(0, MAX_BODY),
  },
  { name: '> a quotes, each closing', allowed: containers('> a', 1), unguarded: fill('> a\n\n') },
  { name: '+ a one-line list items', allowed: containers('+ a\n+ a', 2), unguarded: fill('+ a\n') },
  { name: 'setext headings', allowed: setext(L.maxSetextUnderlines), unguarded: fill('a\n=\n') },
  // Not capped: micromark is merely linear-but-slower on many tiny blocks; listed to bound the worst case.
  { name: '(uncapped) tiny paragraphs', allowed: fill('a\n\n'), unguarded: '' },
  { name: '(uncapped) one-line headings', allowed: fill('# a\n'), unguarded: '' },
  { name: '(uncapped) reference definitions', allowed: fill('[a]: b\n\n'), unguarded: '' },
];

const stock = (source: string): string =>
  micromark(source, {
    extensions: [gfmAutolinkLiteral(), gfmStrikethrough()],
    htmlExtensions: [gfmAutolinkLiteralHtml(), gfmStrikethroughHtml()],
  });

interface Timing {
  min: number;
  median: number;
}

/** Wall time of `fn` in ms over `runs` calls, after one untimed call; `undefined` if it threw. */
function time(fn: () => unknown, runs = RUNS): Timing | undefined {
  try {
    fn();
  } catch {
    return undefined;
  }
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { min: samples[0]!, median: samples[runs >> 1]! };
}

/** Time a call that is expected to throw (the refusal), or report that it did not. */
function timeRefusal(source: string): string {
  const samples: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const start = performance.now();
    try {
      renderMarkdown(source);
      return 'ACCEPTED';
    } catch {
      samples.push(performance.now() - start);
    }
  }
  return `refused in ${(samples.slice(1).sort((a, b) => a - b)[RUNS >> 1] ?? 0).toFixed(2)}`;
}

const ms = (value: Timing | undefined): string =>
  value === undefined ? 'REFUSED' : `${value.min.toFixed(1)} / ${value.median.toFixed(1)}`;

for (let i = 0; i < 5; i++) renderMarkdown(normal); // JIT warm-up

console.log(`caps: ${JSON.stringify(L)}`);
console.log(`wall ms, best / median of ${RUNS} runs (stock micromark: of 3)`);
console.log(`normal comment (${normal.length} chars): ${ms(time(() => renderMarkdown(normal)))}\n`);
const rows = [['shape', 'accepted chars', 'ms', 'over-cap chars', 'stock micromark ms', 'renderMarkdown on it']];
let worst = { name: '', best: 0 };
for (const shape of shapes) {
  const allowed = time(() => renderMarkdown(shape.allowed));
  if (allowed && allowed.min > worst.best) worst = { name: shape.name, best: allowed.min };
  const capped = shape.unguarded !== '';
  rows.push([
    shape.name,
    String(shape.allowed.length),
    ms(allowed),
    capped ? String(shape.unguarded.length) : '',
    capped ? ms(time(() => stock(shape.unguarded), 3)) : '',
    capped ? timeRefusal(shape.unguarded) : '',
  ]);
}
const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
for (const row of rows)
  console.log(
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd(),
  );
console.log(`\nworst accepted (best run): ${worst.best.toFixed(1)} ms, ${worst.name}`);
