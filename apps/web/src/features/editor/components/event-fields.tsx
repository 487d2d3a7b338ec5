import type { Actor } from '@claimline/shared/sources';
import type { StatusReasoning } from '@claimline/shared/status';
import {
  ACTOR_ROLES,
  DATE_PRECISIONS,
  EVENT_KINDS,
  EVENT_STATUSES,
  GEO_PRECISIONS,
  GEO_PRECISION_LABELS,
  KIND_LABELS,
  STATUS_LABELS,
  type ActorRole,
  type DatePrecision,
  type EventKind,
  type EventStatus,
  type GeoPrecision,
} from '@claimline/shared/vocabulary';
import { useState } from 'react';
import { Field } from '../../../components/ui/field';
import { StatusBadge } from '../../../components/ui/status-badge';
import { rowKey, type EventDraft } from './event-draft';
import { useFieldError } from './field-errors';
import { NewActorForm } from './new-actor-form';

type Change = (patch: Partial<EventDraft>) => void;

/** What, when and where: kind, title, summary, dates with their precision, place with its precision and coordinates, tags. */
export function EventFields({ draft, onChange }: { draft: EventDraft; onChange: Change }) {
  const errorFor = useFieldError();
  const text = (key: keyof EventDraft) => (e: { target: { value: string } }) => onChange({ [key]: e.target.value });

  return (
    <>
      <div className="field-grid">
        <Field label="Kind" path="kind" error={errorFor('kind')}>
          {(control) => (
            <select {...control} value={draft.kind} onChange={(e) => onChange({ kind: e.target.value as EventKind })}>
              {EVENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Title" path="title" error={errorFor('title')} className="field-wide">
          {(control) => <input {...control} value={draft.title} onChange={text('title')} data-testid="event-title" />}
        </Field>
      </div>
      <Field label="Summary" path="summary" error={errorFor('summary')}>
        {(control) => <textarea {...control} rows={2} value={draft.summary} onChange={text('summary')} data-testid="event-summary" />}
      </Field>

      <div className="field-grid">
        <Field label="Start date" path="startDate" error={errorFor('startDate')}>
          {(control) => <input {...control} type="date" value={draft.startDate} onChange={text('startDate')} />}
        </Field>
        <Field label="End date" path="endDate" error={errorFor('endDate')} hint="Empty for a single date">
          {(control) => <input {...control} type="date" value={draft.endDate} onChange={text('endDate')} />}
        </Field>
        <Field label="Dates known to the" path="datePrecision" error={errorFor('datePrecision')}>
          {(control) => (
            <select {...control} value={draft.datePrecision} onChange={(e) => onChange({ datePrecision: e.target.value as DatePrecision })}>
              {DATE_PRECISIONS.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      <div className="field-grid">
        <Field label="Place" path="placeName" error={errorFor('placeName')}>
          {(control) => <input {...control} value={draft.placeName} onChange={text('placeName')} />}
        </Field>
        <Field label="District (admin 2)" path="admin2" error={errorFor('admin2')}>
          {(control) => <input {...control} value={draft.admin2} onChange={text('admin2')} />}
        </Field>
        <Field label="Region (admin 1)" path="admin1" error={errorFor('admin1')}>
          {(control) => <input {...control} value={draft.admin1} onChange={text('admin1')} />}
        </Field>
        <Field label="Country" path="country" error={errorFor('country')} hint="ISO alpha-3, e.g. RUS">
          {(control) => <input {...control} value={draft.country} maxLength={3} onChange={text('country')} />}
        </Field>
      </div>
      <div className="field-grid">
        <Field label="Latitude" path="lat" error={errorFor('lat')}>
          {(control) => <input {...control} inputMode="decimal" value={draft.lat} onChange={text('lat')} />}
        </Field>
        <Field label="Longitude" path="lon" error={errorFor('lon')}>
          {(control) => <input {...control} inputMode="decimal" value={draft.lon} onChange={text('lon')} />}
        </Field>
        <Field
          label="Place precision"
          path="geoPrecision"
          error={errorFor('geoPrecision')}
          hint={draft.geoPrecision && draft.geoPrecision !== 'exact' ? 'Drawn as an area of that size, not a pin' : undefined}
        >
          {(control) => (
            <select {...control} value={draft.geoPrecision} onChange={(e) => onChange({ geoPrecision: e.target.value as GeoPrecision | '' })}>
              <option value="">— (no coordinates)</option>
              {GEO_PRECISIONS.map((p) => (
                <option key={p} value={p}>
                  {GEO_PRECISION_LABELS[p]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label="Tags" path="tags" error={errorFor('tags', true)} hint="Comma-separated">
        {(control) => <input {...control} value={draft.tags} onChange={text('tags')} />}
      </Field>
    </>
  );
}

/** Who did it and to whom: actors from the list with a role, or a new one made here. */
export function ActorFields({ draft, actors, onChange }: { draft: EventDraft; actors: Actor[]; onChange: Change }) {
  const errorFor = useFieldError();
  const [creating, setCreating] = useState(false);
  const setActor = (i: number, patch: Partial<EventDraft['actors'][number]>) =>
    onChange({ actors: draft.actors.map((a, j) => (j === i ? { ...a, ...patch } : a)) });

  return (
    <fieldset className="editor-section" data-testid="actors-editor">
      <legend>Actors</legend>
      {errorFor('actors') ? <p className="field-error">{errorFor('actors')}</p> : null}
      {draft.actors.length === 0 ? <p className="muted">No actors.</p> : null}
      {draft.actors.map((a, i) => (
        <div className="actor-row" key={a.key}>
          <Field label={`Actor ${i + 1}`} path={`actors.${i}.actorId`} error={errorFor(`actors.${i}.actorId`)}>
            {(control) => (
              <select {...control} value={a.actorId} onChange={(e) => setActor(i, { actorId: e.target.value })}>
                <option value="">Choose an actor…</option>
                {actors.map((actor) => (
                  <option key={actor.id} value={actor.id}>
                    {actor.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Role" path={`actors.${i}.role`} error={errorFor(`actors.${i}.role`)}>
            {(control) => (
              <select {...control} value={a.role} onChange={(e) => setActor(i, { role: e.target.value as ActorRole })}>
                {ACTOR_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button
            type="button"
            className="button button-small"
            onClick={() => onChange({ actors: draft.actors.filter((_, j) => j !== i) })}
            aria-label={`Remove actor ${i + 1}`}
          >
            Remove
          </button>
        </div>
      ))}
      <div className="row-actions">
        <button
          type="button"
          className="button button-small"
          onClick={() => onChange({ actors: [...draft.actors, { key: rowKey(), actorId: '', role: 'subject' }] })}
        >
          + Add an actor
        </button>
        <button type="button" className="button button-small" onClick={() => setCreating(true)} disabled={creating}>
          + New actor…
        </button>
      </div>
      {creating ? (
        <NewActorForm
          onCreated={(actor) => {
            setCreating(false);
            onChange({ actors: [...draft.actors, { key: rowKey(), actorId: actor.id, role: 'subject' }] });
          }}
          onCancel={() => setCreating(false)}
        />
      ) : null}
    </fieldset>
  );
}

/** The status the claims make (live, as the server will derive it), and an editor's override with its reason. */
export function StatusFields({ draft, reasoning, onChange }: { draft: EventDraft; reasoning: StatusReasoning; onChange: Change }) {
  const errorFor = useFieldError();
  return (
    <fieldset className="editor-section" data-testid="status-editor">
      <legend>Status</legend>
      <p className="derived-status" data-testid="derived-status">
        From the claims: <StatusBadge status={reasoning.status} /> <span className="muted">{reasoning.explanation}.</span>
      </p>
      <div className="field-grid">
        <Field label="Override" path="statusOverride" error={errorFor('statusOverride')}>
          {(control) => (
            <select {...control} value={draft.statusOverride} onChange={(e) => onChange({ statusOverride: e.target.value as EventStatus | '' })}>
              <option value="">None: use the derived status</option>
              {EVENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Reason"
          path="statusReason"
          error={errorFor('statusReason')}
          className="field-wide"
          hint={draft.statusOverride ? 'Required with an override' : undefined}
        >
          {(control) => <input {...control} value={draft.statusReason} onChange={(e) => onChange({ statusReason: e.target.value })} />}
        </Field>
      </div>
    </fieldset>
  );
}
