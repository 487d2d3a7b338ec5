import { CREDIBILITIES, CREDIBILITY_LABELS, RELIABILITIES, RELIABILITY_LABELS } from '@claimline/shared/vocabulary';

/** The Admiralty code behind grades like "B2": source reliability letter, information credibility digit. */
export function GradingLegend({ open = false }: { open?: boolean }) {
  return (
    <details className="grading-legend" open={open}>
      <summary>How to read grades like “B2”</summary>
      <p>
        The letter rates the <strong>source</strong>'s track record; the digit rates this <strong>claim</strong>'s
        information (Admiralty / NATO system).
      </p>
      <div className="legend-columns">
        <dl>
          {RELIABILITIES.map((r) => (
            <div key={r}>
              <dt>{r}</dt>
              <dd>{RELIABILITY_LABELS[r]}</dd>
            </div>
          ))}
        </dl>
        <dl>
          {CREDIBILITIES.map((c) => (
            <div key={c}>
              <dt>{c}</dt>
              <dd>{CREDIBILITY_LABELS[c]}</dd>
            </div>
          ))}
        </dl>
      </div>
    </details>
  );
}
