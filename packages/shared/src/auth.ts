import { z } from 'zod';

/** Accounts, sessions and API tokens: request and response shapes of /api/auth, /api/tokens and /api/users. */

export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Each role can do everything the roles before it can. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export const PASSWORD_MIN_LENGTH = 12;
/** scrypt costs the same for any length, but a megabyte of "password" is not one. */
export const PASSWORD_MAX_LENGTH = 200;

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);

/** Emails are stored and compared in lower case. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be an email address' }).max(254));

export const authUserSchema = z
  .object({ id: z.uuid(), email: z.string(), role: z.enum(ROLES) })
  .meta({ id: 'AuthUser' });
export type AuthUser = z.infer<typeof authUserSchema>;

export const loginSchema = z
  .object({
    // Not checked as an address here: a wrong one is simply a failed login.
    email: z.string().trim().toLowerCase().min(1).max(254),
    password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  })
  .meta({ id: 'Login' });
export type Login = z.input<typeof loginSchema>;

export const sessionSchema = z
  .object({
    user: authUserSchema,
    csrfToken: z.string().nullable().meta({
      description: 'Send it back as the X-CSRF-Token header on every cookie-authenticated POST, PATCH, PUT and DELETE; null when signed in with an API token, which needs none',
    }),
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof sessionSchema>;

// ---- API tokens -------------------------------------------------------------

export const apiTokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    userId: z.uuid(),
    userEmail: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const apiTokenInputSchema = z.object({ name: z.string().trim().min(1).max(100) }).meta({ id: 'ApiTokenInput' });
export type ApiTokenInput = z.input<typeof apiTokenInputSchema>;

export const createdApiTokenSchema = apiTokenSchema
  .extend({
    token: z.string().meta({ description: 'The secret, `cl_…`: shown this once, stored only as a hash. Send as `Authorization: Bearer <token>`.' }),
  })
  .meta({ id: 'CreatedApiToken' });
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;

export const apiTokenListQuerySchema = z.object({
  all: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .meta({ description: "Admins only: every user's tokens, not just one's own" }),
});

// ---- users ---------------------------------------------------------------

export const userSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(ROLES),
    createdAt: z.string(),
    disabledAt: z.string().nullable(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof userSchema>;

export const userInputSchema = z
  .object({ email: emailSchema, role: z.enum(ROLES), password: passwordSchema })
  .meta({ id: 'UserInput' });
export type UserInput = z.input<typeof userInputSchema>;

export const userPatchSchema = z
  .object({
    role: z.enum(ROLES).optional(),
    disabled: z.boolean().optional().meta({ description: 'true signs the user out everywhere and stops their tokens; false lets them in again' }),
    password: passwordSchema.optional().meta({ description: 'A new password; signs the user out everywhere' }),
  })
  .strict()
  .meta({ id: 'UserPatch' });
export type UserPatch = z.input<typeof userPatchSchema>;

export const uuidParamSchema = z.object({ id: z.uuid({ message: 'must be a UUID' }) });
