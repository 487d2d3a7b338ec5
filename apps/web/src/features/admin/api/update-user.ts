import type { User, UserPatch } from '@claimline/shared/auth';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiWrite } from '../../../lib/api-client';
import { refreshSessionAfter } from '../../../lib/auth';
import { userKeys } from './get-users';

/** PATCH /api/users/:id: a new role, disabled (signed out everywhere) or enabled again. */
export async function updateUser({ id, patch }: { id: string; patch: UserPatch }): Promise<User> {
  const { data } = await apiWrite<User>('PATCH', `/api/users/${encodeURIComponent(id)}`, { body: patch });
  return data;
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
    onError: (error) => refreshSessionAfter(queryClient, error),
  });
}
