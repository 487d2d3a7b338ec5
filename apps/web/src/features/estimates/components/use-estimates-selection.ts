import { DEFAULT_ESTIMATE_MEASURES, DEFAULT_ESTIMATE_SUBJECT } from '@claimline/shared/estimates';
import { MEASURES, type Measure } from '@claimline/shared/vocabulary';
import { useMemo } from 'react';
import { updateSearchParams, useSearchParam } from '../../../lib/search-params';
import type { EstimatesSelection } from '../api/estimate-keys';

/**
 * The measures and subject of the estimates view live in the URL (`measure=`,
 * `subject=`) beside the filters and the open event, so a link restores the
 * same picture. Absent, they are the shared defaults: DPRK forces, killed,
 * wounded and casualties.
 */
export function parseMeasures(value: string | null): Measure[] {
  const picked = (value ?? '')
    .split(',')
    .map((m) => m.trim())
    .filter((m): m is Measure => (MEASURES as readonly string[]).includes(m));
  // In vocabulary order, so `killed,wounded` and `wounded,killed` are one query.
  const ordered = MEASURES.filter((m) => picked.includes(m));
  return ordered.length > 0 ? ordered : [...DEFAULT_ESTIMATE_MEASURES];
}

function isDefault(measures: Measure[]): boolean {
  return (
    measures.length === DEFAULT_ESTIMATE_MEASURES.length &&
    DEFAULT_ESTIMATE_MEASURES.every((m) => measures.includes(m))
  );
}

export function useEstimatesSelection(): EstimatesSelection {
  const measureParam = useSearchParam('measure');
  const subjectParam = useSearchParam('subject');
  return useMemo(
    () => ({
      measures: parseMeasures(measureParam),
      subject: subjectParam?.trim() || DEFAULT_ESTIMATE_SUBJECT,
    }),
    [measureParam, subjectParam],
  );
}

export function setMeasures(measures: Measure[]): void {
  updateSearchParams((params) => {
    const ordered = MEASURES.filter((m) => measures.includes(m));
    if (ordered.length === 0 || isDefault(ordered)) params.delete('measure');
    else params.set('measure', ordered.join(','));
  });
}

export function setSubject(subject: string): void {
  updateSearchParams((params) => {
    if (!subject || subject.toLowerCase() === DEFAULT_ESTIMATE_SUBJECT.toLowerCase()) params.delete('subject');
    else params.set('subject', subject);
  });
}
