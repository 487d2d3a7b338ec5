import type { Source, SourceInput } from '@claimline/shared/sources';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiWrite } from '../../../lib/api-client';
import { refreshSessionAfter } from '../../../lib/auth';
import { queryRoots, sourceKeys } from '../../../lib/query-keys';

/** POST /api/sources: a new outlet, with its reliability and whether it is a party to the conflict. */
export async function createSource(input: SourceInput): Promise<Source> {
  const { data } = await apiWrite<Source>('POST', '/api/sources', { body: input });
  return data;
}

export function useCreateSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSource,
    onSuccess: (source) => {
      queryClient.setQueryData<{ items: Source[] }>(sourceKeys.lists(), (old) =>
        old ? { items: [...old.items, source].sort((a, b) => a.name.localeCompare(b.name)) } : old,
      );
      void queryClient.invalidateQueries({ queryKey: sourceKeys.all });
      void queryClient.invalidateQueries({ queryKey: queryRoots.facets });
    },
    onError: (error) => refreshSessionAfter(queryClient, error),
  });
}
