import { Messages } from '@salesforce/core';
import type { PageRef, VendorPage } from '../profiles/types.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'display');

/**
 * Where an item comes from, as a user can look it up: the vendor's page by its title and line where the page
 * has an address (the built-in profiles' documents are the project's copies, which users don't have), or
 * `file:line` for a profile file of the user's own.
 */
export const citation = (pages: readonly VendorPage[], source: PageRef): string => {
  const document = source.document ?? pages[0]?.document;
  const page = pages.find((p) => p.document === document);
  return page?.url ? messages.getMessage('cite.page', [page.title, source.line]) : `${document ?? ''}:${source.line}`;
};
