import { Messages } from '@salesforce/core';
import type { SfCommand } from '@salesforce/sf-plugins-core';
import type { GenerateResult } from '../generate.js';
import type { Because, PlannedDependencies } from '../resolve/model.js';
import type { OrgAssumption } from '../resolve/availability.js';
import type { Risk } from '../resolve/risk.js';
import type { PermissionSetReport } from '../merge/permission-set.js';
import { count, counts } from './count.js';
import { citation } from './cite.js';
import { printTable } from './table.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'display');

/** The parts of SfCommand the terminal output uses; all are silent under --json. */
export type Terminal = Pick<SfCommand<unknown>, 'log' | 'table' | 'styledHeader'>;


/**
 * Past this many, entries are counted by action and list rather than listed (--json lists each one): a table
 * of 200,000 rows is not read, and the table renderer runs out of call stack on it.
 */
const MAX_LISTED = 500;

/** Each entry the plan asks for and each other entry changed, with what happened to it. */
export const printPermissionSetReport = (terminal: Terminal, path: string, report: PermissionSetReport): void => {
  if (report.entries.length > MAX_LISTED) {
    terminal.log(`\n${messages.getMessage('header.entriesCounted', [path, report.entries.length])}`);
    const counts = new Map<string, { action: string; element: string; count: number }>();
    // Entries come list by list, in runs of one action: a key is spelled and looked up once per run, not per entry.
    let row: { action: string; element: string; count: number } | undefined;
    for (const e of report.entries) {
      if (row?.action !== e.action || row.element !== e.element) {
        const key = `${e.action} ${e.element}`;
        row = counts.get(key) ?? { action: e.action, element: e.element, count: 0 };
        counts.set(key, row);
      }
      row.count += 1;
    }
    printTable(terminal, [...counts.values()].map((c) => ({ ...c, count: String(c.count) })), [
        { key: 'action', name: messages.getMessage('column.action') },
        { key: 'element', name: messages.getMessage('column.element') },
        { key: 'count', name: messages.getMessage('column.count') },
      ]);
  } else {
    terminal.log(`\n${messages.getMessage('header.entries', [path])}`);
    printEntries(terminal, report);
  }
  if (report.otherEntriesKept > 0) terminal.log(messages.getMessage('summary.otherEntriesKept', [report.otherEntriesKept]));
  if (report.commentsDropped > 0) terminal.log(messages.getMessage('summary.commentsDropped', [count(report.commentsDropped, 'comment'), path]));
};

const printEntries = (terminal: Terminal, report: PermissionSetReport): void =>
  printTable(terminal, report.entries.map((e) => ({ action: e.action, element: e.element, entry: e.name, grants: (e.grants ?? []).join(', ') })), [
      { key: 'action', name: messages.getMessage('column.action') },
      { key: 'element', name: messages.getMessage('column.element') },
      { key: 'entry', name: messages.getMessage('column.entry') },
      { key: 'grants', name: messages.getMessage('column.grants') },
    ]);

/** With --check: each differing file's diff, then whether anything differs. */
const printDiffs = (terminal: Terminal, result: GenerateResult): void => {
  const differing = result.files.filter((f) => f.status !== 'identical');
  for (const file of differing) if (file.diff) terminal.log(`\n${file.diff.trimEnd()}`);
  terminal.log(
    `\n${
      differing.length > 0
        ? messages.getMessage('summary.checkDiffers', [count(result.files.length, 'file'), differing.length, messages.getMessage(differing.length === 1 ? 'summary.checkDiffersOne' : 'summary.checkDiffersOther')])
        : messages.getMessage('summary.checkSame')
    }`
  );
};

/** What `integration-user generate` prints: the files, what the permission set holds and leaves out, the caveats, the next steps. */
export const printGenerateResult = (terminal: Terminal, result: GenerateResult): void => {
  const { plan } = result;
  printAssumptions(terminal, plan.orgAssumptions);
  terminal.styledHeader(messages.getMessage(result.check ? 'header.check' : result.dryRun ? 'header.dryRun' : 'header.files', [plan.vendor.name]));
  printTable(terminal, result.files.map((f) => ({ status: f.status, type: f.type, path: f.path })), [
      { key: 'status', name: messages.getMessage('column.status') },
      { key: 'type', name: messages.getMessage('column.type') },
      { key: 'path', name: messages.getMessage('column.path') },
    ]);

  const conflicts = result.files.flatMap((f) => (f.conflict ? [f.conflict] : []));
  if (conflicts.length > 0) {
    terminal.log(`\n${messages.getMessage('header.conflicts')}`);
    for (const conflict of conflicts) terminal.log(`  - ${conflict}`);
    terminal.log(messages.getMessage('conflicts.action'));
  }
  for (const file of result.files) if (file.permissionSet) printPermissionSetReport(terminal, file.path, file.permissionSet);
  if (result.check) printDiffs(terminal, result);

  const ps = plan.permissionSet;
  const fromDependencies = ps.userPermissions.flatMap((p) =>
    p.because.flatMap((b) => (b.from === 'dependency' ? [`${p.name} (${[...b.chain, p.name].join(' → ')})`] : []))
  );
  const deps = fromDependencies.length;
  const grants = counts([
    [ps.userPermissions.length, 'userPermission', deps === 0 ? undefined : deps === 1 ? messages.getMessage('summary.fromDependency') : messages.getMessage('summary.fromDependencies', [deps])],
    [ps.objectPermissions.length, 'objectPermission'],
    [ps.fieldPermissions.length, 'fieldPermission'],
  ]);
  terminal.log(grants ? messages.getMessage('summary.permissionSet', [ps.fullName, grants]) : messages.getMessage('summary.permissionSetEmpty', [ps.fullName]));
  if (plan.coveredFields.length > 0) terminal.log(messages.getMessage('summary.inherited', [count(plan.coveredFields.length, 'field')]));
  if (fromDependencies.length > 0) terminal.log(messages.getMessage('summary.dependencies', [fromDependencies.join(', ')]));
  const fromOrg = ps.fieldPermissions.filter((f) => f.because.some((b) => b.from === 'org'));
  if (fromOrg.length > 0) {
    const objects = new Set(fromOrg.map((f) => f.field.slice(0, f.field.indexOf('.'))));
    const editable = fromOrg.filter((f) => f.editable).length;
    const fields = `${count(fromOrg.length, 'fieldPermission')}${editable > 0 ? ` ${messages.getMessage('summary.orgFieldsEditable', [editable])}` : ''}`;
    terminal.log(messages.getMessage('summary.orgFields', [fields, count(objects.size, 'object')]));
  }
  const unverifiedObjects = ps.objectPermissions.filter((o) => !o.verified).map((o) => o.object);
  if (unverifiedObjects.length > MAX_LISTED) terminal.log(messages.getMessage('summary.unverifiedObjectsCounted', [unverifiedObjects.length]));
  else if (unverifiedObjects.length > 0) terminal.log(messages.getMessage('summary.unverifiedObjects', [unverifiedObjects.join(', ')]));
  const unverified = ps.fieldPermissions.filter((f) => !f.verified).map((f) => f.field);
  if (unverified.length > MAX_LISTED) terminal.log(messages.getMessage('summary.unverifiedFieldsCounted', [unverified.length]));
  else if (unverified.length > 0) terminal.log(messages.getMessage('summary.unverifiedFields', [unverified.join(', ')]));

  printDependencies(terminal, plan.dependencies);
  printRisks(terminal, result.risks);
  if (plan.omitted.length > 0) {
    terminal.log(`\n${messages.getMessage('header.omitted')}`);
    for (const item of plan.omitted) terminal.log(`  - ${item.item}: ${item.why}`);
  }
  if (plan.caveats.length > 0) {
    terminal.log(`\n${messages.getMessage('header.caveats')}`);
    for (const caveat of plan.caveats) {
      const condition = caveat.condition ? `${caveat.condition} ` : '';
      terminal.log(`  - [${caveat.tier}] ${condition}${caveat.reason} (${citation(plan.vendor.pages, caveat.source)})`);
    }
  }
  terminal.log(`\n${messages.getMessage('header.nextSteps')}`);
  result.nextSteps.forEach((step, i) => {
    terminal.log(`  ${i + 1}. ${step.summary}`);
    for (const { command, when } of step.commands) terminal.log(`       ${command}${when ? `   (${when})` : ''}`);
  });
};

/** Up front: the permissions written or left out on a guess about the org, by feature, and how to stop guessing. */
export const printAssumptions = (terminal: Terminal, assumptions: readonly OrgAssumption[]): void => {
  if (assumptions.length === 0) return;
  const byFeature = (assumed: OrgAssumption['assumed']): string => {
    const groups = new Map<string, string[]>();
    for (const a of assumptions.filter((x) => x.assumed === assumed)) {
      const group = a.feature ?? a.availability;
      groups.set(group, [...(groups.get(group) ?? []), a.permission]);
    }
    return [...groups].map(([group, names]) => `${names.join(', ')} (${group})`).join('; ');
  };
  terminal.log(messages.getMessage('header.assumptions'));
  const written = byFeature('present');
  const leftOut = byFeature('absent');
  if (written) terminal.log(`  - ${messages.getMessage('assumptions.written', [written])}`);
  if (leftOut) terminal.log(`  - ${messages.getMessage('assumptions.leftOut', [leftOut])}`);
  terminal.log(`  ${messages.getMessage('assumptions.remedy')}\n`);
};

/** Which graph closed the plan, why the org's wasn't used where one was given, and any mutual dependencies. */
export const printDependencies = (terminal: Terminal, dependencies: PlannedDependencies): void => {
  terminal.log(messages.getMessage(`graph.${dependencies.graph}`, [dependencies.edgeCount]));
  if (dependencies.fallback) terminal.log(messages.getMessage('graph.fallback', [dependencies.fallback]));
  if (dependencies.cycles.length > 0) terminal.log(messages.getMessage('graph.cycles', [dependencies.cycles.map((c) => c.join(' → ')).join('; ')]));
};

export const describeBecause = (because: Because): string =>
  because.from === 'vendor'
    ? messages.getMessage('because.vendor', [because.reason])
    : because.from === 'org'
      ? because.evidence
      : messages.getMessage('because.dependency', [because.chain.join(' → ')]);

export const printRisks = (terminal: Terminal, risks: Risk[]): void => {
  if (risks.length === 0) return;
  terminal.log(`\n${messages.getMessage('header.risks')}`);
  for (const risk of risks) {
    const askedBy = risk.because.length > 0 ? risk.because.map(describeBecause).join('; ') : messages.getMessage('because.profile');
    terminal.log(`  - ${messages.getMessage('risk.line', [risk.label, risk.why, askedBy])}`);
    if (risk.avoidedBy.length > 0) {
      terminal.log(`    ${messages.getMessage('risk.avoidedBy', [risk.avoidedBy.map((a) => `--variant ${a.variant} (${a.summary})`).join('; ')])}`);
    }
  }
};
