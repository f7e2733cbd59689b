import { Messages } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'count');

/** The nouns output counts, each with its singular and plural in messages/count.md. */
export type Noun =
  | 'userPermission'
  | 'objectPermission'
  | 'fieldPermission'
  | 'field'
  | 'object'
  | 'permissionSet'
  | 'file'
  | 'comment';

/** "1 user permission", "3 user permissions". */
export const count = (n: number, noun: Noun): string => messages.getMessage(`${noun}.${n === 1 ? 'one' : 'other'}`, [n]);

/** The counts that aren't zero, joined: "3 user permissions, 1 object permission"; undefined where all are zero. */
export const counts = (parts: ReadonlyArray<[number, Noun, string?]>): string | undefined => {
  const shown = parts.filter(([n]) => n > 0).map(([n, noun, extra]) => `${count(n, noun)}${extra ? ` ${extra}` : ''}`);
  return shown.length > 0 ? shown.join(', ') : undefined;
};
