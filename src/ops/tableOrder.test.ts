import { describe, expect, it } from 'vitest';
import { OpsError } from './opsError.js';
import type { TableInfo } from './rawDatabase.js';
import { dataTables, dependencyOrder, sortedColumns } from './tableOrder.js';

const table = (name: string, references: string[] = [], columns: string[] = ['id']): TableInfo => ({
  name,
  columns: columns.map((column) => ({ name: column, type: 'text', textual: true })),
  primaryKey: ['id'],
  references,
});

describe('dependencyOrder', () => {
  it('puts every table after the tables its foreign keys point to, ties by name', () => {
    const order = dependencyOrder([
      table('registrations', ['sessions', 'trainees', 'funders']),
      table('trainees', ['employers']),
      table('sessions', ['trainings']),
      table('employers', ['funders', 'regions']),
      table('trainings', ['funders', 'regions']),
      table('funders', ['regions']),
      table('regions'),
      table('audit_log', ['funders']),
    ]).map((t) => t.name);
    expect(order).toEqual(['regions', 'funders', 'audit_log', 'employers', 'trainings', 'sessions', 'trainees', 'registrations']);
  });

  it('ignores references to itself and to tables outside the list', () => {
    expect(dependencyOrder([table('b', ['b', 'elsewhere']), table('a', ['b'])]).map((t) => t.name)).toEqual(['b', 'a']);
  });

  it('refuses a cycle, naming the tables', () => {
    expect(() => dependencyOrder([table('a', ['b']), table('b', ['a']), table('c')])).toThrow(OpsError);
    expect(() => dependencyOrder([table('a', ['b']), table('b', ['a'])])).toThrow('a, b');
  });
});

describe('dataTables and sortedColumns', () => {
  it('leaves out the migration bookkeeping and the derived search index', () => {
    expect(dataTables([table('kysely_migration'), table('kysely_migration_lock'), table('training_search'), table('funders')]).map((t) => t.name)).toEqual(['funders']);
  });

  it('orders columns by name, whatever order the engine added them in', () => {
    expect(sortedColumns(table('t', [], ['updated_at', 'id', 'attachments']))).toEqual(['attachments', 'id', 'updated_at']);
  });
});
