import type { ApiToken } from '@claimline/shared/auth';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiWrite } from '../../../lib/api-client';
import { refreshSessionAfter } from '../../../lib/auth';
import { tokenKeys } from './get-tokens';

/** DELETE /api/tokens/:id: revoked at once, kept in the list as revoked. */
export async function revokeToken(id: string): Promise<ApiToken> {
  const { data } = await apiWrite<ApiToken>('DELETE', `/api/tokens/${encodeURIComponent(id)}`);
  return data;
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
    onError: (error) => refreshSessionAfter(queryClient, error),
  });
}
