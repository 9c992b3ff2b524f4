import * as z from 'zod/mini';
import { AppError } from '../errors';

type Issue = z.core.$ZodIssue;

const reasonFor = (issue: Issue): string => (issue.code === 'unrecognized_keys' ? 'Unknown field' : issue.message);

/**
 * Parses `value` with `schema`, or throws 400 `validation_failed` naming every bad field path.
 * Takes any Zod schema (mini or classic); only `zod/mini`'s `safeParse` function is bundled.
 */
export const parseWith = <S extends z.core.$ZodType>(schema: S, value: unknown, rootName = 'body'): z.output<S> => {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  // No prototype: a field named `toString`, `constructor` or `__proto__` is named like any other.
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const issue of result.error.issues) {
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    for (const path of paths) {
      const key = path.length > 0 ? path.map(String).join('.') : rootName;
      if (!Object.hasOwn(fields, key)) fields[key] = reasonFor(issue);
    }
  }
  const [first] = Object.entries(fields);
  throw new AppError('validation_failed', first ? `${first[0]}: ${first[1]}` : 'invalid input', { ...fields });
};
