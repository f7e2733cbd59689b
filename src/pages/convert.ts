import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { Messages } from '@salesforce/core';
import { checkProfileFile } from '../profiles/file-check.js';
import type { RequirementsFile, VendorProfileFile } from '../profiles/file.js';
import { BUILT_IN_PROFILES } from '../profiles/index.js';
import { stageFiles, writeStagedFiles } from '../write/files.js';
import type { FileStatus } from '../write/files.js';
import type { Draft, ReviewItem } from './draft.js';
import { buildDraft } from './draft.js';
import type { Finding } from './findings.js';
import type { PageFormat } from './page.js';
import { recognize } from './recognize/index.js';
import { readPage } from './source.js';
import { renderDraft } from './yaml.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'pages');

/** An item the draft carries, as the terminal and `--json` list it. */
export type DraftedItem = {
  kind: Finding['kind'];
  name: string;
  /** Object permissions: the access; field permissions: `read` or `edit`. */
  access?: string[];
  tier: Finding['tier'];
  condition?: string;
  line: number;
  quote: string;
  note?: string;
};

export type ConvertResult = {
  /** The profile file written, relative to the current directory. */
  outputFile: string;
  /** created, changed (with --force) or identical (already the same bytes: nothing written). */
  status: FileStatus;
  vendor: string;
  page: string;
  format: PageFormat;
  items: DraftedItem[];
  /** What the page asks for that the draft could not carry as a valid item. */
  review: ReviewItem[];
};

export type ConvertOptions = {
  page: string;
  vendor: string;
  vendorName?: string;
  outputFile?: string;
  force?: boolean;
  timeoutMs?: number;
  cwd?: string;
};

const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false
  );

const VENDOR_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Refuse an id a profile file can't take, or a built-in vendor's, before the page is read. */
const checkVendor = (vendor: string): void => {
  if (!VENDOR_ID.test(vendor)) throw messages.createError('error.VendorId', [vendor]);
  const builtIn = BUILT_IN_PROFILES.find((p) => p.id === vendor);
  if (builtIn) throw messages.createError('error.BuiltInVendor', [vendor, builtIn.vendor], [vendor]);
};

type ListKey = keyof RequirementsFile;

/**
 * What the profile-file check refuses leaves the draft for the review list: a draft is always a valid
 * profile file, and nothing the page says is dropped without a word.
 */
const keepValid = (draft: Draft): Draft => {
  const problems = checkProfileFile(draft.file);
  if (problems.length === 0) return draft;
  const file = { ...draft.file } as VendorProfileFile & Record<string, unknown>;
  const review = [...draft.review];
  const drop = new Map<ListKey, Set<number>>();
  for (const problem of problems) {
    const [section, index] = problem.path as [ListKey, number];
    const list = file[section] as Array<Record<string, unknown>> | undefined;
    if (typeof index !== 'number' || !Array.isArray(list)) throw messages.createError('error.InvalidDraft', [problem.message]);
    const item = list[index];
    const src = item.source as { line: number; quote?: string } | undefined;
    if (!drop.get(section)?.has(index)) {
      review.push({ kind: kindOf(section), name: String(item.name ?? item.object ?? item.field ?? item.id), line: src?.line ?? 0, quote: src?.quote ?? '', why: problem.message });
    }
    drop.set(section, (drop.get(section) ?? new Set()).add(index));
  }
  for (const [section, indexes] of drop) {
    const kept = (file[section] as unknown[]).filter((_, i) => !indexes.has(i));
    if (kept.length > 0) (file as Record<string, unknown>)[section] = kept;
    else delete (file as Record<string, unknown>)[section];
  }
  const notes = draft.notes
    .filter((n) => !(drop.get(n.section as ListKey)?.has(n.index) ?? false))
    .map((n) => ({ ...n, index: n.index - [...(drop.get(n.section as ListKey) ?? [])].filter((i) => i < n.index).length }));
  return keepValid({ file, review, notes });
};

const kindOf = (section: ListKey): Finding['kind'] =>
  (({
    userPermissions: 'userPermission',
    objectPermissions: 'objectPermission',
    fieldPermissions: 'fieldPermission',
    inheritedFields: 'fieldPermission',
    userFields: 'userField',
    orgSettings: 'orgSetting',
    permissionSetLicenses: 'license',
    permissionSetAssignments: 'permissionSet',
    caveats: 'license',
  }) as const)[section];

const ACCESS_WORDS: Record<string, string> = { allowRead: 'read', allowCreate: 'create', allowEdit: 'edit', allowDelete: 'delete', viewAllRecords: 'viewAll', modifyAllRecords: 'modifyAll' };

const drafted = (findings: Finding[], review: ReviewItem[]): DraftedItem[] =>
  findings
    .filter((f) => !f.review && !review.some((r) => r.kind === f.kind && r.name === f.name && r.line === f.line))
    .map((f) => ({
      kind: f.kind,
      name: f.name,
      ...(f.access ? { access: f.access.map((a) => ACCESS_WORDS[a]) } : f.kind === 'fieldPermission' ? { access: [f.editable ? 'edit' : 'read'] } : {}),
      tier: f.tier,
      ...(f.condition ? { condition: f.condition } : {}),
      line: f.line,
      quote: f.quote,
      ...(f.note ? { note: f.note } : {}),
    }));

/** Read the page, recognise what it asks for, and draft it as a profile file (written atomically; nothing written on any error). */
export const convertPage = async (options: ConvertOptions): Promise<ConvertResult> => {
  const cwd = options.cwd ?? process.cwd();
  checkVendor(options.vendor);
  const outputFile = options.outputFile ?? `config/${options.vendor}.profile.yaml`;
  if (!/\.ya?ml$/i.test(outputFile)) throw messages.createError('error.OutputExtension', [outputFile]);
  const path = resolve(cwd, outputFile);
  const display = relative(cwd, path) || outputFile;
  // An existing file is refused before the page is fetched: nothing to lose, no time wasted.
  if (!options.force && (await exists(path))) throw messages.createError('error.OutputExists', [display]);

  const page = await readPage(options.page, { cwd, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
  const findings = recognize(page);
  // Licenses and permission sets to assign are permissions too (Salesforce Backup's page asks for nothing else); a profile alone is not.
  if (!findings.some((f) => f.kind !== 'profile' && f.kind !== 'apexClass')) {
    throw messages.createError('error.NoPermissions', [options.page]);
  }
  const draft = keepValid(buildDraft(findings, page, options.vendor, options.vendorName));
  const content = renderDraft(draft, [
    `Drafted by "sf integration-user convert page" from ${page.document}.`,
    'Each item cites the page line it comes from (source); review them against the page, then:',
    `  sf integration-user display vendor --profile-file ${display}`,
  ]);
  const [staged] = await stageFiles([{ path, type: 'profile file', content, conflictHint: messages.getMessage('conflict.hint') }], options.force ?? false);
  await writeStagedFiles([staged]);
  return { outputFile: display, status: staged.status, vendor: options.vendor, page: page.document, format: page.format, items: drafted(findings, draft.review), review: draft.review };
};
