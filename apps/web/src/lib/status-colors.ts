import type { EventStatus } from '@claimline/shared/vocabulary';

/**
 * Status colours for charts (the timeline stacked by status), in the hues of
 * the status badges, from the Okabe–Ito set where there is one so they stay
 * apart with the common forms of colour blindness: grey for one voice, green
 * for corroborated, orange for contested, vermillion for denied, pale grey
 * for retracted.
 */
export const STATUS_COLORS: Record<EventStatus, string> = {
  single_source: '#8c97a4',
  corroborated: '#009E73',
  contested: '#E69F00',
  denied: '#D55E00',
  retracted: '#d4d4d4',
};
