import type { User, UserInput } from '@claimline/shared/auth';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiWrite } from '../../../lib/api-client';
import { refreshSessionAfter } from '../../../lib/auth';
import { userKeys } from './get-users';

/** POST /api/users: a new account with a role and an initial password. */
export async function createUser(input: UserInput): Promise<User> {
  const { data } = await apiWrite<User>('POST', '/api/users', { body: input });
  return data;
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
    onError: (error) => refreshSessionAfter(queryClient, error),
  });
}
