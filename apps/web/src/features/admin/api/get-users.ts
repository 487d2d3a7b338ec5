import type { User } from '@claimline/shared/auth';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { queryRoots } from '../../../lib/query-keys';

export const userKeys = {
  all: queryRoots.users,
  lists: () => [...userKeys.all, 'list'] as const,
};

/** Every user, by email (admins only). */
export function getUsers(signal?: AbortSignal): Promise<{ items: User[] }> {
  return apiGet<{ items: User[] }>('/api/users', {}, { signal });
}

export const getUsersQueryOptions = () =>
  queryOptions({
    queryKey: userKeys.lists(),
    queryFn: ({ signal }) => getUsers(signal),
    staleTime: 0,
  });

export function useUsers() {
  return useQuery(getUsersQueryOptions());
}
