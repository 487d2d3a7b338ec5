import { ACTOR_KINDS, type Actor, type ActorInput } from '@claimline/shared/sources';
import { useId, useState } from 'react';
import { isApiError } from '../../../lib/api-client';
import { useCreateActor } from '../api/create-actor';

type ActorKind = ActorInput['kind'];

/** A new actor, inline in the event: name, kind and country. */
export function NewActorForm({ onCreated, onCancel }: { onCreated: (actor: Actor) => void; onCancel: () => void }) {
  const create = useCreateActor();
  const id = useId();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ActorKind>('armed_force');
  const [country, setCountry] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = () => {
    if (!name.trim()) {
      setError('Give the actor a name.');
      return;
    }
    setError(null);
    create.mutate(
      { name: name.trim(), kind, country: country.trim() ? country.trim().toUpperCase() : null },
      {
        onSuccess: onCreated,
        onError: (e) =>
          setError(
            isApiError(e)
              ? (e.problem.errors?.map((x) => `${x.path}: ${x.message}`).join('; ') || e.problem.detail) ?? e.problem.title
              : 'Could not create the actor.',
          ),
      },
    );
  };

  return (
    <div className="inline-create" role="group" aria-labelledby={`${id}-title`} data-testid="new-actor-form"
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') {
          e.preventDefault();
          submit();
        }
      }}
    >
      <p className="inline-create-title" id={`${id}-title`}>
        New actor
      </p>
      <div className="field-grid">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-name`}>
            Name
          </label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-kind`}>
            Kind
          </label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as ActorKind)}>
            {ACTOR_KINDS.map((k) => (
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
          <input id={`${id}-country`} value={country} maxLength={3} placeholder="PRK" onChange={(e) => setCountry(e.target.value)} />
        </div>
      </div>
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
          {create.isPending ? 'Adding…' : 'Add actor'}
        </button>
      </div>
    </div>
  );
}
