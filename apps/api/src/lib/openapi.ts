import { problemSchema } from '@claimline/shared/problem';

/** Pieces every route definition repeats. */

export const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } });

/** Either credential works wherever one is needed (see lib/auth.ts). */
export const SIGNED_IN: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }];

export const SECURITY_SCHEMES = {
  session: {
    type: 'apiKey' as const,
    in: 'cookie' as const,
    name: 'claimline_session',
    description: 'Set by POST /api/auth/login. Writes made with it must also send X-CSRF-Token (the csrfToken of the login answer or of GET /api/auth/me).',
  },
  bearer: {
    type: 'http' as const,
    scheme: 'bearer',
    description: 'An API token (`cl_…`) from POST /api/tokens. Needs no CSRF token.',
  },
};
