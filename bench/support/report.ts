/**
 * Output of a benchmark: aligned text tables for people, then, as the very last line, one
 * JSON object for machines (CI compares runs by reading the last line only).
 */

export type Cell = string | number;

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

export function formatTable(columns: Column[], rows: Cell[][]): string {
  const text = rows.map((row) => row.map((cell) => String(cell)));
  const widths = columns.map((column, index) => Math.max(column.header.length, ...text.map((row) => (row[index] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, index) => {
        const width = widths[index] ?? cell.length;
        return columns[index]?.align === 'left' ? cell.padEnd(width) : cell.padStart(width);
      })
      .join(' │ ')
      .trimEnd();
  const rule = widths.map((width) => '─'.repeat(width)).join('─┼─');
  return [line(columns.map((column) => column.header)), rule, ...text.map(line)].join('\n');
}

/** A number with `digits` decimals, for tables. */
export function fixed(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '—';
}

/** A number rounded for the JSON line (no 0.30000000000000004). */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export const megabytes = (bytes: number): number => bytes / (1024 * 1024);

/** Prints the machine-readable summary; must be the last thing the benchmark writes to stdout. */
export function printJsonLine(summary: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}
