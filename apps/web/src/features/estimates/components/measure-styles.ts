import type { Measure } from '@claimline/shared/vocabulary';

/**
 * Each measure keeps its own colour and shape, so killed, wounded and
 * "casualties" (killed and wounded reported together) never read as one
 * series. Colours from the Okabe–Ito set; the shape repeats the distinction
 * for anyone who cannot tell the colours apart.
 */
export type MeasureShape = 'diamond' | 'circle' | 'square' | 'triangle' | 'triangle-down' | 'hexagon';

export const MEASURE_STYLES: Record<Measure, { color: string; shape: MeasureShape; label: string; hint: string }> = {
  killed: { color: '#C0470A', shape: 'diamond', label: 'killed', hint: 'killed' },
  wounded: { color: '#0072B2', shape: 'circle', label: 'wounded', hint: 'wounded or injured' },
  casualties: {
    color: '#A8508A',
    shape: 'square',
    label: 'casualties',
    hint: 'killed and wounded as reported together: never split, never a sum',
  },
  captured: { color: '#007A5A', shape: 'triangle', label: 'captured', hint: 'captured' },
  missing: { color: '#6B6B6B', shape: 'triangle-down', label: 'missing', hint: 'missing' },
  deployed: { color: '#B07A00', shape: 'hexagon', label: 'deployed', hint: 'deployed' },
};

/** An SVG path of the measure's shape centred on (cx, cy), about 2r across. */
export function shapePath(shape: MeasureShape, cx: number, cy: number, r: number): string {
  const f = (n: number) => Number(n.toFixed(2));
  switch (shape) {
    case 'diamond':
      return `M${f(cx)},${f(cy - r * 1.2)} L${f(cx + r * 1.2)},${f(cy)} L${f(cx)},${f(cy + r * 1.2)} L${f(cx - r * 1.2)},${f(cy)} Z`;
    case 'square':
      return `M${f(cx - r)},${f(cy - r)} h${f(2 * r)} v${f(2 * r)} h${f(-2 * r)} Z`;
    case 'triangle':
      return `M${f(cx)},${f(cy - r * 1.2)} L${f(cx + r * 1.15)},${f(cy + r * 0.9)} L${f(cx - r * 1.15)},${f(cy + r * 0.9)} Z`;
    case 'triangle-down':
      return `M${f(cx)},${f(cy + r * 1.2)} L${f(cx + r * 1.15)},${f(cy - r * 0.9)} L${f(cx - r * 1.15)},${f(cy - r * 0.9)} Z`;
    case 'hexagon': {
      const points = Array.from({ length: 6 }, (_, i) => {
        const a = (Math.PI / 3) * i;
        return `${f(cx + r * 1.1 * Math.cos(a))},${f(cy + r * 1.1 * Math.sin(a))}`;
      });
      return `M${points.join(' L')} Z`;
    }
    default:
      // A circle as a path, so every shape is drawn the same way.
      return `M${f(cx - r)},${f(cy)} a${f(r)},${f(r)} 0 1,0 ${f(2 * r)},0 a${f(r)},${f(r)} 0 1,0 ${f(-2 * r)},0`;
  }
}
