import type { ImportReport } from '@claimline/shared/interchange';
import { formatNumber, plural } from '../../../lib/format';
import { FORMAT_LABELS } from './column-mapping';

/** The counts, then every problem (row, column, value, reason) and every warning, as tables. */
export function ImportReportView({ report, testId }: { report: ImportReport; testId: string }) {
  const refused = report.errors.length > 0;
  return (
    <div className="import-report" data-testid={testId}>
      <dl className="report-counts">
        <div>
          <dt>Format</dt>
          <dd data-testid="report-format">{FORMAT_LABELS[report.format]}</dd>
        </div>
        <div>
          <dt>Rows read</dt>
          <dd data-testid="report-rows">{formatNumber(report.rows)}</dd>
        </div>
        <div>
          <dt>{report.dryRun || refused ? 'Would insert' : 'Inserted'}</dt>
          <dd data-testid="report-inserted">{formatNumber(report.inserted)}</dd>
        </div>
        <div>
          <dt>{report.dryRun || refused ? 'Would update' : 'Updated'}</dt>
          <dd data-testid="report-updated">{formatNumber(report.updated)}</dd>
        </div>
        <div>
          <dt>Unchanged</dt>
          <dd data-testid="report-unchanged">{formatNumber(report.unchanged)}</dd>
        </div>
        <div>
          <dt>Problems</dt>
          <dd data-testid="report-errors" className={refused ? 'has-problems' : undefined}>
            {formatNumber(report.errors.length)}
          </dd>
        </div>
      </dl>

      {refused ? (
        <>
          <h4>
            {plural(report.errors.length, 'problem')}
            {report.dryRun ? ': fix them, then run it again' : ': nothing was imported'}
          </h4>
          <div className="table-scroll report-table-scroll">
            <table className="data-table report-table" data-testid="import-errors">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Column</th>
                  <th scope="col">Value</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {report.errors.map((e, i) => (
                  <tr key={i} data-testid="import-error-row">
                    <td className="num">{e.row}</td>
                    <td>{e.column ?? <span className="muted">(whole row)</span>}</td>
                    <td>
                      <code>{e.value ?? ''}</code>
                    </td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      {report.warnings.length > 0 ? (
        <details className="report-warnings">
          <summary>{plural(report.warnings.length, 'warning')}: imported, but not exactly as written</summary>
          <table className="data-table report-table" data-testid="import-warnings">
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Column</th>
                <th scope="col">Value</th>
                <th scope="col">What was done</th>
                <th scope="col">Rows</th>
              </tr>
            </thead>
            <tbody>
              {report.warnings.map((w, i) => (
                <tr key={i}>
                  <td className="num">{w.row}</td>
                  <td>{w.column ?? ''}</td>
                  <td>
                    <code>{w.value ?? ''}</code>
                  </td>
                  <td>{w.message}</td>
                  <td className="num">{w.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </div>
  );
}
