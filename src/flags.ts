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
  }),
  task: Flags.string({
    summary: messages.getMessage('task.summary'),
    description: messages.getMessage('task.description'),
    multiple: true,
  }),
};

/**
 * The values of a list flag (`multiple: true`), given as `--objects Account,Contact` or `--objects Account
 * --objects Contact`. The flags are declared without oclif's `delimiter: ','`: sf's preparse hook warns
 * "The input format for array arguments has changed" on every comma of a command that has such a flag.
 */
export const listValues = (values: readonly string[] | undefined): string[] | undefined =>
  values?.flatMap((value) => value.split(',')).map((value) => value.trim()).filter((value) => value.length > 0);

/**
 * The org, offline: a shape file instead of --target-org (generate, display vendor). oclif's `exclusive`
 * ignores a value set from a default, so an explicit --org-shape wins over a default org and is refused
 * only beside an explicit --target-org; the commands then leave the default org unread.
 */
export const orgShapeFlags = {
  'org-shape': Flags.file({
    summary: messages.getMessage('org-shape.summary'),
    description: messages.getMessage('org-shape.description'),
    exists: true,
    exclusive: ['target-org'],
  }),
};
