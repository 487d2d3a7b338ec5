import type { ImportFormat, ImportReport } from '@claimline/shared/interchange';
import type { Problem } from '@claimline/shared/problem';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, writeHeaders } from '../../../lib/api-client';
import { refreshSessionAfter } from '../../../lib/auth';
import { actorKeys, invalidateEventData, sourceKeys } from '../../../lib/query-keys';
import { withQuery } from '../../../lib/query-string';

export type ImportProgress =
  /** The file is being sent: bytes so far of the whole. */
  | { phase: 'uploading'; loaded: number; total: number }
  /** Sent; the server is reading, checking and writing rows (no measure of it until the report). */
  | { phase: 'processing' };

export type ImportVariables = {
  file: Blob;
  format: 'auto' | ImportFormat;
  dryRun: boolean;
  onProgress?: (progress: ImportProgress) => void;
};

/** The report a refused import carries (`problem.report`), if any. */
export function reportOfError(error: unknown): ImportReport | null {
  if (!(error instanceof ApiError)) return null;
  const report = (error.problem as Problem & { report?: ImportReport }).report;
  return report ?? null;
}

function parseProblem(xhr: XMLHttpRequest): Problem {
  try {
    const body = JSON.parse(xhr.responseText) as Partial<Problem>;
    if (body && typeof body.title === 'string') return { type: 'about:blank', ...body, title: body.title, status: body.status ?? xhr.status };
  } catch {
    // not JSON: described below
  }
  return { type: 'about:blank', title: xhr.statusText || 'Import failed', status: xhr.status, detail: `The server answered ${xhr.status}.` };
}

/**
 * POST /api/import with the file itself as the body (text/csv). Through
 * XMLHttpRequest rather than fetch, for its upload progress: the bar follows
 * the bytes sent, then waits for the report. A refused file (400, 413, 415,
 * 422, 409) is an ApiError whose problem carries the report.
 */
export function importFile({ file, format, dryRun, onProgress }: ImportVariables): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', withQuery('/api/import', { format, dryRun: dryRun ? 'true' : 'false' }));
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    for (const [name, value] of Object.entries(writeHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => onProgress?.({ phase: 'uploading', loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.upload.onload = () => onProgress?.({ phase: 'processing' });
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as ImportReport);
        } catch {
          reject(new ApiError({ type: 'about:blank', title: 'Unreadable answer', status: xhr.status, detail: 'The server answered something that is not a report.' }));
        }
        return;
      }
      reject(new ApiError(parseProblem(xhr), new Headers({ 'retry-after': xhr.getResponseHeader('retry-after') ?? '' })));
    };
    xhr.onerror = () =>
      reject(
        new ApiError({
          type: 'about:blank',
          title: 'Network error',
          status: 0,
          detail: 'The upload did not reach the server (connection lost, or the file is larger than a proxy allows).',
        }),
      );
    xhr.send(file);
  });
}

export function useImportFile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importFile,
    onSuccess: async (report) => {
      if (report.dryRun || report.inserted + report.updated === 0) return;
      // New events, and maybe new sources and actors: every view reads again.
      await Promise.all([
        invalidateEventData(queryClient),
        queryClient.invalidateQueries({ queryKey: sourceKeys.all }),
        queryClient.invalidateQueries({ queryKey: actorKeys.all }),
      ]);
    },
    onError: (error) => refreshSessionAfter(queryClient, error),
  });
}
