import { intervalForPhrase, VAGUE_QUANTITY_TABLE_VERSION } from '@claimline/shared/vague-quantities';
import { MEASURES } from '@claimline/shared/vocabulary';
import { Field } from '../../../components/ui/field';
import { formatInterval } from '../../../lib/format-quantity';
import { useFieldError } from './field-errors';
import type { QuantityDraft } from './event-draft';

/**
 * One claimed figure: what is counted, of whom, the words as published and
 * the numbers. The interval the phrase stands for (the shared table the
 * server fills from) is shown live as the editor types; numbers typed by the
 * editor override it, and the phrase is always kept.
 */
export function QuantityFields({
  quantity,
  path,
  index,
  onChange,
  onRemove,
}: {
  quantity: QuantityDraft;
  path: string;
  index: number;
  onChange: (patch: Partial<QuantityDraft>) => void;
  onRemove: () => void;
}) {
  const errorFor = useFieldError();
  const reading = quantity.phrase.trim() ? intervalForPhrase(quantity.phrase) : null;
  const typed = quantity.low.trim() !== '' || quantity.best.trim() !== '' || quantity.high.trim() !== '';
  const filled = reading && !typed ? reading : null;
  const interval = reading ? formatInterval(reading.low, reading.high) ?? String(reading.best ?? '') : null;

  return (
    <fieldset className="quantity-row" data-testid="quantity">
      <legend className="visually-hidden">Figure {index + 1}</legend>
      <Field label="Measure" path={`${path}.measure`} error={errorFor(`${path}.measure`)}>
        {(control) => (
          <select {...control} value={quantity.measure} onChange={(e) => onChange({ measure: e.target.value as QuantityDraft['measure'] })}>
            {MEASURES.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Of whom" path={`${path}.subject`} error={errorFor(`${path}.subject`)}>
        {(control) => <input {...control} value={quantity.subject} onChange={(e) => onChange({ subject: e.target.value })} />}
      </Field>
      <Field label="Phrase as published" path={`${path}.phrase`} error={errorFor(`${path}.phrase`)} className="field-phrase">
        {(control) => (
          <input
            {...control}
            value={quantity.phrase}
            placeholder="dozens, about 3,000…"
            onChange={(e) => onChange({ phrase: e.target.value })}
            data-testid="quantity-phrase"
          />
        )}
      </Field>
      {(['low', 'best', 'high'] as const).map((bound) => (
        <Field key={bound} label={bound} path={`${path}.${bound}`} error={errorFor(`${path}.${bound}`)} className="field-number">
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              value={quantity[bound]}
              placeholder={filled && filled[bound] !== null ? String(filled[bound]) : ''}
              onChange={(e) => onChange({ [bound]: e.target.value })}
              data-testid={`quantity-${bound}`}
            />
          )}
        </Field>
      ))}
      <button type="button" className="button button-small quantity-remove" onClick={onRemove} aria-label={`Remove figure ${index + 1}`}>
        Remove
      </button>
      {quantity.phrase.trim() ? (
        <p className={`phrase-reading${reading ? '' : ' is-unknown'}`} aria-live="polite" data-testid="phrase-interval">
          {reading ? (
            typed ? (
              <>
                “{quantity.phrase.trim()}” reads as <strong>{interval}</strong>; the numbers you typed are kept instead.
              </>
            ) : (
              <>
                “{quantity.phrase.trim()}” reads as <strong data-testid="phrase-interval-value">{interval}</strong>
                {reading.best !== null ? ` (best ${reading.best})` : ''}: filled from the vague-quantity table{' '}
                {VAGUE_QUANTITY_TABLE_VERSION}. Type numbers to override; the phrase is kept either way.
              </>
            )
          ) : (
            <>The table has no reading of “{quantity.phrase.trim()}”: the phrase is kept; give numbers if the source gave any.</>
          )}
        </p>
      ) : null}
    </fieldset>
  );
}
