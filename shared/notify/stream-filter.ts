/**
 * The ONE declaration of which table changes the notifier hears of: comment items inserted or
 * modified whose new status is pending, spam or approved. It is written as Lambda event-filter
 * patterns (the CDK event source mapping passes them as `FilterCriteria`), and the local stream
 * poller evaluates the very same patterns with `matchesFilter`, so both deliver the same records.
 *
 * Filters cannot compare two fields, so "the status changed" is checked again by the handler
 * (`statusChanged`): an edit of a pending comment passes the filter but sends nothing.
 */
export const NOTIFYING_STATUSES = ['pending', 'spam', 'approved'] as const;
export type NotifyingStatus = (typeof NOTIFYING_STATUSES)[number];

/** A pattern value: a list of accepted literals, or a nested pattern object. */
export type FilterPattern = { readonly [field: string]: readonly (string | number | boolean)[] | FilterPattern };

export const STREAM_FILTER_PATTERNS: readonly FilterPattern[] = [
  {
    eventName: ['INSERT', 'MODIFY'],
    dynamodb: { NewImage: { type: { S: ['comment'] }, status: { S: [...NOTIFYING_STATUSES] } } },
  },
];

/** The patterns as Lambda's `FilterCriteria.Filters[].Pattern` strings. */
export const lambdaFilterCriteria = (): { Filters: { Pattern: string }[] } => ({
  Filters: STREAM_FILTER_PATTERNS.map((pattern) => ({ Pattern: JSON.stringify(pattern) })),
});

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

/** Whether a stream record (Lambda's JSON shape) passes any of the patterns. */
export const matchesFilter = (record: unknown): boolean =>
  STREAM_FILTER_PATTERNS.some((pattern) => matchesPattern(pattern, record));

interface StatusImages {
  readonly OldImage?: { readonly status?: { readonly S?: string } };
  readonly NewImage?: { readonly status?: { readonly S?: string } };
}

/** True when the record's new status differs from its old one (an insert always counts). */
export const statusChanged = (images: StatusImages | undefined): boolean =>
  images?.NewImage?.status?.S !== undefined && images.OldImage?.status?.S !== images.NewImage.status.S;
