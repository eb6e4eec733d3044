import { describe, expect, it } from 'vitest';
import { canonicalValue, compareFigures, formatComparison, TableHasher, type TableFigures } from './checksum.js';

const figuresOf = (table: string, rows: unknown[][]): TableFigures => {
  const hasher = new TableHasher(table);
  for (const row of rows) hasher.add(row);
  return hasher.figures();
};

describe('canonicalValue', () => {
  it('reads the same value the same way whatever the driver returned', () => {
    expect(canonicalValue(7)).toBe('7');
    expect(canonicalValue(7n)).toBe('7');
    expect(canonicalValue(1.5)).toBe('1.5');
    expect(canonicalValue(-0)).toBe('0');
    expect(canonicalValue(true)).toBe('1');
    expect(canonicalValue(false)).toBe('0');
    expect(canonicalValue(Buffer.from([0, 255]))).toBe('\\x00ff');
    expect(canonicalValue(new Date('2026-11-25T09:00:00Z'))).toBe('2026-11-25T09:00:00.000Z');
    expect(canonicalValue(null)).toBeNull();
    expect(canonicalValue(undefined)).toBeNull();
  });

  it('keeps NULL apart from the text "null" and from an empty string', () => {
    const a = figuresOf('t', [['x', null]]);
    expect(figuresOf('t', [['x', 'null']]).checksum).not.toBe(a.checksum);
    expect(figuresOf('t', [['x', '']]).checksum).not.toBe(a.checksum);
    expect(figuresOf('t', [['x', 7n]]).checksum).toBe(figuresOf('t', [['x', 7]]).checksum);
  });
});

describe('compareFigures', () => {
  it('agrees only when count and checksum agree, and says what differs', () => {
    const rows = [['a', 1], ['b', 2]];
    const source = new Map([
      ['same', figuresOf('same', rows)],
      ['changed', figuresOf('changed', rows)],
      ['shorter', figuresOf('shorter', rows)],
      ['only_source', figuresOf('only_source', rows)],
    ]);
    const target = new Map([
      ['same', figuresOf('same', rows)],
      ['changed', figuresOf('changed', [['a', 1], ['b', 3]])],
      ['shorter', figuresOf('shorter', [['a', 1]])],
    ]);
    const comparison = compareFigures(source, target);
    expect(comparison.ok).toBe(false);
    expect(comparison.tables.filter((t) => t.same).map((t) => t.table)).toEqual(['same']);
    const text = formatComparison(comparison.tables, { source: 'Source', target: 'Cible' });
    expect(text).toMatch(/^same .* OK$/m);
    expect(text).toMatch(/^changed .* DIFFÉRENT : même nombre de lignes, contenu différent/m);
    expect(text).toMatch(/^shorter .* DIFFÉRENT : -1 ligne\(s\)$/m);
    expect(text).toMatch(/^only_source .* DIFFÉRENT : table absente de la cible$/m);
    expect(compareFigures(target, target).ok).toBe(true);
  });
});
