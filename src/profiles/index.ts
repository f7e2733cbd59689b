import { Messages } from '@salesforce/core';
import type { VendorProfile } from './types.js';
import { backstory } from './vendors/backstory.js';
import { grax } from './vendors/grax.js';
import { ownbackup } from './vendors/ownbackup.js';
import { salesforceBackup } from './vendors/salesforce-backup.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'profiles');

/** The built-in vendor profiles, each traced line by line to its vendor's page. */
export const BUILT_IN_PROFILES: readonly VendorProfile[] = [backstory, grax, ownbackup, salesforceBackup];

export const findProfile = (id: string): VendorProfile => {
  const profile = BUILT_IN_PROFILES.find((p) => p.id === id.toLowerCase());
  if (!profile) {
    throw messages.createError('error.UnknownVendor', [id], [BUILT_IN_PROFILES.map((p) => `${p.id}: ${p.vendor}`).join('\n  ')]);
  }
  return profile;
};
