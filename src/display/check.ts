import { Messages } from '@salesforce/core';
import { printTable } from './table.js';
import type { CheckResult } from '../check/model.js';
import type { CheckPolicies, CheckPolicy } from '../check/policies.js';
import type { WrittenFile } from '../check/missing.js';
import type { Terminal } from './generate.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'integration-user.check');

const list = (names: string[]): string => names.join(', ');

const grantsLine = (p: CheckPolicy): string =>
  p.lacks.length === 0
    ? messages.getMessage('policies.grants.all', [list(p.grants)])
    : p.grants.length === 0
      ? messages.getMessage('policies.grants.none', [list(p.lacks)])
      : messages.getMessage('policies.grants.some', [list(p.grants), list(p.lacks)]);

const stateLine = (p: CheckPolicy): string => {
  if (!p.active) return messages.getMessage(p.status === 'Design' ? 'policies.design' : 'policies.inactive', [p.status]);
  if (p.outrankedBy) return messages.getMessage('policies.outranked', [p.outrankedBy]);
  const order = p.order === undefined ? messages.getMessage('policies.noOrder') : messages.getMessage('policies.order', [p.order]);
  // A triggerType of a later API version than this plugin knows is shown without its meaning.
  if (!['Create', 'Update', 'CreateAndUpdate'].includes(p.triggerType ?? '')) return messages.getMessage('policies.activeOther', [order, p.triggerType ?? '-']);
  return messages.getMessage('policies.active', [order, messages.getMessage(`policies.trigger.${p.triggerType!}`)]);
};

/** The policies that select the user, each with what it grants of the plan and whether it runs; or why none were read. */
export const policyLines = (policies: CheckPolicies, username: string): string[] => {
  if (!policies.read) return [messages.getMessage('policies.unread', [policies.fault.message, policies.fault.action])];
  if (policies.policies.length === 0) return [messages.getMessage('policies.none', [username, policies.inOrg])];
  return [
    messages.getMessage('policies.header', [username, policies.inOrg]),
    ...policies.policies.flatMap((p) => [
      `  - ${messages.getMessage('policies.policy', [p.label, p.fullName, p.selectsUser === 'yes' ? messages.getMessage('policies.selects.yes') : messages.getMessage('policies.selects.conditional', [list(p.otherFilters)])])}`,
      `    ${grantsLine(p)}`,
      ...(p.revokes.length > 0 ? [`    ${messages.getMessage('policies.revokes', [list(p.revokes)])}`] : []),
      `    ${stateLine(p)}`,
    ]),
  ];
};

/** What `integration-user check` prints: one row per requirement, the field-level security scan, the faults, the outcome. */
export const printCheckResult = (terminal: Terminal, result: CheckResult, vendorName: string): void => {
  terminal.styledHeader(messages.getMessage('header.check', [vendorName, result.user.username, result.targetOrg]));
  printTable(terminal, result.items.map((item) => ({
      requirement: item.requirement,
      tier: item.tier,
      status: item.detail ? `${item.status}: ${item.detail}` : item.status,
      grantedBy: item.grantedBy.join(', '),
      reason: item.reason,
    })), [
      { key: 'requirement', name: messages.getMessage('column.requirement') },
      { key: 'tier', name: messages.getMessage('column.tier') },
      { key: 'status', name: messages.getMessage('column.status') },
      { key: 'grantedBy', name: messages.getMessage('column.grantedBy') },
      { key: 'reason', name: messages.getMessage('column.reason') },
    ]);

  const gaps = result.fieldSecurity.filter((g) => g.missing > 0);
  if (gaps.length > 0) {
    terminal.log(`\n${messages.getMessage('header.fieldSecurity')}`);
    printTable(terminal, gaps.map((g) => ({ object: g.object, fields: String(g.fields), missing: String(g.missing), firstMissing: g.firstMissing.join(', ') })), [
        { key: 'object', name: messages.getMessage('column.object') },
        { key: 'fields', name: messages.getMessage('column.fields') },
        { key: 'missing', name: messages.getMessage('column.missing') },
        { key: 'firstMissing', name: messages.getMessage('column.firstMissing') },
      ]);
  }

  terminal.log('');
  for (const line of policyLines(result.userAccessPolicies, result.user.username)) terminal.log(line);

  if (result.faults.length > 0) {
    terminal.log(`\n${messages.getMessage('header.faults')}`);
    for (const fault of result.faults) terminal.log(`  - ${fault.message}\n    ${fault.action}`);
  }

  const missing = result.items.filter((i) => i.tier === 'required' && (i.status === 'fail' || i.status === 'not-in-org'));
  terminal.log('');
  if (result.outcome === 'pass') terminal.log(messages.getMessage('outcome.pass', [result.required.pass]));
  else if (result.outcome === 'fail') terminal.log(messages.getMessage('outcome.fail', [missing.length, missing.map((i) => i.requirement).join('; ')]));
  else terminal.log(messages.getMessage('outcome.incomplete', [result.required.unchecked]));
  const recommended = result.recommended;
  const total = recommended.pass + recommended.fail + recommended.notInOrg + recommended.unchecked;
  if (total > 0) terminal.log(messages.getMessage('recommended', [recommended.pass, total]));
};

export const printWrittenFile = (terminal: Terminal, file: WrittenFile | undefined, shownPath: string, username: string): void => {
  if (!file) terminal.log(messages.getMessage('nothingMissing'));
  else terminal.log(messages.getMessage('written', [shownPath, file.status, shownPath, file.fullName, username]));
};
