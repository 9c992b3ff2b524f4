/**
 * The ONE declaration of which table changes the notifier hears of: comment items inserted or
 * modified whose new status is pending, spam or approved. It is written as Lambda event-filter
 * patterns (the CDK event source mapping passes them as `FilterCriteria`), and the local stream
 * poller evaluates the very same patterns with `matchesFilter`, so both deliver the same records.
 *
 * Filters cannot compare two fields, so "the status changed" is checked again by the handler
 * (`statusChanged`): an edit of a pending comment passes the filter but sends nothing.
 */
import { matchesPattern, type FilterPattern } from '../event-filter';

export const NOTIFYING_STATUSES = ['pending', 'spam', 'approved'] as const;
export type NotifyingStatus = (typeof NOTIFYING_STATUSES)[number];

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
