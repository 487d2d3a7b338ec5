import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

/** Server configuration the map needs: the tile server, if any (TILE_URL). */
export type MapConfig = { tileUrl: string | null; tileAttribution: string | null };

export const configKeys = {
  all: ['config'] as const,
};

export function getConfig(signal?: AbortSignal): Promise<MapConfig> {
  return apiGet<MapConfig>('/api/config', {}, { signal });
}

export const getConfigQueryOptions = () =>
  queryOptions({
    queryKey: configKeys.all,
    queryFn: ({ signal }) => getConfig(signal),
    staleTime: Infinity,
  });

export function useConfig() {
  return useQuery(getConfigQueryOptions());
}
