import * as z from 'zod';
import { routes } from '../routes';
import { ROUTE_CONTRACTS } from './route-contracts';
import { errorResponse } from './responses';

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Invalid input (validation_failed, invalid_json, invalid_cursor)',
  401: 'Missing or invalid token',
  403: 'Not allowed (forbidden, edit_window_closed, thread_locked)',
  404: 'Unknown comment or route',
  409: 'Conflict (idempotency_conflict, conflict)',
  413: 'Body over 32 KiB',
  415: 'Body is not application/json',
  429: 'Rate limited; see Retry-After',
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

/** The OpenAPI 3.0 document of the whole v1 API, built from the route table and the Zod schemas. */
export const buildOpenApi = (): Json => {
  const components: Record<string, unknown> = {};
  const errorRef = toSchema(errorResponse, components, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const contract = ROUTE_CONTRACTS[route.name];
    if (!contract) throw new Error(`No contract for route ${route.name}`);
    const parameters: unknown[] = [];
    for (const name of route.path.match(/\{(\w+)\}/g) ?? [])
      parameters.push({ name: name.slice(1, -1), in: 'path', required: true, schema: { type: 'string' } });
    if (contract.query) {
      const shape = contract.query._zod.def.shape;
      for (const [name, schema] of Object.entries(shape)) {
        parameters.push({
          name,
          in: 'query',
          required: !z.safeParse(schema, undefined).success,
          schema: toSchema(schema, components, 'input'),
        });
      }
    }
    for (const [name, description] of Object.entries(contract.headers ?? {}))
      parameters.push({
        name,
        in: 'header',
        required: name === 'X-Edit-Token',
        description,
        schema: { type: 'string' },
      });
    const [status, body] = contract.success;
    const responses: Record<string, unknown> = {
      [status]:
        body === null
          ? response(STATUS_TEXT[status]!)
          : body === 'atom'
            ? response('Atom feed', { type: 'string' }, 'application/atom+xml')
            : response(STATUS_TEXT[status]!, toSchema(body, components, 'output')),
    };
    for (const code of [...contract.errors, 429, 503]) responses[code] = response(STATUS_TEXT[code]!, errorRef);
    const operation: Record<string, unknown> = {
      operationId: route.name,
      summary: contract.summary,
      ...(parameters.length ? { parameters } : {}),
      ...(contract.body
        ? {
            requestBody: {
              required: !contract.bodyOptional,
              content: { 'application/json': { schema: toSchema(contract.body, components, 'input') } },
            },
          }
        : {}),
      responses,
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
