import type { Actor, ActorInput } from '@claimline/shared/sources';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiWrite } from '../../../lib/api-client';
import { refreshSessionAfter } from '../../../lib/auth';
import { actorKeys, queryRoots } from '../../../lib/query-keys';

/** POST /api/actors: a new actor (a state, an armed force, a unit…). */
export async function createActor(input: ActorInput): Promise<Actor> {
  const { data } = await apiWrite<Actor>('POST', '/api/actors', { body: input });
  return data;
}

export function useCreateActor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createActor,
    onSuccess: (actor) => {
      queryClient.setQueryData<{ items: Actor[] }>(actorKeys.lists(), (old) =>
        old ? { items: [...old.items, actor].sort((a, b) => a.name.localeCompare(b.name)) } : old,
      );
      void queryClient.invalidateQueries({ queryKey: actorKeys.all });
      void queryClient.invalidateQueries({ queryKey: queryRoots.facets });
    },
    onError: (error) => refreshSessionAfter(queryClient, error),
  });
}
