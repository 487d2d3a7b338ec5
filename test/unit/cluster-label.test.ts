import { describe, expect, it } from 'vitest';
import { clusterLabel } from '../../apps/web/src/features/map/components/cluster-glyph';

describe('a cluster glyph’s count', () => {
  it.each([
    [1, '1'],
    [999, '999'],
    [9_999, '9,999'],
    [10_000, '10k'],
    [24_566, '24.5k'],
    [99_999, '99.9k'],
    [103_118, '103k'],
    [999_999, '999k'],
    [1_000_000, '1M'],
    [1_250_000, '1.2M'],
  ])('%i reads %s: exact to 9,999, then rounded down, never more than there is', (n, label) => {
    expect(clusterLabel(n)).toBe(label);
  });
});
