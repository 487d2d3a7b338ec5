import { eventInputSchema } from '@claimline/shared/events';
import type { Problem } from '@claimline/shared/problem';
import { inputFromComparable, type ComparableEvent } from '../../../lib/event-comparable';

/** Field errors by the API's path (`claims.0.quantities.1.low`), one message each. */
export type FieldErrors = Record<string, string>;

type Issue = {
  code: string;
  path: PropertyKey[];
  message: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  expected?: string;
  format?: string;
};

/** The schema's message, in the words of a form where zod's own are too technical. */
function friendly(issue: Issue): string {
  const last = String(issue.path[issue.path.length - 1] ?? '');
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1) return 'is required';
  if (issue.code === 'too_small' && issue.origin === 'string') return `must be at least ${issue.minimum} characters`;
  if (issue.code === 'too_big' && issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
  if (issue.code === 'too_small' && issue.origin === 'number') return `must be ${issue.minimum} or more`;
  if (issue.code === 'too_big' && issue.origin === 'number') return `must be ${issue.maximum} or less`;
  if (issue.code === 'too_small' && issue.origin === 'array') return issue.message.startsWith('Too small') ? `needs at least ${issue.minimum}` : issue.message;
  if (issue.code === 'invalid_type' && issue.expected === 'number') return 'must be a number';
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'must be a whole number';
  if (issue.code === 'invalid_format' && issue.format === 'uuid') {
    if (last === 'sourceId') return 'choose a source';
    if (last === 'actorId') return 'choose an actor';
  }
  return issue.message;
}

/** Client-side, with the API's own schema: the same rules, the same paths, before anything is sent. */
export function validateEvent(event: ComparableEvent): FieldErrors {
  const result = eventInputSchema.safeParse(inputFromComparable(event));
  if (result.success) return {};
  const errors: FieldErrors = {};
  for (const issue of result.error.issues as Issue[]) {
    const path = issue.path.map(String).join('.') || 'event';
    errors[path] ??= friendly(issue);
  }
  return errors;
}

/** A 400's `errors[]` by path (`body.` prefixes dropped), to show next to the fields. */
export function serverFieldErrors(problem: Problem): FieldErrors {
  const errors: FieldErrors = {};
  for (const e of problem.errors ?? []) {
    const path = e.path.replace(/^body\./, '');
    errors[path] ??= e.message;
  }
  return errors;
}
