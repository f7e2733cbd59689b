import { Messages } from '@salesforce/core';
import type { ConvertResult } from '../pages/convert.js';
import type { Terminal } from './generate.js';
import { printTable } from './table.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'integration-user.convert.page');

/** What `convert page` prints: the drafted items with their page lines, what is left for review and why, and the next step. */
export const printConvertResult = (terminal: Terminal, result: ConvertResult): void => {
  if (result.items.length > 0) {
    terminal.styledHeader(messages.getMessage('header.items', [result.page]));
    printTable(terminal, result.items.map((i) => ({
        kind: i.kind,
        name: i.name,
        access: i.access?.join(', ') ?? '',
        tier: i.condition ? `${i.tier}: ${i.condition}` : i.tier,
        line: String(i.line),
      })), [
        { key: 'kind', name: messages.getMessage('column.kind') },
        { key: 'name', name: messages.getMessage('column.name') },
        { key: 'access', name: messages.getMessage('column.access') },
        { key: 'tier', name: messages.getMessage('column.tier') },
        { key: 'line', name: messages.getMessage('column.line') },
      ]);
  }
  if (result.review.length > 0) {
    terminal.styledHeader(messages.getMessage('header.review', [result.review.length]));
    printTable(terminal, result.review.map((r) => ({ kind: r.kind, name: r.name, line: String(r.line), why: r.why })), [
        { key: 'kind', name: messages.getMessage('column.kind') },
        { key: 'name', name: messages.getMessage('column.name') },
        { key: 'line', name: messages.getMessage('column.line') },
        { key: 'why', name: messages.getMessage('column.why') },
      ]);
  }
  const counts = [result.outputFile, result.items.length, result.review.length];
  terminal.log(messages.getMessage(result.status === 'identical' ? 'info.identical' : 'info.written', counts));
  terminal.log(messages.getMessage('info.next', [result.outputFile]));
};
