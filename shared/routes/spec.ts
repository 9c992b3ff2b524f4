/**
 * What a route declaration says. Each route is declared once, in its own file beside this one
 * (so a Lambda bundles only its own request schemas), and everything else is derived from it:
 * the handler's parsing (`defineHandler`), the OpenAPI document, the CDK route and function, the
 * local dispatcher and the least-privilege test.
 */
import type * as z from 'zod/mini';
import type { CachePolicy } from '../http/lambda-handler';
import type { PathParam } from '../http/path-params';
import type * as responses from '../schemas/responses';
import type { INDEXES } from '../store/table-definition';

export type TableAction =
  'GetItem' | 'BatchGetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'ConditionCheckItem';

export type IndexName = keyof typeof INDEXES;

/** What the infrastructure needs of a route: the CDK stack, the local server, IAM. */
export interface Route {
  /** Stable identifier; also the CDK construct id of the route's function. */
  readonly name: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** API Gateway path template, e.g. `/v1/comments/{id}`. */
  readonly path: string;
  /** `moderator` routes sit behind the JWT authorizer and require the `moderators` group. */
  readonly auth: 'public' | 'moderator';
  /** Lambda entry file, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly tableAccess: readonly TableAction[];
  /**
   * The indexes its Queries read. A function may query these and nothing else (not the base table,
   * not the queue indexes that carry personal data), unless the list is empty and it queries the
   * base table itself.
   */
  readonly indexes: readonly IndexName[];
  /** The handler reads the HMAC secret (hashing IPs and emails, signing cursors and edit tokens). */
  readonly usesSecret: boolean;
}

/**
 * A response schema, named rather than imported: the schemas are classic `zod` and serve the
 * OpenAPI document only, so naming them keeps them (and classic zod) out of the Lambda bundles
 * while a misspelt name still fails to compile.
 */
export type ResponseSchemaName = Exclude<keyof typeof responses, 'errorResponse'>;

export type Success =
  | { readonly status: 200 | 201; readonly body: ResponseSchemaName }
  /** The Atom feed: an XML string. */
  | { readonly status: 200; readonly body: 'atom' }
  /** HTML: the thread view (a fragment) or a small server-rendered page (mail links open these, with their own 4xx). */
  | { readonly status: 200; readonly body: 'html' }
  | { readonly status: 202 }
  | { readonly status: 204 };

/** `{id}` in `/v1/comments/{id}` -> `'id'`. */
export type PathParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PathParamNames<Rest>
  : never;

/** Request schemas are `zod/mini` (they are bundled into the handlers). */
export interface RouteSpec extends Route {
  readonly summary: string;
  /** One reader per `{name}` of the path template (`defineRoute` checks they match). */
  readonly pathParams?: Readonly<Record<string, PathParam>>;
  readonly query?: z.core.$ZodObject;
  readonly body?: z.core.$ZodType;
  /**
   * A form-encoded body (an HTML page's form, RFC 8058's one-click POST), parsed whatever the
   * content type says: mail providers differ in what they send.
   */
  readonly form?: z.core.$ZodObject;
  /** An absent body is parsed as `{}`. */
  readonly bodyOptional?: boolean;
  /**
   * One schema per header, keyed by its documented spelling (see shared/schemas/request-headers.ts).
   * Not a `z.object`: the few functions that read headers and nothing else stay free of its code.
   */
  readonly headers?: Readonly<Record<string, z.core.$ZodType>>;
  readonly success: Success;
  /** Error statuses this route may answer besides 429/503, which every route may. */
  readonly errors: readonly number[];
  /** Whether a CDN may cache its successful answers for a few seconds. */
  readonly cache: CachePolicy;
}

type PathParamsOf<P extends string> = [PathParamNames<P>] extends [never]
  ? { readonly pathParams?: undefined }
  : { readonly pathParams: { readonly [K in PathParamNames<P>]: PathParam } };

/**
 * Declares a route. Keeps the literal types (name, auth, schemas) that `defineHandler` and
 * `ROUTES` derive from, and makes a path parameter without a reader a compile error.
 */
export const defineRoute = <const S extends RouteSpec>(spec: S & PathParamsOf<S['path']>): S => spec;

export const routeKey = (route: Pick<Route, 'method' | 'path'>): string => `${route.method} ${route.path}`;

/**
 * A change to one comment: read it, replace it (conditional Put), move the counters or the rate
 * window (Updates) and, for moderators, write the audit entry (Put). `test/http/least-privilege.test.ts`
 * checks every route's handlers stay within their list.
 */
export const CHANGE_COMMENT = ['GetItem', 'PutItem', 'UpdateItem'] as const satisfies readonly TableAction[];
