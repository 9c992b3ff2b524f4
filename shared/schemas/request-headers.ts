// zod/mini, not classic zod: see common.ts. Keys are the headers' documented spellings; the
// handler wrapper looks each up in lower case, as API Gateway delivers them.
import * as z from 'zod/mini';

/**
 * OpenAPI metadata of a header, registered with its schema. `requiredByUseCase`: documented as
 * required, yet parsed as optional, because its absence is the use case's 401, not a 400.
 */
export type HeaderDocs = {
  readonly description: string;
  readonly requiredByUseCase?: boolean;
};

const docs = (header: HeaderDocs): HeaderDocs => header;

export const idempotencyKeyHeader = z
  .optional(z.string().check(z.regex(/^[\x21-\x7E]{1,128}$/, 'Must be 1 to 128 visible ASCII characters')))
  .register(
    z.globalRegistry,
    docs({ description: 'Optional, 1-128 visible ASCII characters; replays within 24 h return the first response' }),
  );

export const readerKeyHeader = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{16,128}$/, 'Must be 16 to 128 letters, digits, - or _'))
  .register(
    z.globalRegistry,
    docs({ description: "A random key the reader's browser keeps: with the client address, it makes one reader" }),
  );

export const acceptLanguageHeader = z
  .optional(z.string().check(z.maxLength(500)))
  .register(z.globalRegistry, docs({ description: 'The language of the page when `lang` is absent' }));

export const editTokenHeader = z
  .pipe(
    z.optional(z.string()),
    z.transform((token: string | undefined) => token || undefined),
  )
  .register(z.globalRegistry, docs({ description: 'The editToken of the 201 response', requiredByUseCase: true }));

export const authorCredentialHeader = z
  .optional(z.string().check(z.regex(/^[\x21-\x7E]{1,200}$/, 'Must be 1 to 200 visible ASCII characters')))
  .register(
    z.globalRegistry,
    docs({
      description:
        'Optional: the authorCredential of an earlier 201 response. Under `trusted`, only it makes an email trusted',
    }),
  );

/** `If-Match: "3"` (or `W/"3"`, or a bare 3): the same `version`, for clients that prefer the header. */
export const ifMatchHeader = z
  .optional(
    z.pipe(
      z.string().check(z.regex(/^(W\/)?"?[1-9]\d{0,15}"?$/, 'Must be the comment version, e.g. "3"')),
      z.transform((raw: string) => Number(raw.replace(/^W\//, '').replaceAll('"', ''))),
    ),
  )
  .register(
    z.globalRegistry,
    docs({ description: 'Optional: the comment version the moderator saw; a newer one answers 409 conflict' }),
  );
