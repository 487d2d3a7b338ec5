import type { EventKind } from '@claimline/shared/vocabulary';
import { KIND_COLORS } from '../../lib/kind-colors';

/** The kind's colour as a small dot; decorative: the kind is always written next to it. */
export function KindSwatch({ kind }: { kind: EventKind }) {
  return <span className="kind-swatch" style={{ background: KIND_COLORS[kind] }} aria-hidden="true" />;
}
