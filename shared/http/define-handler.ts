import type * as z from 'zod/mini';
import type { RouteSpec } from '../routes/spec';
import type { Moderator } from '../usecases/moderate';
import type { ApiRequest, ApiResponse } from './api-request';
import { AppError } from '../errors';
import { MAX_BODY_BYTES, readJsonBody } from './json-body';
import { lambdaHandler } from './lambda-handler';
import { requireModerator } from './require-moderator';
import { parseWith } from './validation';

type Parsed<S> = S extends z.core.$ZodType ? z.output<S> : undefined;
type ParsedHeaders<H> =
  H extends Readonly<Record<string, z.core.$ZodType>> ? { readonly [K in keyof H]: z.output<H[K]> } : undefined;

/** What a handler receives: the route's request, parsed and typed by the route's own schemas. */
export interface HandlerInput<R extends RouteSpec> {
  readonly path: { readonly [K in keyof R['pathParams']]: string };
  readonly query: Parsed<R['query']>;
  readonly body: Parsed<R['body']>;
  readonly form: Parsed<R['form']>;
  readonly headers: ParsedHeaders<R['headers']>;
  /** The verified caller, on moderator routes. */
  readonly moderator: R['auth'] extends 'moderator' ? Moderator : undefined;
}

/**
 * What a handler answers: the body of the route's documented success (the status comes from the
 * route). JSON bodies are not yet typed by their response schema: the domain's `CommentStatus`
 * is wider than the documented status enums (it includes `erased`), so that check waits for the
 * two to be reconciled.
 */
export type HandlerResult<R extends RouteSpec> = R['success'] extends { body: infer B }
  ? B extends 'atom'
    ? string
    : B extends 'html'
      ? string | HtmlPage
      : unknown
  : void;

/** A page and its status (a link's page says "expired" with a 4xx, not a 200). */
export interface HtmlPage {
  readonly status?: number;
  readonly html: string;
  readonly headers?: Readonly<Record<string, string>>;
}

const ATOM = 'application/atom+xml; charset=utf-8';
const HTML = 'text/html; charset=utf-8';

/** A form body as `name -> first value`; an over-long one is refused like a JSON one. */
const readForm = (req: ApiRequest, schema: z.core.$ZodType) => {
  const raw = req.body ?? '';
  if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES)
    throw new AppError('payload_too_large', `The request body is larger than ${MAX_BODY_BYTES} bytes`);
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(raw)) fields[name] ??= value;
  return parseWith(schema, fields, 'form');
};

/** Each declared header, found under the lower-case name API Gateway delivers; a bad one is a 400 naming it. */
const parseHeaders = (schemas: Readonly<Record<string, z.core.$ZodType>>, req: ApiRequest) =>
  Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [name, parseWith(schema, req.headers[name.toLowerCase()], name)]),
  );

/**
 * A route's Lambda handler: checks the moderator (on moderator routes), then parses the path,
 * query, body and headers with the route's schemas, in that order, so the first failure is the one
 * answered. `handle` gets the typed input and answers the success body; errors map to statuses
 * in `lambdaHandler`.
 */
export const defineHandler = <R extends RouteSpec>(
  route: R,
  handle: (input: HandlerInput<R>, req: ApiRequest) => Promise<HandlerResult<R>>,
) =>
  lambdaHandler(route.cache, async (req): Promise<ApiResponse> => {
    const moderator = route.auth === 'moderator' ? requireModerator(req) : undefined;
    const path = Object.fromEntries(
      Object.entries(route.pathParams ?? {}).map(([name, read]) => [name, read(req.pathParameters[name])]),
    );
    const query = route.query && parseWith(route.query, req.query, 'query');
    const body = route.body && readJsonBody(req, route.body, { optional: route.bodyOptional });
    const form = route.form && readForm(req, route.form);
    const headers = route.headers && parseHeaders(route.headers, req);
    const input = { path, query, body, form, headers, moderator } as HandlerInput<R>;
    const result: unknown = await handle(input, req);
    const { success } = route;
    if (!('body' in success)) return { status: success.status };
    if (success.body === 'html') {
      // The thread view is a bare fragment in the reader's Accept-Language (when no `lang`): a cache
      // must key on it. A page (mail links) answers its own status and headers.
      const page: HtmlPage =
        typeof result === 'string' ? { html: result, headers: { vary: 'accept-language' } } : (result as HtmlPage);
      return { status: page.status ?? success.status, contentType: HTML, body: page.html, headers: page.headers };
    }
    return success.body === 'atom'
      ? { status: success.status, contentType: ATOM, body: result }
      : { status: success.status, body: result };
  });
