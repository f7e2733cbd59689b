import type { ObjectAccess } from '../../profiles/types.js';
import { PhraseIndex } from '../words.js';
import type { Word } from '../words.js';

/** Access words as pages write them; `undefined` where the page gives no level ("full access", "access to"). */
export type AccessWords = ObjectAccess[] | undefined;

const index = new PhraseIndex<AccessWords>();
const add = (phrases: string[], access: AccessWords): void => phrases.forEach((p) => index.add(p, access));
add(['read', 'read only', 'read-only', 'read access', 'readable', 'view access'], ['allowRead']);
add(['create'], ['allowCreate']);
add(['edit', 'write', 'update', 'modify', 'edit access', 'write access', 'editable'], ['allowEdit']);
add(['delete'], ['allowDelete']);
add(['read write', 'read and write', 'read edit', 'read and edit', 'read & edit', 'read & write', 'read-write'], ['allowRead', 'allowEdit']);
add(['view all', 'view all record', 'read all'], ['viewAllRecords']);
add(['modify all', 'modify all record'], ['modifyAllRecords']);
add(['crud', 'cred', 'full crud'], ['allowCreate', 'allowRead', 'allowEdit', 'allowDelete']);
add(['full access', 'full control', 'access to', 'access on', 'access'], undefined);

export type AccessMatch = { access: AccessWords; from: number; to: number; first: number; last: number };

/** Access words in a run of words; `field`: the word that follows within a few words says it is about fields. */
export const accessWords = (words: Word[]): Array<AccessMatch & { aboutFields: boolean }> =>
  index.find(words).map((m) => {
    const after = words.slice(m.last + 1, m.last + 6).map((w) => w.norm);
    const fieldAt = after.indexOf('field');
    return { access: m.value[0], from: m.from, to: m.to, first: m.first, last: m.last, aboutFields: fieldAt >= 0 && !after.slice(0, fieldAt).includes('object') };
  });

const ORDER: ObjectAccess[] = ['allowRead', 'allowCreate', 'allowEdit', 'allowDelete', 'viewAllRecords', 'modifyAllRecords'];

/** The access the words add up to, in the order Setup shows it; `undefined` when none states a level. */
export const combine = (matches: ReadonlyArray<{ access: AccessWords }>): ObjectAccess[] | undefined => {
  const all = new Set(matches.flatMap((m) => m.access ?? []));
  return all.size > 0 ? ORDER.filter((a) => all.has(a)) : undefined;
};

/** Is a cell only access words ("Read, Create, Edit, Delete, View All"), rather than a sentence that uses some? */
export const onlyAccess = (words: Word[]): boolean => {
  if (words.length === 0) return false;
  const covered = accessWords(words).reduce((n, m) => n + (m.last - m.first + 1), 0);
  const joiners = words.filter((w) => ['and', 'or', 'only', 'permission', 'access', 'right'].includes(w.norm)).length;
  return covered > 0 && covered + joiners >= words.length;
};
