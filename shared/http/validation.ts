import type { z } from 'zod';
import { AppError } from '../errors';

type Issue = z.core.$ZodIssue;

const reasonFor = (issue: Issue): string => {
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return 'Required';
  if (issue.code === 'unrecognized_keys') return 'Unknown field';
  return issue.message;
};

/** Parses `value` with `schema`, or throws 400 `validation_failed` naming every bad field path. */
export const parseWith = <S extends z.ZodType>(schema: S, value: unknown, rootName = 'body'): z.output<S> => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    for (const path of paths) {
      const key = path.length > 0 ? path.map(String).join('.') : rootName;
      fields[key] ??= reasonFor(issue);
    }
  }
  const [first] = Object.entries(fields);
  throw new AppError('validation_failed', first ? `${first[0]}: ${first[1]}` : 'invalid input', fields);
};
