import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { Messages } from '@salesforce/core';
import { listValues, orgShapeFlags, planFlags } from '../../../flags.js';
import { loadOrgShape } from '../../../shape/load.js';
import { selectProfile } from '../../../profiles/load-file.js';
import type { VendorProfileJson, ResolvedSet } from '../../../display/vendor.js';
import { printResolvedSet, printVendorProfile, resolveSet, toProfileJson } from '../../../display/vendor.js';
import { printAssumptions } from '../../../display/generate.js';

import { optionalTargetOrg } from '../../../org/default-org.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'integration-user.display.vendor');

export type IntegrationUserDisplayVendorResult = VendorProfileJson & {
  /** The permission set the chosen variant and tiers close to; absent where the vendor needs --objects first. */
  resolved?: ResolvedSet;
};

export default class IntegrationUserDisplayVendor extends SfCommand<IntegrationUserDisplayVendorResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...planFlags,
    'target-org': Flags.optionalOrg({
      summary: messages.getMessage('flags.target-org.summary'),
    }),
    ...orgShapeFlags,
    'api-version': Flags.orgApiVersion({
      summary: messages.getMessage('flags.api-version.summary'),
    }),
  };

  public async run(): Promise<IntegrationUserDisplayVendorResult> {
    const { flags } = await this.parse(IntegrationUserDisplayVendor);
    const profile = selectProfile(flags);
    const orgShape = flags['org-shape'] ? loadOrgShape(flags['org-shape']) : undefined;
    const resolved = await resolveSet(profile, {
      variant: flags.variant,
      includeRecommended: flags.include === 'recommended',
      objects: listValues(flags.objects),
      tasks: listValues(flags.task),
      ...(orgShape ? { orgShape } : { connection: (await optionalTargetOrg(flags['target-org']))?.getConnection(flags['api-version']) }),
    });
    if (resolved) printAssumptions(this, resolved.orgAssumptions);
    printVendorProfile(this, profile);
    if (resolved) printResolvedSet(this, resolved);
    else this.log(`\n${messages.getMessage('info.objectsNeeded', [profile.id])}`);
    return { ...toProfileJson(profile), ...(resolved ? { resolved } : {}) };
  }
}
