import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { Messages } from '@salesforce/core';
import type { FormatResult } from '../../format.js';
import { formatPermissionSets } from '../../format.js';
import { DRIFT_EXIT_CODE } from '../../diff.js';
import { printFormatResult } from '../../display/format.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'integration-user.format');

export type IntegrationUserFormatResult = FormatResult;

export default class IntegrationUserFormat extends SfCommand<IntegrationUserFormatResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    'source-dir': Flags.string({
      char: 'd',
      summary: messages.getMessage('flags.source-dir.summary'),
      required: true,
      multiple: true,
    }),
    check: Flags.boolean({
      summary: messages.getMessage('flags.check.summary'),
    }),
  };

  public async run(): Promise<IntegrationUserFormatResult> {
    const { flags } = await this.parse(IntegrationUserFormat);
    const result = await formatPermissionSets(flags['source-dir'], { check: flags.check });
    printFormatResult(this, result, flags['source-dir']);
    if (result.check && result.files.some((f) => f.status !== 'identical')) process.exitCode = DRIFT_EXIT_CODE;
    return result;
  }
}
