import type { EventKind } from '@claimline/shared/vocabulary';

/**
 * Okabe–Ito colours, distinguishable with the common forms of colour
 * blindness. Yellow is left out: it vanishes on the light map; `other` takes
 * a neutral grey. The same colours are in styles/kinds.css for markers.
 */
export const KIND_COLORS: Record<EventKind, string> = {
  deployment: '#0072B2',
  engagement: '#D55E00',
  strike: '#E69F00',
  casualty_report: '#CC79A7',
  statement: '#56B4E9',
  movement: '#009E73',
  other: '#7A7A7A',
};
