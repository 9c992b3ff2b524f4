import * as z from 'zod';
import { routes } from '../routes';
import type { HeaderDocs } from './request-headers';
import * as responses from './responses';

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted (the same answer whatever happens next)',
  204: 'No Content',
  400: 'Invalid input (validation_failed, invalid_json, invalid_cursor)',
  401: 'Missing or invalid token',
  403: 'Not allowed (forbidden, edit_window_closed, thread_locked)',
  404: 'Unknown comment or route (not_found, post_not_found)',
  409: 'Conflict (idempotency_conflict, conflict; on a page: the link was used already)',
  413: 'Body over 32 KiB',
  415: 'Body is not application/json',
  429: 'Too many requests (rate_limited; on POST /v1/comments also queue_full: too many comments wait for moderation); see Retry-After',
  503: 'Store throttling or down; see Retry-After',
};

type Json = Record<string, unknown>;

/**
 * Converts one schema; named schemas (those with a meta `id`) become `$ref`s into `components`.
 * Query parameters are described as the client sends them (`io: 'input'`).
 */
const toSchema = (schema: z.core.$ZodType, components: Record<string, unknown>, io: 'input' | 'output'): Json => {
  const raw = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as Json;
  const { definitions, $defs, $schema: _dialect, ...root } = raw;
  const moved = JSON.parse(
    JSON.stringify({ root, defs: { ...(definitions as Json), ...($defs as Json) } })
      .replaceAll('#/definitions/', '#/components/schemas/')
      .replaceAll('#/$defs/', '#/components/schemas/'),
  ) as { root: Json; defs: Json };
  Object.assign(components, moved.defs);
  if (moved.root.$ref) return moved.root;
  const id = (z.globalRegistry.get(schema) as { id?: string } | undefined)?.id;
  if (!id) return moved.root;
  components[id] = moved.root;
  return { $ref: `#/components/schemas/${id}` };
};

const response = (description: string, schema?: Json, contentType = 'application/json') => ({
  description,
  ...(schema ? { content: { [contentType]: { schema } } } : {}),
});

/** The OpenAPI 3.0 document of the whole v1 API, built from the route declarations and their Zod schemas. */
export const buildOpenApi = (): Json => {
  const components: Record<string, unknown> = {};
  const errorRef = toSchema(responses.errorResponse, components, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const parameters: unknown[] = [];
    for (const name of route.path.match(/\{(\w+)\}/g) ?? [])
      parameters.push({ name: name.slice(1, -1), in: 'path', required: true, schema: { type: 'string' } });
    if (route.query) {
      const shape = route.query._zod.def.shape;
      for (const [name, schema] of Object.entries(shape)) {
        parameters.push({
          name,
          in: 'query',
          required: !z.safeParse(schema, undefined).success,
          schema: toSchema(schema, components, 'input'),
        });
      }
    }
    for (const [name, schema] of Object.entries(route.headers ?? {})) {
      const docs = z.globalRegistry.get(schema) as HeaderDocs | undefined;
      parameters.push({
        name,
        in: 'header',
        required: !z.safeParse(schema, undefined).success || docs?.requiredByUseCase === true,
        description: docs?.description,
        schema: { type: 'string' },
      });
    }
    const { success } = route;
    const answers: Record<string, unknown> = {
      [success.status]: !('body' in success)
        ? response(STATUS_TEXT[success.status]!)
        : success.body === 'atom'
          ? response('Atom feed', { type: 'string' }, 'application/atom+xml')
          : success.body === 'html'
            ? response('HTML page or fragment', { type: 'string' }, 'text/html')
            : response(STATUS_TEXT[success.status]!, toSchema(responses[success.body], components, 'output')),
    };
    // A page answers its own failures (bad or used link) as a page too; the store's 429/503 stay JSON.
    const page = 'body' in success && success.body === 'html';
    for (const code of route.errors)
      answers[code] = page
        ? response(STATUS_TEXT[code]!, { type: 'string' }, 'text/html')
        : response(STATUS_TEXT[code]!, errorRef);
    for (const code of [429, 503]) answers[code] = response(STATUS_TEXT[code]!, errorRef);
    const operation: Record<string, unknown> = {
      operationId: route.name,
      summary: route.summary,
      ...(parameters.length ? { parameters } : {}),
      ...(route.form
        ? {
            requestBody: {
              required: true,
              content: {
                'application/x-www-form-urlencoded': { schema: toSchema(route.form, components, 'input') },
              },
            },
          }
        : {}),
      ...(route.body
        ? {
            requestBody: {
              required: !route.bodyOptional,
              content: { 'application/json': { schema: toSchema(route.body, components, 'input') } },
            },
          }
        : {}),
      responses: answers,
      ...(route.auth === 'moderator' ? { security: [{ moderatorJwt: [] }] } : {}),
    };
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Parley HTTP API',
      version: '1.0.0',
      description: 'Comments for blogs. Errors share one body shape; see components.schemas.Error.',
    },
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        moderatorJwt: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Cognito ID token whose cognito:groups contains "moderators"',
        },
      },
    },
  };
};
