import { IMPORT_FORMATS, type ImportFormat, type ImportReport } from '@claimline/shared/interchange';
import { useId, useRef, useState, type DragEvent, type RefObject } from 'react';
import { isApiError } from '../../../lib/api-client';
import { useSession } from '../../../lib/auth';
import { formatNumber } from '../../../lib/format';
import { reportOfError, useImportFile, type ImportProgress } from '../api/import-file';
import { FORMAT_LABELS, mapColumns } from './column-mapping';
import { guessFormat, previewFile, type CsvPreview } from './csv-preview';
import { ImportReportView } from './import-report';
import './import-page.css';

function sizeLabel(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The outcome of a run: its report (a refused file carries one too), or what went wrong. */
function outcome(run: ReturnType<typeof useImportFile>): { report: ImportReport | null; failure: string | null } {
  if (run.data) return { report: run.data, failure: null };
  if (!run.error) return { report: null, failure: null };
  const report = reportOfError(run.error);
  const problem = isApiError(run.error) ? run.error.problem : null;
  // A report that lists the problems says it all; otherwise the problem's words.
  return { report, failure: report && report.errors.length > 0 ? null : (problem?.detail ?? problem?.title ?? 'The import failed.') };
}

/**
 * CSV import for editors: choose or drop a file, see its first rows and
 * where each column goes, run a dry run that lists every problem, then
 * import with a progress bar and read the report.
 */
export default function ImportPage({ onShowEvents }: { onShowEvents: () => void }) {
  const session = useSession();
  if (!session.canEdit) {
    return (
      <section className="page card" aria-labelledby="import-heading">
        <h2 id="import-heading">Import</h2>
        <p className="muted">{session.isPending ? 'Checking your session…' : 'Sign in as an editor to import files.'}</p>
      </section>
    );
  }
  return <Importer onShowEvents={onShowEvents} />;
}

function Importer({ onShowEvents }: { onShowEvents: () => void }) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const dryResult = useRef<HTMLElement>(null);
  const realResult = useRef<HTMLElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [format, setFormat] = useState<'auto' | ImportFormat>('auto');
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const dryRun = useImportFile();
  const realRun = useImportFile();

  const choose = (chosen: File | null) => {
    setFile(chosen);
    setPreview(null);
    setProgress(null);
    dryRun.reset();
    realRun.reset();
    if (chosen) void previewFile(chosen).then(setPreview);
  };

  // The outcome may be below the preview: brought into view, and focused for screen readers.
  const reveal = (target: RefObject<HTMLElement | null>) =>
    requestAnimationFrame(() => {
      target.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
      target.current?.focus({ preventScroll: true });
    });

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const dropped = e.dataTransfer.files[0];
    if (dropped) choose(dropped);
  };

  const runDry = () => {
    if (!file) return;
    realRun.reset();
    dryRun.mutate({ file, format, dryRun: true }, { onSettled: () => reveal(dryResult) });
  };
  const runReal = () => {
    if (!file) return;
    setProgress({ phase: 'uploading', loaded: 0, total: file.size });
    realRun.mutate(
      { file, format, dryRun: false, onProgress: setProgress },
      {
        onSettled: () => {
          setProgress(null);
          reveal(realResult);
        },
      },
    );
  };

  const dry = outcome(dryRun);
  const real = outcome(realRun);
  const detected: ImportFormat | null = dry.report?.format ?? (format !== 'auto' ? format : preview ? guessFormat(preview.header) : null);
  const mapping = detected && preview ? mapColumns(detected, preview.header) : [];
  const busy = dryRun.isPending || realRun.isPending;

  return (
    <div className="import-page" data-testid="import-page">
      <section className="card page-section" aria-labelledby="import-heading">
        <div className="page-heading">
          <h2 id="import-heading">Import a CSV file</h2>
          <span className="muted">Native, ACLED or UCDP GED. A real run imports every row or none; importing the same file again changes nothing.</span>
        </div>

        <div
          className={`drop-zone${dragging ? ' is-dragging' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="drop-zone"
        >
          <label htmlFor={inputId} className="drop-zone-label">
            {file ? (
              <>
                <strong data-testid="import-file-name">{file.name}</strong> · {sizeLabel(file.size)}
              </>
            ) : (
              'Drop a CSV file here, or choose one'
            )}
          </label>
          <input
            ref={input}
            id={inputId}
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => choose(e.target.files?.[0] ?? null)}
            data-testid="import-file"
          />
        </div>

        <div className="import-controls">
          <label>
            Format{' '}
            <select value={format} onChange={(e) => setFormat(e.target.value as 'auto' | ImportFormat)} data-testid="import-format">
              <option value="auto">Recognise by the header</option>
              {IMPORT_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {FORMAT_LABELS[f]}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button" onClick={runDry} disabled={!file || busy} data-testid="import-dry-run">
            {dryRun.isPending ? 'Checking…' : 'Dry run'}
          </button>
          <button type="button" className="button button-primary" onClick={runReal} disabled={!file || busy} data-testid="import-run">
            {realRun.isPending ? 'Importing…' : 'Import'}
          </button>
          {dry.report && dry.report.errors.length > 0 && !realRun.isPending ? (
            <span className="muted">The dry run found problems: a real run would import nothing.</span>
          ) : null}
        </div>

        {progress ? <ImportProgressBar progress={progress} /> : null}
      </section>

      {preview ? (
        <section className="card page-section" aria-labelledby="preview-heading" data-testid="import-preview">
          <div className="page-heading">
            <h2 id="preview-heading">Preview</h2>
            <span className="muted">
              {detected ? (
                <>
                  {dry.report ? 'Format: ' : 'Looks like '}
                  <strong data-testid="detected-format">{FORMAT_LABELS[detected]}</strong>
                  {dry.report ? ' (recognised by the server)' : ''}
                </>
              ) : (
                'No known layout recognised from the header'
              )}
              {' · '}
              first {formatNumber(preview.rows.length)} row{preview.rows.length === 1 ? '' : 's'}
              {preview.truncated ? ' (the file has more)' : ''}, read in the browser
            </span>
          </div>
          {preview.delimiterHint ? (
            <p className="form-error">
              The header is one column with {preview.delimiterHint} in it: the file seems not to be comma-separated. Save it as CSV with commas.
            </p>
          ) : null}
          <div className="table-scroll preview-scroll">
            <table className="data-table preview-table">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Row
                  </th>
                  {preview.header.map((h, i) => (
                    <th scope="col" key={i}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row, r) => (
                  <tr key={r}>
                    <td className="num">{r + 2}</td>
                    {preview.header.map((_, c) => (
                      <td key={c}>{row[c] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {mapping.length > 0 ? (
            <details className="mapping" data-testid="import-mapping">
              <summary>
                Where the columns go ({mapping.filter((m) => !m.kept).length} mapped, {mapping.filter((m) => m.kept).length} kept as they are)
              </summary>
              <table className="data-table mapping-table">
                <thead>
                  <tr>
                    <th scope="col">Column</th>
                    <th scope="col">Becomes</th>
                  </tr>
                </thead>
                <tbody>
                  {mapping.map((m) => (
                    <tr key={m.column} className={m.kept ? 'is-kept' : undefined}>
                      <td>
                        <code>{m.column}</code>
                      </td>
                      <td>{m.target}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          ) : null}
        </section>
      ) : null}

      {dry.report || dry.failure ? (
        <section className="card page-section" aria-labelledby="dry-heading" ref={dryResult} tabIndex={-1}>
          <div className="page-heading">
            <h2 id="dry-heading">Dry run</h2>
            <span className="muted">Checked every row; nothing was changed.</span>
          </div>
          {dry.failure ? (
            <p className="form-error" role="alert" data-testid="dry-run-failure">
              {dry.failure}
            </p>
          ) : null}
          {dry.report ? <ImportReportView report={dry.report} testId="dry-run-report" /> : null}
        </section>
      ) : null}

      {real.report || real.failure ? (
        <section className="card page-section" aria-labelledby="run-heading" ref={realResult} tabIndex={-1}>
          <div className="page-heading">
            <h2 id="run-heading">{real.report && real.report.errors.length === 0 ? 'Imported' : 'Not imported'}</h2>
            {real.report && real.report.errors.length === 0 ? (
              <button type="button" className="button button-small" onClick={onShowEvents} data-testid="show-imported">
                Show the events
              </button>
            ) : null}
          </div>
          {real.failure ? (
            <p className="form-error" role="alert" data-testid="import-failure">
              {real.failure}
            </p>
          ) : null}
          {real.report ? <ImportReportView report={real.report} testId="import-report" /> : null}
        </section>
      ) : null}
    </div>
  );
}

function ImportProgressBar({ progress }: { progress: ImportProgress }) {
  if (progress.phase === 'processing') {
    return (
      <div className="import-progress" data-testid="import-progress" data-phase="processing">
        <progress aria-label="Importing" />
        <span>Sent. The server is checking and writing the rows…</span>
      </div>
    );
  }
  const percent = progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;
  return (
    <div className="import-progress" data-testid="import-progress" data-phase="uploading">
      <progress aria-label="Uploading the file" value={progress.loaded} max={progress.total || 1} />
      <span>
        Uploading: {percent}% ({sizeLabel(progress.loaded)} of {sizeLabel(progress.total)})
      </span>
    </div>
  );
}
