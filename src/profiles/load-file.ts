import { readFileSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { Messages } from '@salesforce/core';
import type { SfError } from '@salesforce/core';
import type { DocumentPath, Position, Problem, ProfileDocument } from './file-document.js';
import { parseProfileDocument } from './file-document.js';
import { readJsonDocument } from './json-document.js';
import { readYamlDocument } from './yaml-document.js';
import type { CheckOptions, Finding } from './file-check.js';
import { PROFILE_FILE_SCHEMA, checkProfileFile } from './file-check.js';
import type { VendorProfileFile } from './file.js';
import type { VendorProfile } from './types.js';
import type { FileLine } from './from-file.js';
import { toVendorProfile } from './from-file.js';
import { findProfile } from './index.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'profile-file');

/** `userPermissions[3].name`, as the problems name a place in the file. */
export const formatPath = (path: DocumentPath): string =>
  path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('') || messages.getMessage('location.top');

const formatProblem = (file: string, problem: Problem): string =>
  `${file}${problem.line ? `:${problem.line}${problem.column ? `:${problem.column}` : ''}` : ''} ${formatPath(problem.path)}: ${problem.message}`;

/**
 * Read a vendor profile the user wrote (`--profile-file`, JSON or YAML) and turn it into the profile the
 * pipeline takes. The file is only read. Every problem is reported at once, each with its place in the
 * file (path, line, column) and what is allowed there.
 */
export const loadProfileFile = (path: string, options: CheckOptions & { cwd?: string } = {}): VendorProfile => {
  const cwd = options.cwd ?? process.cwd();
  const extension = extname(path).toLowerCase();
  const format = extension === '.json' ? 'json' : extension === '.yaml' || extension === '.yml' ? 'yaml' : undefined;
  if (!format) throw messages.createError('error.ProfileFileExtension', [path]);
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw messages.createError('error.UnreadableProfileFile', [path, (error as NodeJS.ErrnoException).code ?? (error as Error).message]);
  }

  // Read without positions first; where that reader cannot vouch for the meaning, or there is something to
  // report, the YAML reader with positions reads the file and says where.
  const fast = format === 'json' ? readJsonDocument(text) : readYamlDocument(text);
  const withPositions = (): ProfileDocument =>
    parseProfileDocument(text, format, {
      duplicateKey: (key) => messages.getMessage('problem.DuplicateKey', [key]),
      syntax: (detail) => messages.getMessage('problem.Syntax', [detail]),
      notJson: (detail) => messages.getMessage('problem.NotJson', [detail]),
    });
  const findingsIn = (read: ProfileDocument): Finding[] => (read.problems.length > 0 ? [] : checkProfileFile(read.data, { ...options, fileName: basename(path) }));
  let document = fast ?? withPositions();
  let findings = findingsIn(document);
  // The JSON reader finds exact places on demand; js-yaml's events are not vouched for in every style.
  if (findings.length > 0 && fast && format === 'yaml') {
    document = withPositions();
    findings = findingsIn(document);
  }
  const located = (finding: Finding): Problem => ({
    path: finding.key === undefined ? finding.path : [...finding.path, finding.key],
    ...document.positionOf(finding.path, finding.key),
    message: finding.message,
    ...(finding.actions ? { actions: finding.actions } : {}),
  });
  const problems = document.problems.length > 0 ? document.problems : findings.map(located);
  if (problems.length > 0) throw invalidFile(path, problems);

  const line = (position: Position | undefined): FileLine => {
    const at = position ?? { line: 1, column: 1 };
    return { line: at.line, quote: document.quote(at) };
  };
  return toVendorProfile(document.data as VendorProfileFile, basename(path), {
    at: (at) => line(document.positionOf(at)),
    items: (list) => {
      const positionOf = document.itemPositions(list);
      return (index) => line(positionOf(index));
    },
  });
};

const invalidFile = (path: string, problems: Problem[]): SfError => {
  const sorted = [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  const error = messages.createError('error.InvalidProfileFile', [path, sorted.map((p) => `  ${formatProblem(path, p)}`).join('\n')], [PROFILE_FILE_SCHEMA]);
  error.actions = [...new Set([...(error.actions ?? []), ...sorted.flatMap((p) => p.actions ?? [])])];
  error.setData({ file: path, problems: sorted.map((p) => ({ path: formatPath(p.path), line: p.line, column: p.column, message: p.message })) });
  return error;
};

/**
 * The profile a command works on: a built-in vendor (`--vendor`) or the user's own file (`--profile-file`).
 * With an org, names the bundled catalog lacks are left for the org to decide when the plan is resolved.
 */
export const selectProfile = (flags: { vendor?: string; 'profile-file'?: string; 'target-org'?: unknown; 'org-shape'?: string }): VendorProfile =>
  flags['profile-file']
    ? loadProfileFile(flags['profile-file'], { orgDecidesPermissions: flags['target-org'] !== undefined || flags['org-shape'] !== undefined })
    : findProfile(flags.vendor ?? '');
