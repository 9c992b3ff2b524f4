/**
 * Lambda's event-filter patterns, for the subset Parley uses (lists of accepted literals, nested
 * objects): the same pattern is handed to an event source mapping as `FilterCriteria` and
 * evaluated by the local stream poller, so both deliver the same records. The notifier's and the
 * held-count keeper's patterns are declared beside their handlers.
 */
/** A pattern value: a list of accepted literals, or a nested pattern object. */
export type FilterPattern = { readonly [field: string]: readonly (string | number | boolean)[] | FilterPattern };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Lambda's semantics for this subset: every field must be present and equal to one of its literals. */
export const matchesPattern = (pattern: FilterPattern, event: unknown): boolean =>
  isRecord(event) &&
  Object.entries(pattern).every(([field, expected]) => {
    const actual = event[field];
    if (Array.isArray(expected)) return (expected as readonly unknown[]).includes(actual);
    return matchesPattern(expected as FilterPattern, actual);
  });
