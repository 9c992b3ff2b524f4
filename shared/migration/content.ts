/**
 * The source's text becomes Markdown (turndown for HTML) and then goes through the very renderer
 * every posted comment goes through, so an imported comment is exactly as safe as a native one.
 */
import TurndownService from 'turndown';
import { renderMarkdown } from '../domain/render-markdown';
import { BODY_MAX } from './limits';
import type { ImportedComment } from './model';

const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-' });
// Scripts, styles and frames carry no conversation: drop them with their content.
turndown.remove(['script', 'style', 'iframe', 'object', 'embed', 'noscript']);

/** Control characters (other than tab and newline) that Parley refuses in posted bodies. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;

export type Converted = { ok: true; body: string; html: string } | { ok: false; reason: string };

export const toMarkdown = (content: ImportedComment['content']): string => {
  const source = content.kind === 'html' ? turndown.turndown(content.value) : content.value;
  return source.replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
};

export const convertBody = (content: ImportedComment['content']): Converted => {
  const body = toMarkdown(content);
  if (body === '') return { ok: false, reason: 'empty body' };
  if ([...body].length > BODY_MAX) return { ok: false, reason: `body over ${BODY_MAX} characters` };
  try {
    return { ok: true, body, html: renderMarkdown(body).html };
  } catch {
    return { ok: false, reason: 'body over the Markdown limits' };
  }
};
