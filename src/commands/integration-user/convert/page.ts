import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { Messages } from '@salesforce/core';
import type { ConvertResult } from '../../../pages/convert.js';
import { convertPage } from '../../../pages/convert.js';
import { printConvertResult } from '../../../display/convert.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'integration-user.convert.page');

export type IntegrationUserConvertPageResult = ConvertResult;

export default class IntegrationUserConvertPage extends SfCommand<IntegrationUserConvertPageResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    page: Flags.string({ char: 'p', summary: messages.getMessage('flags.page.summary'), required: true }),
    vendor: Flags.string({ summary: messages.getMessage('flags.vendor.summary'), required: true }),
    'vendor-name': Flags.string({ summary: messages.getMessage('flags.vendor-name.summary') }),
    'output-file': Flags.string({ char: 'f', summary: messages.getMessage('flags.output-file.summary') }),
    force: Flags.boolean({ summary: messages.getMessage('flags.force.summary') }),
    timeout: Flags.integer({ summary: messages.getMessage('flags.timeout.summary'), min: 1, max: 600, default: 30 }),
  };

  public async run(): Promise<IntegrationUserConvertPageResult> {
    const { flags } = await this.parse(IntegrationUserConvertPage);
    const result = await convertPage({
      page: flags.page,
      vendor: flags.vendor,
      vendorName: flags['vendor-name'],
      outputFile: flags['output-file'],
      force: flags.force,
      timeoutMs: flags.timeout * 1000,
    });
    printConvertResult(this, result);
    return result;
  }
}
