import type { Org } from '@salesforce/core';
import { ConfigAggregator, Messages, OrgConfigProperties } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'org');

/**
 * The org of an optional --target-org. sf-plugins-core's optionalOrg gives none, silently, when the default org
 * (`target-org` in sf's config) names an alias or username with no login; the plan would then be closed with the
 * bundled graph as if no org were set. That default is refused here, saying which it is and how to fix it.
 */
export const optionalTargetOrg = async (org: Org | undefined): Promise<Org | undefined> => {
  if (org) return org;
  const config = await ConfigAggregator.create();
  const info = config.getInfo(OrgConfigProperties.TARGET_ORG);
  const name = typeof info.value === 'string' ? info.value : undefined;
  if (!name) return undefined;
  const where = info.isEnvVar() ? messages.getMessage('defaultOrg.env', ['SF_TARGET_ORG']) : messages.getMessage(info.isLocal() ? 'defaultOrg.local' : 'defaultOrg.global');
  throw messages.createError('error.DefaultOrgNoLogin', [name, where], [name]);
};
