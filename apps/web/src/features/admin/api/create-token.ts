import type { ApiTokenInput, CreatedApiToken } from '@claimline/shared/auth';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiWrite } from '../../../lib/api-client';
import { refreshSessionAfter } from '../../../lib/auth';
import { tokenKeys } from './get-tokens';

/** POST /api/tokens: a token for the signed-in user; its secret is in this answer only. */
export async function createToken(input: ApiTokenInput): Promise<CreatedApiToken> {
  const { data } = await apiWrite<CreatedApiToken>('POST', '/api/tokens', { body: input });
  return data;
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
    onError: (error) => refreshSessionAfter(queryClient, error),
  });
}
