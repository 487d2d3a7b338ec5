import type { Timeline } from '@claimline/shared/aggregates';
import type { TimelineBucket } from '@claimline/shared/vocabulary';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { FilterParams } from '../../../lib/event-filters';

export const timelineKeys = {
  all: ['timeline'] as const,
  series: (filters: FilterParams, bucket: TimelineBucket) => [...timelineKeys.all, bucket, filters] as const,
};

export function getTimeline(filters: FilterParams, bucket: TimelineBucket, signal?: AbortSignal): Promise<Timeline> {
  return apiGet<Timeline>('/api/timeline', { bucket, ...filters }, { signal });
}

export const getTimelineQueryOptions = (filters: FilterParams, bucket: TimelineBucket) =>
  queryOptions({
    queryKey: timelineKeys.series(filters, bucket),
    queryFn: ({ signal }) => getTimeline(filters, bucket, signal),
    placeholderData: keepPreviousData,
  });

export function useTimeline(filters: FilterParams, bucket: TimelineBucket) {
  return useQuery(getTimelineQueryOptions(filters, bucket));
}
