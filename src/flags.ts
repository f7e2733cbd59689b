import { Flags } from '@salesforce/sf-plugins-core';
import { Messages } from '@salesforce/core';
import { BUILT_IN_PROFILES } from './profiles/index.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'flags');

/**
 * Which vendor profile, and which of its items: the flags of every command that resolves a plan
 * (generate, display vendor, check), so the same plan is asked for the same way everywhere.
 */
export const planFlags = {
  vendor: Flags.string({
    summary: messages.getMessage('vendor.summary'),
    options: BUILT_IN_PROFILES.map((p) => p.id),
    exactlyOne: ['vendor', 'profile-file'],
  }),
  'profile-file': Flags.file({
    summary: messages.getMessage('profile-file.summary'),
    description: messages.getMessage('profile-file.description'),
    exactlyOne: ['vendor', 'profile-file'],
  }),
  variant: Flags.string({
    summary: messages.getMessage('variant.summary'),
    description: messages.getMessage('variant.description'),
  }),
  include: Flags.option({
    summary: messages.getMessage('include.summary'),
    description: messages.getMessage('include.description'),
    options: ['recommended'] as const,
  })(),
  objects: Flags.string({
    summary: messages.getMessage('objects.summary'),
    description: messages.getMessage('objects.description'),
    multiple: true,
    delimiter: ',',
  }),
  task: Flags.string({
    summary: messages.getMessage('task.summary'),
    description: messages.getMessage('task.description'),
    multiple: true,
    delimiter: ',',
  }),
};
