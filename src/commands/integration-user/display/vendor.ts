import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { Messages } from '@salesforce/core';
import { BUILT_IN_PROFILES, findProfile } from '../../../profiles/index.js';
import type { VendorProfileJson } from '../../../display/vendor.js';
import { printVendorProfile, toProfileJson } from '../../../display/vendor.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'integration-user.display.vendor');

export type IntegrationUserDisplayVendorResult = VendorProfileJson;

export default class IntegrationUserDisplayVendor extends SfCommand<IntegrationUserDisplayVendorResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    vendor: Flags.string({
      summary: messages.getMessage('flags.vendor.summary'),
      required: true,
      options: BUILT_IN_PROFILES.map((p) => p.id),
    }),
  };

  public async run(): Promise<IntegrationUserDisplayVendorResult> {
    const { flags } = await this.parse(IntegrationUserDisplayVendor);
    const profile = findProfile(flags.vendor);
    printVendorProfile(this, profile);
    return toProfileJson(profile);
  }
}
