import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { ThreadPage } from '../../shared/usecases/list-thread';
import { routes } from '../../shared/routes';
import { buildOpenApi } from '../../shared/schemas/openapi';
import type { threadPage } from '../../shared/schemas/responses';

// Checked by the type checker (npm test runs tsc first): the use case's hand-written page type is
// exactly what the documented schema describes, or these declarations do not compile. (The public
// comment needs no such check: its type is derived from the schema, in shared/schemas/api-types.ts.)
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type PageMatches = Same<ThreadPage, z.infer<typeof threadPage>> extends true ? true : never;
const typesAgree: [PageMatches] = [true];

test('the committed docs/openapi.json is what the route table and schemas generate (run npm run openapi)', () => {
  const committed = JSON.parse(readFileSync(path.resolve(__dirname, '../../docs/openapi.json'), 'utf8'));
  expect(committed).toEqual(JSON.parse(JSON.stringify(buildOpenApi())));
  void typesAgree;
});

test('the OpenAPI document has one operation per route-table entry, secured exactly on moderator routes', () => {
  const doc = buildOpenApi() as { paths: Record<string, Record<string, { operationId: string; security?: unknown }>> };
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
  );
  expect(operations.map((o) => o.key).sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  for (const route of routes) {
    const op = operations.find((o) => o.key === `${route.method} ${route.path}`)!.op;
    expect(op.security !== undefined).toBe(route.auth === 'moderator');
  }
});
