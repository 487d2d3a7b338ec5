import type { Timeline } from '@claimline/shared/aggregates';
import { TIMELINE_BUCKETS, TIMELINE_STACKS, type TimelineBucket, type TimelineStack } from '@claimline/shared/vocabulary';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { FilterParams } from '../../../lib/event-filters';
import { queryRoots } from '../../../lib/query-keys';

/** `bucket=` in the URL; week unless set. */
export function parseBucket(value: string | null): TimelineBucket {
  return (TIMELINE_BUCKETS as readonly string[]).includes(value ?? '') ? (value as TimelineBucket) : 'week';
}

/** `stack=` in the URL; by kind unless set. */
export function parseStack(value: string | null): TimelineStack {
  return (TIMELINE_STACKS as readonly string[]).includes(value ?? '') ? (value as TimelineStack) : 'kind';
}

export const timelineKeys = {
  all: queryRoots.timeline,
  series: (filters: FilterParams, bucket: TimelineBucket, stack: TimelineStack) =>
    [...timelineKeys.all, { bucket, stack }, filters] as const,
};

export function getTimeline(
  filters: FilterParams,
  bucket: TimelineBucket,
  stack: TimelineStack,
  signal?: AbortSignal,
): Promise<Timeline> {
  return apiGet<Timeline>('/api/timeline', { bucket, stack, ...filters }, { signal });
}

export const getTimelineQueryOptions = (filters: FilterParams, bucket: TimelineBucket, stack: TimelineStack) =>
  queryOptions({
    queryKey: timelineKeys.series(filters, bucket, stack),
    queryFn: ({ signal }) => getTimeline(filters, bucket, stack, signal),
    placeholderData: keepPreviousData,
  });

export function useTimeline(filters: FilterParams, bucket: TimelineBucket, stack: TimelineStack) {
  return useQuery(getTimelineQueryOptions(filters, bucket, stack));
}
