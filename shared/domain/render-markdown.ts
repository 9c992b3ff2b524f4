/**
 * Markdown -> HTML for reader comments.
 *
 * Escaping is micromark's job (CommonMark, raw HTML is always rendered as text); this module only
 * replaces how links and images are compiled, and refuses input that would be slow to parse.
 *
 * Link policy:
 * - Only absolute `http:`, `https:` and `mailto:` URLs become anchors. Relative URLs and `#fragment`s
 *   are dropped too: a comment is shown on someone else's page, where they would resolve against the
 *   blog (and `//host` is protocol-relative, i.e. external but easy to miss).
 * - A link whose URL is refused renders as its text, with no `<a>`, so nothing is counted or clickable.
 * - Images never load: `![alt](url)` renders as a link to `url` showing `alt`.
 * - Only the outermost of nested links/images becomes an anchor (`[![badge](img)](site)` links to
 *   `site`); an inner one renders as its text, so there are never nested `<a>` tags.
 * - Every anchor gets `rel="nofollow ugc noopener"`; an empty label shows the URL so that no anchor
 *   is invisible.
 */
import { micromark } from 'micromark';
import { gfmAutolinkLiteral, gfmAutolinkLiteralHtml } from 'micromark-extension-gfm-autolink-literal';
import { gfmStrikethrough, gfmStrikethroughHtml } from 'micromark-extension-gfm-strikethrough';
// Both helpers are micromark's own (dependencies of `micromark`): using them keeps URL normalisation and
// reference lookup identical to the stock compiler this module partly replaces.
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import { sanitizeUri } from 'micromark-util-sanitize-uri';
import type { CompileContext, HtmlExtension, Token } from 'micromark-util-types';
import { validationError } from '../errors';

export interface RenderedMarkdown {
  html: string;
  /** Anchors in `html`, autolinks included; the spam heuristics use it. */
  linkCount: number;
}

/**
 * Refusal thresholds, checked by a linear scan before parsing. micromark's slow cases are quadratic: in
 * the delimiter runs of one paragraph (emphasis and bracket resolution), in container nesting, and in
 * the containers and setext headings of the whole document. Each cap sits well above what a human
 * comment needs; `scripts/measure-render.ts` measures the worst input each one still lets through.
 */
export const MARKDOWN_LIMITS = {
  /** Blockquote and list levels on one line (an upper bound, see `containerPrefix`). */
  maxNestingDepth: 16,
  /**
   * `>` and list markers in the whole body: each container that closes makes micromark rebuild the
   * document's event list, so containers cost per document. A 300-line quote or a 200-item list fits.
   */
  maxContainerMarkers: 512,
  /** Longest run of one delimiter character (`*****`); leaves room for 120-column ASCII art. */
  maxDelimiterRunLength: 128,
  /** Delimiter runs in one block of consecutive non-blank lines, where micromark's cost is quadratic. */
  maxDelimiterRunsPerBlock: 256,
  /** Unclosed `[` at any point of a block (nested links and images). */
  maxBracketDepth: 32,
  /** Lines of only `=` or `-` right under a non-blank line: setext headings cost per document. */
  maxSetextUnderlines: 64,
} as const;

const DELIMITERS = new Set(['*', '_', '~', '`', '[', ']', '<', '!']);
const REL = 'nofollow ugc noopener';
const ALLOWED_HREF = /^(?:https?|mailto):/i;
const LIST_MARKER = /(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/y;
const THEMATIC_BREAK = /([-*_])(?:[ \t]*\1){2,}[ \t]*$/y;
const SETEXT_UNDERLINE = /^[ \t>]*(?:=+|-+)[ \t]*$/;

export function renderMarkdown(source: string): RenderedMarkdown {
  assertRenderable(source);
  const counter = { links: 0 };
  const html = micromark(source, {
    allowDangerousHtml: false,
    allowDangerousProtocol: false,
    extensions: [gfmAutolinkLiteral(), gfmStrikethrough()],
    // Ours comes last so that it overrides the stock and GFM link handlers.
    htmlExtensions: [gfmAutolinkLiteralHtml(), gfmStrikethroughHtml(), linkPolicy(counter)],
  });
  return { html, linkCount: counter.links };
}

function refuse(reason: string): never {
  throw validationError({ body: reason });
}

/**
 * The scan deliberately ignores code blocks: a scanner that mirrored micromark's fence rules could be
 * fooled into skipping text that micromark then parses inline. Counting everywhere over-estimates,
 * which only matters for code far larger than a comment holds.
 */
function assertRenderable(source: string): void {
  const limits = MARKDOWN_LIMITS;
  let runs = 0;
  let brackets = 0;
  let setext = 0;
  let containerMarkers = 0;
  let previousBlank = true;
  for (const line of source.split(/\r\n?|\n/)) {
    if (/^[ \t]*$/.test(line)) {
      // Paragraphs (and so emphasis and link resolution) never span a blank line.
      runs = 0;
      brackets = 0;
      previousBlank = true;
      continue;
    }
    const prefix = containerPrefix(line);
    if (prefix.depth > limits.maxNestingDepth) {
      refuse(`is nested more than ${limits.maxNestingDepth} levels deep (quotes or lists)`);
    }
    containerMarkers += prefix.markers;
    if (containerMarkers > limits.maxContainerMarkers) {
      refuse(`has more than ${limits.maxContainerMarkers} quote and list markers`);
    }
    if (!previousBlank && SETEXT_UNDERLINE.test(line) && ++setext > limits.maxSetextUnderlines) {
      refuse(`has more than ${limits.maxSetextUnderlines} heading underlines`);
    }
    previousBlank = false;
    let runLength = 0;
    for (let i = 0; i < line.length; i++) {
      const char = line[i]!;
      if (!DELIMITERS.has(char)) {
        runLength = 0;
        continue;
      }
      if (char === line[i - 1] && runLength > 0) runLength++;
      else {
        runLength = 1;
        if (++runs > limits.maxDelimiterRunsPerBlock) {
          refuse(
            `has more than ${limits.maxDelimiterRunsPerBlock} markup characters (* _ ~ \` [ ] < !) in one paragraph`,
          );
        }
      }
      if (runLength > limits.maxDelimiterRunLength) {
        refuse(`has a run of more than ${limits.maxDelimiterRunLength} '${char}' characters`);
      }
      if (char === '[' && ++brackets > limits.maxBracketDepth) {
        refuse(`has more than ${limits.maxBracketDepth} nested '[' brackets`);
      }
      if (char === ']' && brackets > 0) brackets--;
    }
  }
}

/**
 * An upper bound on the containers open after `line`, needing no state from earlier lines. Containers
 * only open at `>` and list markers, and a line opens them after everything it continues. So on a
 * line that opens something, each marker is at most one container, and each list item continued from
 * an earlier line takes at least two columns of indentation (its marker and a space) before the first
 * list marker, which is necessarily new. Lines that open nothing are no deeper than an earlier line.
 */
function containerPrefix(line: string): { markers: number; depth: number } {
  const cap = MARKDOWN_LIMITS.maxNestingDepth;
  let markers = 0;
  let columns = 0;
  let columnsBeforeLastMarker = 0;
  let inNewList = false;
  for (let i = 0; markers + (columnsBeforeLastMarker >> 1) <= cap;) {
    const char = line[i];
    if (char === ' ' || char === '\t') {
      if (!inNewList) columns += char === '\t' ? 4 : 1; // a tab is worth at most 4 columns
      i++;
      continue;
    }
    if (char === '>') {
      i += line[i + 1] === ' ' ? 2 : 1; // the space belongs to the `>` marker
    } else {
      THEMATIC_BREAK.lastIndex = i;
      if (THEMATIC_BREAK.test(line)) break; // `- - -` is a rule, not three lists
      LIST_MARKER.lastIndex = i;
      if (!LIST_MARKER.test(line)) break;
      i = LIST_MARKER.lastIndex;
      inNewList = true;
    }
    markers++;
    columnsBeforeLastMarker = columns;
  }
  return { markers, depth: markers + (columnsBeforeLastMarker >> 1) };
}

interface Media {
  labelId?: string;
  label?: string;
  referenceId?: string;
  destination?: string;
  title?: string;
}

/** The URL as micromark would write it (percent- and entity-encoded), or undefined if not allowed. */
function allowedHref(url: string | undefined): string | undefined {
  const href = sanitizeUri(url ?? '');
  return ALLOWED_HREF.test(href) ? href : undefined;
}

/**
 * Replaces micromark's link/image compilation (its own media stack is private, so every handler that
 * touches it is replaced, following `micromark/lib/compile.js`). Definitions keep the stock handlers;
 * they are read back through `getData('definitions')`.
 */
function linkPolicy(counter: { links: number }): HtmlExtension {
  const stack: Media[] = [];
  const top = (): Media => stack[stack.length - 1] ?? {};

  function anchor(this: CompileContext, href: string | undefined, text: string, title?: string): void {
    if (href === undefined || stack.length > 0) {
      this.raw(text);
      return;
    }
    counter.links++;
    this.tag(`<a href="${href}"${title ? ` title="${title}"` : ''} rel="${REL}">`);
    this.raw(text || href);
    this.tag('</a>');
  }

  function exitMedia(this: CompileContext): undefined {
    const media = stack.pop() ?? {};
    const target =
      media.destination === undefined
        ? this.getData('definitions')[normalizeIdentifier(media.referenceId || media.labelId || '')]
        : media;
    anchor.call(this, target ? allowedHref(target.destination) : undefined, media.label ?? '', target?.title);
  }

  function autolink(prefix: string) {
    return function (this: CompileContext, token: Token): undefined {
      const url = this.sliceSerialize(token);
      anchor.call(this, allowedHref(prefix + url), this.encode(url));
    };
  }

  return {
    enter: {
      link: () => void stack.push({}),
      image: () => void stack.push({}),
      resource(this: CompileContext) {
        this.buffer(); // line endings inside `(...)` are dropped
        top().destination = '';
      },
      resourceDestinationString(this: CompileContext) {
        this.buffer();
        this.setData('ignoreEncode', true); // sanitizeUri encodes the whole URL afterwards
      },
    },
    exit: {
      labelText(this: CompileContext, token: Token) {
        top().labelId = this.sliceSerialize(token);
      },
      label(this: CompileContext) {
        top().label = this.resume();
      },
      referenceString(this: CompileContext, token: Token) {
        top().referenceId = this.sliceSerialize(token);
      },
      resourceDestinationString(this: CompileContext) {
        top().destination = this.resume();
        this.setData('ignoreEncode');
      },
      resourceTitleString(this: CompileContext) {
        top().title = this.resume();
      },
      link: exitMedia,
      image: exitMedia,
      autolinkProtocol: autolink(''),
      autolinkEmail: autolink('mailto:'),
      literalAutolinkHttp: autolink(''),
      literalAutolinkWww: autolink('http://'),
      literalAutolinkEmail: autolink('mailto:'),
    },
  };
}
