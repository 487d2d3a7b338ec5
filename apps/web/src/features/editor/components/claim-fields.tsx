import type { Source } from '@claimline/shared/sources';
import {
  CREDIBILITIES,
  CREDIBILITY_LABELS,
  DATE_PRECISIONS,
  STANCES,
  STANCE_LABELS,
  type DatePrecision,
  type Stance,
} from '@claimline/shared/vocabulary';
import { useState } from 'react';
import { Field } from '../../../components/ui/field';
import { emptyQuantity, type ClaimDraft, type QuantityDraft } from './event-draft';
import { useFieldError } from './field-errors';
import { NewSourceForm } from './new-source-form';
import { QuantityFields } from './quantity-fields';

const NEW_SOURCE = '__new__';

/**
 * One claim: who published it (source), whose voice (attributed to), who the
 * information really comes from (origin: equal origins are one voice), what
 * they said and how, and the figures in it.
 */
export function ClaimFields({
  claim,
  index,
  count,
  sources,
  sameOriginAs,
  onChange,
  onMove,
  onRemove,
}: {
  claim: ClaimDraft;
  index: number;
  count: number;
  sources: Source[];
  /** Other claims (1-based numbers) with the same origin: not independent of this one. */
  sameOriginAs: number[];
  onChange: (patch: Partial<ClaimDraft>) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const errorFor = useFieldError();
  const [creatingSource, setCreatingSource] = useState(false);
  const path = `claims.${index}`;
  const source = sources.find((s) => s.id === claim.sourceId);
  const setQuantity = (i: number, patch: Partial<QuantityDraft>) =>
    onChange({ quantities: claim.quantities.map((q, j) => (j === i ? { ...q, ...patch } : q)) });

  return (
    <fieldset className="claim-editor" data-testid="claim-editor" data-claim-id={claim.id ?? ''}>
      <legend>
        Claim {index + 1}
        {source ? <span className="muted"> — {source.name}</span> : null}
        {claim.id ? null : <span className="new-tag">new</span>}
      </legend>
      <div className="claim-editor-tools">
        <button type="button" className="button button-small" onClick={() => onMove(-1)} disabled={index === 0} aria-label={`Move claim ${index + 1} up`}>
          ↑
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => onMove(1)}
          disabled={index === count - 1}
          aria-label={`Move claim ${index + 1} down`}
        >
          ↓
        </button>
        <button type="button" className="button button-small button-danger" onClick={onRemove} aria-label={`Remove claim ${index + 1}`}>
          Remove
        </button>
      </div>

      <div className="field-grid">
        <Field
          label="Source"
          path={`${path}.sourceId`}
          error={errorFor(`${path}.sourceId`)}
          hint={source ? `Reliability ${source.reliability}${source.partyToConflict ? ' · party to the conflict' : ''}` : undefined}
        >
          {(control) => (
            <select
              {...control}
              value={creatingSource ? NEW_SOURCE : claim.sourceId}
              onChange={(e) => {
                if (e.target.value === NEW_SOURCE) setCreatingSource(true);
                else {
                  setCreatingSource(false);
                  onChange({ sourceId: e.target.value });
                }
              }}
              data-testid="claim-source"
            >
              <option value="">Choose a source…</option>
              {sources.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.reliability}
                  {s.partyToConflict ? ', party' : ''})
                </option>
              ))}
              <option value={NEW_SOURCE}>+ New source…</option>
            </select>
          )}
        </Field>
        <Field label="Attributed to" path={`${path}.attributedTo`} error={errorFor(`${path}.attributedTo`)} hint="The voice inside the source">
          {(control) => (
            <input
              {...control}
              value={claim.attributedTo}
              placeholder="an anonymous senior U.S. official"
              onChange={(e) => onChange({ attributedTo: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Origin"
          path={`${path}.origin`}
          error={errorFor(`${path}.origin`)}
          hint={
            sameOriginAs.length > 0 ? (
              <span className="origin-shared" data-testid="origin-shared">
                Same origin as claim {sameOriginAs.join(', ')}: counted as one voice, not independent.
              </span>
            ) : (
              'Who the information really comes from. Claims with the same origin are not independent.'
            )
          }
        >
          {(control) => (
            <input {...control} value={claim.origin} onChange={(e) => onChange({ origin: e.target.value })} data-testid="claim-origin" />
          )}
        </Field>
      </div>

      {creatingSource ? (
        <NewSourceForm
          onCreated={(created) => {
            setCreatingSource(false);
            onChange({ sourceId: created.id });
          }}
          onCancel={() => setCreatingSource(false)}
        />
      ) : null}

      <div className="field-grid">
        <Field label="Stance" path={`${path}.stance`} error={errorFor(`${path}.stance`)}>
          {(control) => (
            <select {...control} value={claim.stance} onChange={(e) => onChange({ stance: e.target.value as Stance })}>
              {STANCES.map((s) => (
                <option key={s} value={s}>
                  {STANCE_LABELS[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Published" path={`${path}.publishedAt`} error={errorFor(`${path}.publishedAt`)}>
          {(control) => (
            <input {...control} type="date" value={claim.publishedAt} onChange={(e) => onChange({ publishedAt: e.target.value })} data-testid="claim-published" />
          )}
        </Field>
        <Field label="known to the" path={`${path}.publishedPrecision`} error={errorFor(`${path}.publishedPrecision`)}>
          {(control) => (
            <select {...control} value={claim.publishedPrecision} onChange={(e) => onChange({ publishedPrecision: e.target.value as DatePrecision })}>
              {DATE_PRECISIONS.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Credibility" path={`${path}.credibility`} error={errorFor(`${path}.credibility`)}>
          {(control) => (
            <select {...control} value={claim.credibility} onChange={(e) => onChange({ credibility: e.target.value })}>
              {CREDIBILITIES.map((c) => (
                <option key={c} value={String(c)}>
                  {c} — {CREDIBILITY_LABELS[c]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      <Field label="Quote, as published" path={`${path}.quote`} error={errorFor(`${path}.quote`)}>
        {(control) => (
          <textarea {...control} rows={3} value={claim.quote} onChange={(e) => onChange({ quote: e.target.value })} data-testid="claim-quote" />
        )}
      </Field>

      <div className="field-grid">
        <Field label="URL" path={`${path}.url`} error={errorFor(`${path}.url`)}>
          {(control) => <input {...control} type="url" value={claim.url} placeholder="https://…" onChange={(e) => onChange({ url: e.target.value })} />}
        </Field>
        <Field label="Archived URL" path={`${path}.archivedUrl`} error={errorFor(`${path}.archivedUrl`)}>
          {(control) => (
            <input {...control} type="url" value={claim.archivedUrl} placeholder="https://web.archive.org/…" onChange={(e) => onChange({ archivedUrl: e.target.value })} />
          )}
        </Field>
      </div>

      <div className="field-grid">
        <Field label="Note" path={`${path}.note`} error={errorFor(`${path}.note`)} className="field-wide">
          {(control) => <input {...control} value={claim.note} onChange={(e) => onChange({ note: e.target.value })} />}
        </Field>
        <label className="check-inline claim-retracted">
          <input type="checkbox" checked={claim.retracted} onChange={(e) => onChange({ retracted: e.target.checked })} /> Retracted
        </label>
      </div>

      <div className="quantities-editor">
        <p className="quantities-title">
          Figures <span className="muted">— killed and wounded are separate figures, never summed</span>
        </p>
        {errorFor(`${path}.quantities`) ? <p className="field-error">{errorFor(`${path}.quantities`)}</p> : null}
        {claim.quantities.map((q, i) => (
          <QuantityFields
            key={q.key}
            quantity={q}
            index={i}
            path={`${path}.quantities.${i}`}
            onChange={(patch) => setQuantity(i, patch)}
            onRemove={() => onChange({ quantities: claim.quantities.filter((_, j) => j !== i) })}
          />
        ))}
        <button
          type="button"
          className="button button-small"
          onClick={() => onChange({ quantities: [...claim.quantities, emptyQuantity()] })}
          data-testid="add-quantity"
        >
          + Add a figure
        </button>
      </div>
    </fieldset>
  );
}
