import { Messages } from '@salesforce/core';
import type { CheckResult } from '../check/model.js';
import type { WrittenFile } from '../check/missing.js';
import type { Terminal } from './generate.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'integration-user.check');

/** What `integration-user check` prints: one row per requirement, the field-level security scan, the faults, the outcome. */
export const printCheckResult = (terminal: Terminal, result: CheckResult, vendorName: string): void => {
  terminal.styledHeader(messages.getMessage('header.check', [vendorName, result.user.username, result.targetOrg]));
  terminal.table({
    data: result.items.map((item) => ({
      requirement: item.requirement,
      tier: item.tier,
      status: item.detail ? `${item.status}: ${item.detail}` : item.status,
      grantedBy: item.grantedBy.join(', '),
      reason: item.reason,
    })),
    columns: [
      { key: 'requirement', name: messages.getMessage('column.requirement') },
      { key: 'tier', name: messages.getMessage('column.tier') },
      { key: 'status', name: messages.getMessage('column.status') },
      { key: 'grantedBy', name: messages.getMessage('column.grantedBy') },
      { key: 'reason', name: messages.getMessage('column.reason') },
    ],
  });

  const gaps = result.fieldSecurity.filter((g) => g.missing > 0);
  if (gaps.length > 0) {
    terminal.log(`\n${messages.getMessage('header.fieldSecurity')}`);
    terminal.table({
      data: gaps.map((g) => ({ object: g.object, fields: String(g.fields), missing: String(g.missing), firstMissing: g.firstMissing.join(', ') })),
      columns: [
        { key: 'object', name: messages.getMessage('column.object') },
        { key: 'fields', name: messages.getMessage('column.fields') },
        { key: 'missing', name: messages.getMessage('column.missing') },
        { key: 'firstMissing', name: messages.getMessage('column.firstMissing') },
      ],
    });
  }

  const policies = result.userAccessPolicies;
  terminal.log('');
  if (!policies.read) terminal.log(messages.getMessage('policies.unread', [policies.why]));
  else if (policies.policies.length === 0) terminal.log(messages.getMessage('policies.none', [result.user.username]));
  for (const policy of policies.read ? policies.policies : []) {
    terminal.log(
      messages.getMessage(policy.status === 'Active' ? 'policies.active' : 'policies.inactive', [policy.label, policy.fullName, policy.status, policy.actions.join(', ')])
    );
  }

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
