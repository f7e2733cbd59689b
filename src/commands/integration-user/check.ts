import { relative } from 'node:path';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { Messages } from '@salesforce/core';
import { listValues, planFlags } from '../../flags.js';
import { selectProfile } from '../../profiles/load-file.js';
import type { CheckResult } from '../../check/model.js';
import type { WrittenFile } from '../../check/missing.js';
import { missingPermissionSet, writeMissingPermissionSet } from '../../check/missing.js';
import { checkIntegrationUser } from '../../check/check.js';
import { printCheckResult, printWrittenFile } from '../../display/check.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'integration-user.check');
const generateMessages = Messages.loadMessages('plugin-integration-user', 'integration-user.generate');

export type IntegrationUserCheckResult = CheckResult & { file?: WrittenFile };

export default class IntegrationUserCheck extends SfCommand<IntegrationUserCheckResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...planFlags,
    'target-org': Flags.requiredOrg(),
    'api-version': Flags.orgApiVersion({ summary: messages.getMessage('flags.api-version.summary') }),
    username: Flags.string({ summary: messages.getMessage('flags.username.summary'), required: true }),
    'scan-objects': Flags.string({
      summary: messages.getMessage('flags.scan-objects.summary'),
      description: messages.getMessage('flags.scan-objects.description'),
      multiple: true,
    }),
    'output-dir': Flags.directory({ char: 'd', summary: messages.getMessage('flags.output-dir.summary') }),
    force: Flags.boolean({ char: 'f', summary: messages.getMessage('flags.force.summary') }),
  };

  public async run(): Promise<IntegrationUserCheckResult> {
    const { flags } = await this.parse(IntegrationUserCheck);
    const profile = selectProfile(flags);
    const connection = flags['target-org'].getConnection(flags['api-version']);
    // A read that fails part-way leaves the bar unfinished: stop it either way.
    const { plan, result } = await checkIntegrationUser(connection, profile, {
      username: flags.username,
      variant: flags.variant,
      includeRecommended: flags.include === 'recommended',
      objects: listValues(flags.objects),
      tasks: listValues(flags.task),
      scanObjects: listValues(flags['scan-objects']),
      progress: {
        onListing: () => this.spinner.start(generateMessages.getMessage('progress.listing')),
        onProgress: ({ done, total }) => {
          if (done === 0) {
            this.spinner.stop();
            this.progress.start(total, {}, { title: generateMessages.getMessage('progress.describing'), format: '%s | {bar} | {value}/{total} objects' });
          } else this.progress.update(done);
          if (done === total) this.progress.finish();
        },
      },
    }).finally(() => {
      this.spinner.stop();
      this.progress.stop();
    });
    printCheckResult(this, result, profile.vendor);

    let file: WrittenFile | undefined;
    if (flags['output-dir']) {
      const missing = missingPermissionSet(plan, result.items);
      const empty = missing.userPermissions.length + missing.objectPermissions.length + missing.fieldPermissions.length === 0;
      if (!empty) {
        file = await writeMissingPermissionSet(missing, { outputDir: flags['output-dir'], apiVersion: connection.getApiVersion(), force: flags.force });
        file = { ...file, path: relative(process.cwd(), file.path) };
      }
      printWrittenFile(this, file, file?.path ?? '', result.user.username);
    }
    process.exitCode = result.exitCode;
    return { ...result, ...(file ? { file } : {}) };
  }
}
