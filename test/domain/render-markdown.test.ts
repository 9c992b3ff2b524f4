import fc from 'fast-check';
import { MARKDOWN_LIMITS as L, renderMarkdown } from '../../shared/domain/render-markdown';
import { AppError } from '../../shared/errors';

const REL = 'nofollow ugc noopener';

/** Everything micromark may emit, with the attributes each tag may carry. */
const ALLOWED_TAGS: Record<string, readonly string[]> = {
  a: ['href', 'title', 'rel'],
  code: ['class'],
  ol: ['start'],
  ...Object.fromEntries(
    ['p', 'em', 'strong', 'del', 'pre', 'blockquote', 'ul', 'li', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map(
      (t) => [t, []],
    ),
  ),
};
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>]+="[^"]*")*)\s*(\/?)>/g;
const ATTRIBUTE = /\s+([^\s=>]+)="([^"]*)"/g;

interface Anchor {
  href: string;
  rel: string | undefined;
}

/**
 * Structural check that `html` cannot run anything: every `<` starts a known tag with known attributes,
 * every href is http(s) or mailto, and no text is left that a browser could read as markup.
 */
function assertInert(html: string): Anchor[] {
  const anchors: Anchor[] = [];
  let insideAnchor = false;
  for (const [, closing, name, attributes = ''] of html.matchAll(TAG)) {
    const tag = name!.toLowerCase();
    if (tag === 'a') {
      expect(insideAnchor).toBe(!!closing); // anchors never nest
      insideAnchor = !closing;
    }
    expect(Object.keys(ALLOWED_TAGS)).toContain(tag);
    const found = Object.fromEntries([...attributes.matchAll(ATTRIBUTE)].map(([, key, value]) => [key!, value!]));
    for (const key of Object.keys(found)) {
      expect(key).not.toMatch(/^on/i);
      expect(ALLOWED_TAGS[tag]).toContain(key);
    }
    if (tag === 'a' && !closing) {
      expect(found.href).toMatch(/^(?:https?|mailto):[^\s\u0000-\u001f]*$/i);
      anchors.push({ href: found.href!, rel: found.rel });
    }
  }
  expect(insideAnchor).toBe(false);
  const text = html.replace(TAG, '');
  expect(text).not.toMatch(/[<>]/);
  expect(html).not.toMatch(/<(?:script|iframe|img|style|svg|object|embed)/i);
  expect(html.match(/<a\s/g)?.length ?? 0).toBe(anchors.length);
  return anchors;
}

function render(source: string): string {
  const { html } = renderMarkdown(source);
  assertInert(html);
  return html;
}

function refusal(source: string): AppError {
  try {
    renderMarkdown(source);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the input to be refused');
}

describe('markdown features', () => {
  test('emphasis, strong, strikethrough and inline code render as their tags', () => {
    expect(render('*a* _b_ **c** __d__ ~~e~~ `f <g>`')).toBe(
      '<p><em>a</em> <em>b</em> <strong>c</strong> <strong>d</strong> <del>e</del> <code>f &lt;g&gt;</code></p>',
    );
  });

  test('fenced code keeps its language class and escapes its contents', () => {
    expect(render('```js\nif (a < b && c) alert("x");\n```')).toBe(
      '<pre><code class="language-js">if (a &lt; b &amp;&amp; c) alert(&quot;x&quot;);\n</code></pre>',
    );
  });

  test('blockquotes and nested lists render as nested containers', () => {
    expect(render('> quoted\n\n- a\n  1. b\n  2. c')).toBe(
      '<blockquote>\n<p>quoted</p>\n</blockquote>\n<ul>\n<li>a\n<ol>\n<li>b</li>\n<li>c</li>\n</ol>\n</li>\n</ul>',
    );
  });

  test('bare URLs, www. hosts and e-mail addresses become links', () => {
    const { html, linkCount } = renderMarkdown('see https://a.example/x?y=1&z=2, www.b.example and me@c.example');
    expect(assertInert(html).map((a) => a.href)).toEqual([
      'https://a.example/x?y=1&amp;z=2',
      'http://www.b.example',
      'mailto:me@c.example',
    ]);
    expect(linkCount).toBe(3);
  });
});

describe('raw HTML', () => {
  test.each([
    ['a script tag', '<script>alert(1)</script>'],
    ['a script block', '<script>\nalert(1)\n</script>'],
    ['an img with onerror', 'x <img src=x onerror="alert(1)"> y'],
    ['an img HTML block', '<img src=x onerror=alert(1)>'],
    ['an anchor with a javascript: href', '<a href="javascript:alert(1)">click</a>'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>'],
    ['an HTML comment', 'a <!-- hidden --> b\n\n<!--\nblock\n-->'],
    ['a style block', '<style>body { display: none }</style>'],
    ['an svg with onload', '<svg onload=alert(1)>'],
    ['a div with onclick', '<div onclick="alert(1)">\n\n*md*\n\n</div>'],
  ])('%s is escaped text, never markup', (_, source) => {
    const { html, linkCount } = renderMarkdown(source);
    expect(assertInert(html)).toEqual([]);
    expect(html).toContain('&lt;');
    expect(linkCount).toBe(0);
  });
});

describe('links', () => {
  test('every kind of link gets rel="nofollow ugc noopener"', () => {
    const source = [
      '[inline](https://a.example "title") [ref][r] [collapsed][] <https://b.example> <me@c.example>',
      'https://d.example www.e.example f@g.example [mail](mailto:h@i.example) ![img](https://j.example/k.png)',
      '',
      '[r]: https://l.example',
      '[collapsed]: HTTP://M.EXAMPLE',
    ].join('\n');
    const { html, linkCount } = renderMarkdown(source);
    const anchors = assertInert(html);
    expect(anchors).toHaveLength(10);
    expect(linkCount).toBe(10);
    for (const anchor of anchors) expect(anchor.rel).toBe(REL);
  });

  test.each([
    ['javascript:', '[x](javascript:alert(1))'],
    ['mixed-case JaVaScRiPt:', '[x](JaVaScRiPt:alert(1))'],
    ['decimal entity-encoded', '[x](&#106;avascript:alert(1))'],
    ['hex entity-encoded', '[x](&#x6A;&#x61;vascript:alert(1))'],
    ['named entity colon', '[x](javascript&colon;alert(1))'],
    ['embedded tab entity', '[x](java&#9;script:alert(1))'],
    ['embedded newline entity', '[x](java&#10;script:alert(1))'],
    ['embedded tab in <>', '[x](<java\tscript:alert(1)>)'],
    ['leading space entity', '[x](&#32;javascript:alert(1))'],
    ['percent-encoded', '[x](%6Aavascript:alert(1))'],
    ['data:', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['vbscript:', '[x](vbscript:msgbox(1))'],
    ['file:', '[x](file:///etc/passwd)'],
    ['irc:', '[x](irc://irc.example.net/chan)'],
    ['ircs:', '[x](ircs://irc.example.net/chan)'],
    ['xmpp:', '[x](xmpp:someone@example.net)'],
    ['javascript: autolink', '<javascript:alert(1)>'],
    ['irc: autolink', '<irc://irc.example.net>'],
    ['javascript: reference definition', '[x][r]\n\n[r]: javascript:alert(1)'],
    ['javascript: image', '![x](javascript:alert(1))'],
    ['data: image', '![x](data:image/svg+xml,<svg onload=alert(1)>)'],
  ])('a %s URL never appears in an href; the label stays as text', (_, source) => {
    const { html, linkCount } = renderMarkdown(source);
    expect(assertInert(html)).toEqual([]);
    expect(linkCount).toBe(0);
    expect(html).not.toMatch(/href/);
  });

  test('relative, protocol-relative and fragment-only links render as their text', () => {
    const { html, linkCount } = renderMarkdown('[home](/) [top](#top) [page](page.html) [ext](//evil.example)');
    expect(html).toBe('<p>home top page ext</p>');
    expect(linkCount).toBe(0);
  });

  test('an empty label shows the URL, so no link is invisible', () => {
    expect(render('[](https://a.example)')).toBe(
      `<p><a href="https://a.example" rel="${REL}">https://a.example</a></p>`,
    );
  });

  test('a title is kept, escaped', () => {
    expect(render('[a](https://a.example "say \\"hi\\" <b> onclick=x")')).toBe(
      `<p><a href="https://a.example" title="say &quot;hi&quot; &lt;b&gt; onclick=x" rel="${REL}">a</a></p>`,
    );
  });
});

describe('images', () => {
  test('an image renders as a link to it showing the alt text, never as <img>', () => {
    const { html, linkCount } = renderMarkdown('![a *cat*](https://a.example/cat.png "Cat")');
    expect(html).toBe(`<p><a href="https://a.example/cat.png" title="Cat" rel="${REL}">a <em>cat</em></a></p>`);
    expect(html).not.toContain('<img');
    expect(linkCount).toBe(1);
  });

  test('an image inside a link (a badge) becomes the text of that one link', () => {
    const { html, linkCount } = renderMarkdown('[![build passing](https://ci.example/badge.svg)](https://ci.example/)');
    expect(html).toBe(`<p><a href="https://ci.example/" rel="${REL}">build passing</a></p>`);
    expect(linkCount).toBe(1);
  });

  test('links inside an image label, or autolinks inside a link label, never nest anchors', () => {
    for (const source of ['![[a](https://b.example)](https://c.example)', '[<https://a.example>](https://b.example)']) {
      const { html, linkCount } = renderMarkdown(source);
      expect(assertInert(html)).toHaveLength(1);
      expect(linkCount).toBe(1);
    }
  });
});

describe('linkCount', () => {
  test('counts every anchor, autolinks included, and nothing that is not one', () => {
    const source = [
      '[a](https://a.example) [b](http://b.example) <https://c.example> www.d.example e@f.example',
      '[bad](javascript:x) [rel](/x) `https://code.example` \\[g](/g) [undefined reference][nowhere]',
      '',
      '```',
      'https://fenced.example',
      '```',
    ].join('\n');
    const { html, linkCount } = renderMarkdown(source);
    expect(linkCount).toBe(5);
    expect(assertInert(html)).toHaveLength(5);
  });

  test('is 0 for plain text', () => {
    expect(renderMarkdown('no links here, just a . and an @ sign').linkCount).toBe(0);
  });
});

describe('render-time guard', () => {
  const quotes = (depth: number): string => '> '.repeat(depth) + 'a';
  const indentedList = (depth: number): string =>
    Array.from({ length: depth }, (_, i) => `${' '.repeat(2 * i)}- a`).join('\n');
  const tabbedList = (depth: number): string =>
    Array.from({ length: depth }, (_, i) => `${'\t'.repeat(i)}- a`).join('\n');

  // [cap, input just under it (accepted), input just over it (refused)]
  test.each<[string, string, string]>([
    ['nested blockquotes', quotes(L.maxNestingDepth), quotes(L.maxNestingDepth + 1)],
    ['nested blockquotes without spaces', '>'.repeat(L.maxNestingDepth) + 'a', '>'.repeat(L.maxNestingDepth + 1) + 'a'],
    ['list nesting by indentation', indentedList(L.maxNestingDepth), indentedList(L.maxNestingDepth + 1)],
    // A tab may stand for 4 columns, enough to continue two list items, so tab-indented lists count double.
    ['list nesting by tabs', tabbedList(L.maxNestingDepth / 2), tabbedList(L.maxNestingDepth / 2 + 1)],
    ['lists opened on one line', '+ '.repeat(L.maxNestingDepth) + 'a', '+ '.repeat(L.maxNestingDepth + 1) + 'a'],
    [
      'quotes and ordered lists mixed',
      '> 1. '.repeat(L.maxNestingDepth / 2) + 'a',
      '> 1. '.repeat(L.maxNestingDepth / 2) + '> a',
    ],
    [
      'quote and list markers in the body',
      '> a\n\n'.repeat(L.maxContainerMarkers),
      '> a\n\n'.repeat(L.maxContainerMarkers + 1),
    ],
    ['list items in the body', '- a\n'.repeat(L.maxContainerMarkers), '- a\n'.repeat(L.maxContainerMarkers + 1)],
    ['a run of *', '*'.repeat(L.maxDelimiterRunLength), '*'.repeat(L.maxDelimiterRunLength + 1)],
    ['a run of _', `a ${'_'.repeat(L.maxDelimiterRunLength)}`, `a ${'_'.repeat(L.maxDelimiterRunLength + 1)}`],
    ['a run of ~', `a ${'~'.repeat(L.maxDelimiterRunLength)}`, `a ${'~'.repeat(L.maxDelimiterRunLength + 1)}`],
    ['a run of `', '`'.repeat(L.maxDelimiterRunLength), '`'.repeat(L.maxDelimiterRunLength + 1)],
    ['a run of !', '!'.repeat(L.maxDelimiterRunLength), '!'.repeat(L.maxDelimiterRunLength + 1)],
    ['a run of <', '<'.repeat(L.maxDelimiterRunLength), '<'.repeat(L.maxDelimiterRunLength + 1)],
    [
      'unmatched emphasis runs in a paragraph',
      '_a*'.repeat(L.maxDelimiterRunsPerBlock / 2),
      '_a*'.repeat(L.maxDelimiterRunsPerBlock / 2) + '_',
    ],
    [
      'alternating _* runs',
      'x_*'.repeat(L.maxDelimiterRunsPerBlock / 2),
      'x_*'.repeat(L.maxDelimiterRunsPerBlock / 2) + 'x_',
    ],
    [
      'code-span openers in a paragraph',
      '`a'.repeat(L.maxDelimiterRunsPerBlock),
      '`a'.repeat(L.maxDelimiterRunsPerBlock + 1),
    ],
    [
      'link openers in a paragraph',
      '[a]('.repeat(L.maxDelimiterRunsPerBlock / 2),
      '[a]('.repeat(L.maxDelimiterRunsPerBlock / 2) + '[',
    ],
    [
      'nested [ brackets',
      '['.repeat(L.maxBracketDepth) + 'a' + ']'.repeat(L.maxBracketDepth),
      '['.repeat(L.maxBracketDepth + 1) + 'a',
    ],
    [
      'nested images',
      '![a'.repeat(L.maxBracketDepth) + '](b)'.repeat(L.maxBracketDepth),
      '![a'.repeat(L.maxBracketDepth + 1) + '](b)',
    ],
    [
      'setext headings',
      'Title\n===\n\n'.repeat(L.maxSetextUnderlines),
      'Title\n---\n\n'.repeat(L.maxSetextUnderlines + 1),
    ],
  ])('the cap on %s accepts input just under it and refuses input over it', (_, under, over) => {
    expect(() => renderMarkdown(under)).not.toThrow();
    const error = refusal(over);
    expect(error.kind).toBe('validation_failed');
    expect(error.fields).toEqual({ body: expect.any(String) });
  });

  test('delimiter runs are counted per paragraph, so many ordinary paragraphs are fine', () => {
    const paragraph = '_a*'.repeat(L.maxDelimiterRunsPerBlock / 2);
    expect(() => renderMarkdown(Array.from({ length: 10 }, () => paragraph).join('\n\n'))).not.toThrow();
  });

  test.each([
    ['unbalanced emphasis', '_a*'],
    ['nested brackets', '['],
    ['nested blockquotes', '>'],
    ['lists opened on one line', '+ '],
    ['nested images', '![a'],
    ['setext headings', 'a\n=\n'],
  ])('a 10,000-character body of %s is refused before parsing', (_, unit) => {
    expect(refusal(unit.repeat(10_000).slice(0, 10_000)).kind).toBe('validation_failed');
  });

  test('a busy but human comment (ASCII art, rules, tables, YAML, doc comments) is accepted', () => {
    const comment = [
      'Great post! Here is my setup, **works for me**:',
      '',
      '```',
      '*'.repeat(80),
      `* ${'Banner'.padEnd(76)} *`,
      '*'.repeat(80),
      '-'.repeat(80),
      '='.repeat(80),
      '~'.repeat(80),
      '```',
      '',
      '| col | other |',
      '|-----|-------|',
      '| `a` | _b_   |',
      '',
      '```yaml',
      'spec:',
      '  containers:',
      '    - name: app',
      '      env:',
      '        - name: A_B_C',
      '          valueFrom: { secretKeyRef: { name: x, key: y } }',
      '```',
      '',
      '```java',
      '    /**',
      '     * Does the thing. See {@link Foo#bar(int[][])} and <b>this</b>.',
      '     */',
      '    public static final Map<String, List<int[]>> CACHE = new HashMap<>();',
      '```',
      '',
      'Heading',
      '-------',
      '',
      '* * *',
      '',
      '> > Someone said this',
      '> and I *agree*.',
    ].join('\n');
    const big = Array.from({ length: 10 }, () => comment)
      .join('\n\n')
      .slice(0, 10_000);
    expect(() => render(big)).not.toThrow();
  });

  test('a long run of "* * *" is a thematic break, not nested lists', () => {
    expect(render('* '.repeat(40))).toBe('<hr />');
  });
});

describe('any input', () => {
  const alphabet = fc.constantFrom(
    ...[
      'a',
      ' ',
      '\n',
      '\t',
      '*',
      '_',
      '~',
      '`',
      '[',
      ']',
      '(',
      ')',
      '<',
      '>',
      '!',
      '"',
      "'",
      '&',
      '#',
      ';',
      ':',
      '/',
      '-',
      '=',
      '\\',
    ],
    ...[
      'javascript:',
      'JaVaScRiPt:',
      'data:',
      'vbscript:',
      'http://x.example',
      'www.x.example',
      'a@b.example',
      '&#106;',
      '&colon;',
      'onerror=',
      '<img ',
      '<script>',
      '<a href=',
      '](',
      '![',
      '    ',
      '1. ',
      '- ',
      '> ',
    ],
  );

  test('renders inert HTML whose anchor count equals linkCount, or is refused as validation_failed', () => {
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 80 }).map((parts) => parts.join('')),
        (source) => {
          let result;
          try {
            result = renderMarkdown(source);
          } catch (error) {
            expect(error).toBeInstanceOf(AppError);
            expect((error as AppError).kind).toBe('validation_failed');
            return;
          }
          const anchors = assertInert(result.html);
          expect(anchors).toHaveLength(result.linkCount);
          for (const anchor of anchors) expect(anchor.rel).toBe(REL);
        },
      ),
      { numRuns: 500 },
    );
  });
});
