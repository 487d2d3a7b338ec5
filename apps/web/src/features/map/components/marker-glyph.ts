import type { EventStatus } from '@claimline/shared/vocabulary';

/**
 * The event marker as SVG: the fill is the event's kind (the same colours as
 * everywhere), the ring around it is its status, so both read at once and
 * neither needs colour alone:
 *   single source  thin ring          corroborated  thick solid ring
 *   contested      dashed ring        denied        hollow and struck through
 *   retracted      hollow, struck through and faded
 * An imprecise place keeps a white pinhole in the fill; its shaded area on the
 * map says where the event may lie.
 */

export const MARKER_SIZE = 24;

const INK = '#1f2630';
const C = MARKER_SIZE / 2;

const RING: Record<EventStatus, string> = {
  single_source: `stroke="${INK}" stroke-width="1.3"`,
  corroborated: `stroke="${INK}" stroke-width="3.2"`,
  contested: `stroke="${INK}" stroke-width="2.2" stroke-dasharray="3.6 2.4"`,
  denied: `stroke="${INK}" stroke-width="1.3"`,
  retracted: `stroke="${INK}" stroke-width="1.3" stroke-dasharray="1.5 2"`,
};

export function markerSvg({
  color,
  status,
  imprecise = false,
  size = MARKER_SIZE,
}: {
  color: string;
  status: EventStatus;
  imprecise?: boolean;
  size?: number;
}): string {
  const hollow = status === 'denied' || status === 'retracted';
  const core = hollow
    ? `<circle cx="${C}" cy="${C}" r="5" fill="#fff" stroke="${color}" stroke-width="2.6"/>`
    : `<circle cx="${C}" cy="${C}" r="5.8" fill="${color}" stroke="#fff" stroke-width="1.2"/>`;
  const pinhole = imprecise && !hollow ? `<circle cx="${C}" cy="${C}" r="1.8" fill="#fff"/>` : '';
  const strike = hollow ? `<line x1="5" y1="19" x2="19" y2="5" stroke="${INK}" stroke-width="2" stroke-linecap="round"/>` : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${MARKER_SIZE} ${MARKER_SIZE}"` +
    ` aria-hidden="true" focusable="false"${status === 'retracted' ? ' opacity="0.6"' : ''}>` +
    `<circle cx="${C}" cy="${C}" r="11" fill="#fff" fill-opacity="0.92"/>` +
    `<circle cx="${C}" cy="${C}" r="9.3" fill="none" ${RING[status]}/>` +
    core +
    pinhole +
    strike +
    `</svg>`
  );
}
