import { resolve } from 'node:path';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { Messages, StateAggregator } from '@salesforce/core';
import type { RetrieveOrgShapeResult } from '../../../shape/write.js';
import { retrieveAndWriteOrgShape } from '../../../shape/write.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'integration-user.retrieve.org-shape');

export type IntegrationUserRetrieveOrgShapeResult = RetrieveOrgShapeResult;

/** config/<alias or username>.org-shape.json: one file per org, named as the team calls the org. */
export const defaultShapeFile = (name: string): string => `config/${name.replace(/[^\w.@-]/g, '_')}.org-shape.json`;

export default class IntegrationUserRetrieveOrgShape extends SfCommand<IntegrationUserRetrieveOrgShapeResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion(),
    'output-file': Flags.file({
      char: 'f',
      summary: messages.getMessage('flags.output-file.summary'),
      description: messages.getMessage('flags.output-file.description'),
    }),
  };

  public async run(): Promise<IntegrationUserRetrieveOrgShapeResult> {
    const { flags } = await this.parse(IntegrationUserRetrieveOrgShape);
    const org = flags['target-org'];
    const username = org.getUsername() ?? org.getOrgId();
    const alias = username ? (await StateAggregator.getInstance()).aliases.get(username) : undefined;
    const file = flags['output-file'] ?? defaultShapeFile(alias ?? username);
    this.spinner.start(messages.getMessage('progress.reading', [alias ?? username]));
    const result = await retrieveAndWriteOrgShape(org.getConnection(flags['api-version']), resolve(file)).finally(() => this.spinner.stop());
    this.log(
      messages.getMessage(`result.${result.status}`, [result.file, result.userPermissions, result.permissionDependencies, result.pages, result.objects, result.permissionSetLicenses])
    );
    this.log(messages.getMessage('result.next', [result.file]));
    return result;
  }
}
