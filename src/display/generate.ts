import { Messages } from '@salesforce/core';
import type { SfCommand } from '@salesforce/sf-plugins-core';
import type { GenerateResult } from '../generate.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'display');

/** The parts of SfCommand the terminal output uses; all are silent under --json. */
export type Terminal = Pick<SfCommand<unknown>, 'log' | 'table' | 'styledHeader'>;


/** What `integration-user generate` prints: the files, what the permission set holds and leaves out, the caveats, the next steps. */
export const printGenerateResult = (terminal: Terminal, result: GenerateResult): void => {
  const { plan } = result;
  terminal.styledHeader(messages.getMessage(result.dryRun ? 'header.dryRun' : 'header.files', [plan.vendor.name]));
  terminal.table({
    data: result.files.map((f) => ({ status: f.status, type: f.type, path: f.path })),
    columns: [
      { key: 'status', name: messages.getMessage('column.status') },
      { key: 'type', name: messages.getMessage('column.type') },
      { key: 'path', name: messages.getMessage('column.path') },
    ],
  });

  const ps = plan.permissionSet;
  const fromDependencies = ps.userPermissions.flatMap((p) =>
    p.because.every((b) => b.from === 'dependency') ? p.because.map((b) => (b.from === 'dependency' ? `${p.name} (${b.requiredBy})` : '')) : []
  );
  terminal.log(
    messages.getMessage('summary.permissionSet', [
      ps.fullName,
      ps.userPermissions.length,
      fromDependencies.length,
      ps.objectPermissions.length,
      ps.fieldPermissions.length,
      plan.coveredFields.length,
    ])
  );
  if (fromDependencies.length > 0) terminal.log(messages.getMessage('summary.dependencies', [fromDependencies.join(', ')]));
  const unverified = ps.fieldPermissions.filter((f) => !f.verified).map((f) => f.field);
  if (unverified.length > 0) terminal.log(messages.getMessage('summary.unverifiedFields', [unverified.join(', ')]));

  if (plan.omitted.length > 0) {
    terminal.log(`\n${messages.getMessage('header.omitted')}`);
    for (const item of plan.omitted) terminal.log(`  - ${item.item}: ${item.why}`);
  }
  if (plan.caveats.length > 0) {
    terminal.log(`\n${messages.getMessage('header.caveats')}`);
    for (const caveat of plan.caveats) {
      const condition = caveat.condition ? `${caveat.condition} ` : '';
      terminal.log(`  - [${caveat.tier}] ${condition}${caveat.reason} (${caveat.source.document}:${caveat.source.line})`);
    }
  }
  terminal.log(`\n${messages.getMessage('header.nextSteps')}`);
  result.nextSteps.forEach((step, i) => {
    terminal.log(`  ${i + 1}. ${step.summary}`);
    for (const { command, when } of step.commands) terminal.log(`       ${command}${when ? `   (${when})` : ''}`);
  });
};
