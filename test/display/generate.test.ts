import { expect } from 'chai';
import { printPermissionSetReport } from '../../src/display/generate.js';
import type { PermissionSetEntryChange } from '../../src/merge/permission-set.js';

/** What the report hands to sf: tables (data and columns) and lines. */
const capture = () => {
  const printed = { tables: [] as Array<{ data: unknown[] }>, lines: [] as string[] };
  return {
    printed,
    terminal: {
      table: (options: { data: unknown[] }) => printed.tables.push(options),
      log: (text = '') => printed.lines.push(...text.split('\n')),
      styledHeader: (text: string) => printed.lines.push(text),
    } as unknown as Parameters<typeof printPermissionSetReport>[0],
  };
};

const entries = (count: number, element: string, action: PermissionSetEntryChange['action'], from = 0): PermissionSetEntryChange[] =>
  Array.from({ length: count }, (_, i) => ({ element, name: `Entry_${from + i}`, action }));

describe('generate output: a large permission set report, counted', () => {
  it('counts entries by action and list, in the order each pair first comes, however the runs interleave', () => {
    const { printed, terminal } = capture();
    const report = {
      entries: [
        ...entries(300, 'fieldPermissions', 'added'),
        ...entries(1, 'fieldPermissions', 'lowered', 300),
        ...entries(200, 'fieldPermissions', 'added', 301),
        ...entries(2, 'objectPermissions', 'kept'),
        ...entries(1, 'fieldPermissions', 'lowered', 501),
        ...entries(3, 'userPermissions', 'added'),
      ],
      otherEntriesKept: 0,
      commentsDropped: 0,
    };
    printPermissionSetReport(terminal, 'force-app/main/default/permissionsets/X.permissionset-meta.xml', report);
    expect(printed.lines.join('\n')).to.include('507 entries');
    expect(printed.tables).to.have.length(1);
    expect(printed.tables[0].data).to.deep.equal([
      { action: 'added', element: 'fieldPermissions', count: '500' },
      { action: 'lowered', element: 'fieldPermissions', count: '2' },
      { action: 'kept', element: 'objectPermissions', count: '2' },
      { action: 'added', element: 'userPermissions', count: '3' },
    ]);
  });

  it('lists each entry of a report up to 500 entries', () => {
    const { printed, terminal } = capture();
    printPermissionSetReport(terminal, 'X.permissionset-meta.xml', { entries: entries(500, 'fieldPermissions', 'added'), otherEntriesKept: 0, commentsDropped: 0 });
    expect(printed.tables[0].data).to.have.length(500);
  });
});
