import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VAGUE_QUANTITY_TABLE_VERSION, VAGUE_RULES, VAGUE_WORDS } from '../../packages/shared/src/vague-quantities.js';

/** The README documents the vague-quantity table; it must say what the code does. */
const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
const fmt = (n: number) => n.toLocaleString('en-US');

describe('the README’s table of vague quantities', () => {
  it('names the table version the code uses', () => {
    expect(readme).toContain(`Table version \`${VAGUE_QUANTITY_TABLE_VERSION}\``);
  });
  it.each(VAGUE_WORDS)('lists "$phrase" with the interval and reasoning of the code', (w) => {
    expect(readme).toContain(`| ${w.phrase} | ${fmt(w.low)}–${w.high === null ? '' : fmt(w.high)} | ${w.reasoning} |`);
  });
  it.each(VAGUE_RULES)('explains the rule "$rule"', (r) => {
    expect(readme).toContain(`| ${r.rule} | | ${r.reasoning} |`);
  });
});
