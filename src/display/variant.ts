import { Messages } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'display');

/**
 * A variant's name as listed, the default one marked. A module of its own: `list vendors` needs only this,
 * and display/vendor.ts brings in the whole pipeline (resolve, org graph, render).
 */
export const variantName = (id: string, isDefault: boolean): string => (isDefault ? messages.getMessage('variant.default', [id]) : id);
