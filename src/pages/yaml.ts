import { Document, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Pair, YAMLMap } from 'yaml';
import type { Draft, ReviewItem } from './draft.js';
import type { FindingKind } from './findings.js';

/** Where a kind of review item belongs in the file: beside the section its valid items would be in. */
const SECTION: Record<FindingKind, string> = {
  userPermission: 'userPermissions',
  objectPermission: 'objectPermissions',
  fieldPermission: 'fieldPermissions',
  userField: 'userFields',
  license: 'permissionSetLicenses',
  profile: 'userProfile',
  permissionSet: 'permissionSetAssignments',
  orgSetting: 'orgSettings',
  apexClass: 'caveats',
};

const reviewLine = (r: ReviewItem): string => ` REVIEW (page line ${r.line}, "${r.quote}"): ${r.name}: ${r.why}`;

/**
 * The draft as YAML, with comments a reviewer reads beside the items: how a name was read, and what the
 * page asks for that the draft could not carry, next to where it would go. Same draft, same bytes.
 */
export const renderDraft = (draft: Draft, header: string[]): string => {
  const doc = new Document(draft.file);
  doc.commentBefore = header.map((l) => ` ${l}`).join('\n');
  const root = doc.contents as YAMLMap;
  const pairOf = (key: string): Pair | undefined => root.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);

  // Sources read best on one line: `source: { line: 12, quote: API Enabled }`.
  const flowSources = (node: unknown): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isScalar(pair.key) && pair.key.value === 'source' && isMap(pair.value)) pair.value.flow = true;
        else if (isScalar(pair.key) && pair.key.value === 'access' && isSeq(pair.value)) pair.value.flow = true;
        else flowSources(pair.value);
      }
    } else if (isSeq(node)) node.items.forEach(flowSources);
  };
  flowSources(root);

  for (const { section, index, note } of draft.notes) {
    const value = pairOf(section)?.value;
    const node = isSeq(value) ? value.items[index] : value;
    if (isMap(node)) node.commentBefore = [node.commentBefore, ` ${note}`].filter(Boolean).join('\n');
  }

  const leftOver: string[] = [];
  const bySection = new Map<string, ReviewItem[]>();
  for (const item of draft.review) bySection.set(SECTION[item.kind], [...(bySection.get(SECTION[item.kind]) ?? []), item]);
  for (const [section, items] of bySection) {
    const pair = pairOf(section);
    const lines = items.map(reviewLine);
    if (pair && isScalar(pair.key)) pair.key.commentBefore = [pair.key.commentBefore, ...lines].filter(Boolean).join('\n');
    else leftOver.push(` ${section}:`, ...lines.map((l) => ` ${l}`));
  }
  if (leftOver.length > 0) doc.comment = [' For review: what the page asks for that no valid item of this file can say.', ...leftOver].join('\n');
  return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
};
