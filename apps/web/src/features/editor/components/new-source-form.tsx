import type { Source } from '@claimline/shared/sources';
import { RELIABILITIES, RELIABILITY_LABELS, SOURCE_KINDS, type Reliability, type SourceKind } from '@claimline/shared/vocabulary';
import { useId, useState } from 'react';
import { isApiError } from '../../../lib/api-client';
import { useCreateSource } from '../api/create-source';

/** A new source, inline in a claim: name, kind, country, reliability A–F and whether it is a party to the conflict. */
export function NewSourceForm({ onCreated, onCancel }: { onCreated: (source: Source) => void; onCancel: () => void }) {
  const create = useCreateSource();
  const id = useId();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<SourceKind>('newspaper');
  const [country, setCountry] = useState('');
  const [reliability, setReliability] = useState<Reliability>('F');
  const [party, setParty] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = () => {
    if (!name.trim()) {
      setError('Give the source a name.');
      return;
    }
    setError(null);
    create.mutate(
      { name: name.trim(), kind, country: country.trim() ? country.trim().toUpperCase() : null, reliability, partyToConflict: party },
      {
        onSuccess: onCreated,
        onError: (e) =>
          setError(
            isApiError(e)
              ? (e.problem.errors?.map((x) => `${x.path}: ${x.message}`).join('; ') || e.problem.detail) ?? e.problem.title
              : 'Could not create the source.',
          ),
      },
    );
  };

  // Not a <form>: it sits inside the editor's form, and Enter here must not save the event.
  return (
    <div className="inline-create" role="group" aria-labelledby={`${id}-title`} data-testid="new-source-form"
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') {
          e.preventDefault();
          submit();
        }
      }}
    >
      <p className="inline-create-title" id={`${id}-title`}>
        New source
      </p>
      <div className="field-grid">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-name`}>
            Name
          </label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} autoFocus data-testid="new-source-name" />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-kind`}>
            Kind
          </label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as SourceKind)}>
            {SOURCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {k.replace('_', ' ')}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-country`}>
            Country (ISO alpha-3)
          </label>
          <input id={`${id}-country`} value={country} maxLength={3} placeholder="USA" onChange={(e) => setCountry(e.target.value)} />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-reliability`}>
            Reliability
          </label>
          <select id={`${id}-reliability`} value={reliability} onChange={(e) => setReliability(e.target.value as Reliability)}>
            {RELIABILITIES.map((r) => (
              <option key={r} value={r}>
                {r} — {RELIABILITY_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <label className="check-inline">
        <input type="checkbox" checked={party} onChange={(e) => setParty(e.target.checked)} /> Party to the conflict (a
        government or force fighting in it)
      </label>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button button-small" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button-small button-primary" onClick={submit} disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add source'}
        </button>
      </div>
    </div>
  );
}
