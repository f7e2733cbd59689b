import { Messages } from '@salesforce/core';
import { count } from './count.js';
import { printTable } from './table.js';
import type { FormatResult } from '../format.js';
import { PERMISSION_SET_SUFFIX } from '../format.js';
import type { Terminal } from './generate.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'integration-user.format');

/** What `integration-user format` prints: each file and whether it was (or would be) rewritten, then a summary. */
export const printFormatResult = (terminal: Terminal, result: FormatResult, sourceDirs: readonly string[]): void => {
  const dirs = sourceDirs.join(', ');
  if (result.files.length === 0) {
    terminal.log(messages.getMessage('info.none', [PERMISSION_SET_SUFFIX, dirs]));
    return;
  }
  const changed = result.files.filter((f) => f.status !== 'identical');
  const status = (s: string): string =>
    messages.getMessage(
      s === 'identical' ? 'status.identical' : s === 'deleted' ? (result.check ? 'status.wouldDelete' : 'status.deleted') : result.check ? 'status.wouldChange' : 'status.changed'
    );
  const rows = (result.check ? changed : result.files).map((f) => ({ status: status(f.status), path: f.path }));
  if (rows.length > 0) {
    terminal.styledHeader(messages.getMessage(result.check ? 'header.check' : 'header.files'));
    printTable(terminal, rows, [
        { key: 'status', name: messages.getMessage('column.status') },
        { key: 'path', name: messages.getMessage('column.path') },
      ]);
  }
  for (const file of result.files.filter((f) => f.commentsDropped > 0)) terminal.log(messages.getMessage('info.commentsDropped', [file.path, count(file.commentsDropped, 'comment')]));
  const total = result.files.length;
  const all = count(total, 'permissionSet');
  // "1 permission set" or "1 of 3": a count of the whole reads "1 of 3 permission sets", never "All 1 permission sets".
  const some = (n: number): string => (n === total ? all : String(n));
  if (!result.check) {
    if (changed.length === 0) terminal.log(messages.getMessage('info.formattedNone', [all]));
    else if (changed.length === total) terminal.log(messages.getMessage('info.formattedAll', [all]));
    else terminal.log(messages.getMessage('info.formatted', [all, some(changed.length)]));
  } else if (changed.length === 0) terminal.log(messages.getMessage('info.allCanonical', [all]));
  else terminal.log(messages.getMessage('info.notCanonical', [all, some(changed.length), sourceDirs.map((d) => `--source-dir ${d}`).join(' ')]));
};
