import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { Messages } from '@salesforce/core';
import { listValues, orgShapeFlags, planFlags } from '../../flags.js';
import { loadOrgShape } from '../../shape/load.js';
import { selectProfile } from '../../profiles/load-file.js';
import { resolveLayout } from '../../layout.js';
import type { GenerateResult } from '../../generate.js';
import { generate } from '../../generate.js';
import { printGenerateResult } from '../../display/generate.js';
import { DRIFT_EXIT_CODE } from '../../diff.js';
import { readOrgFields } from '../../org/fields.js';

import { optionalTargetOrg } from '../../org/default-org.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'integration-user.generate');

export type IntegrationUserGenerateResult = GenerateResult;

export default class IntegrationUserGenerate extends SfCommand<IntegrationUserGenerateResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...planFlags,
    'profile-name': Flags.string({
      summary: messages.getMessage('flags.profile-name.summary'),
    }),
    username: Flags.string({
      summary: messages.getMessage('flags.username.summary'),
      description: messages.getMessage('flags.username.description'),
    }),
    'scratch-def': Flags.file({
      summary: messages.getMessage('flags.scratch-def.summary'),
      description: messages.getMessage('flags.scratch-def.description'),
    }),
    'output-dir': Flags.directory({
      char: 'd',
      summary: messages.getMessage('flags.output-dir.summary'),
      description: messages.getMessage('flags.output-dir.description'),
    }),
    'user-def-file': Flags.file({
      summary: messages.getMessage('flags.user-def-file.summary'),
    }),
    'manifest-file': Flags.file({
      summary: messages.getMessage('flags.manifest-file.summary'),
    }),
    'target-org': Flags.optionalOrg({
      summary: messages.getMessage('flags.target-org.summary'),
      description: messages.getMessage('flags.target-org.description'),
    }),
    ...orgShapeFlags,
    'all-fields': Flags.boolean({
      summary: messages.getMessage('flags.all-fields.summary'),
      description: messages.getMessage('flags.all-fields.description'),
      dependsOn: ['target-org'],
      exclusive: ['org-shape'],
    }),
    'api-version': Flags.orgApiVersion({
      summary: messages.getMessage('flags.api-version.summary'),
      description: messages.getMessage('flags.api-version.description'),
    }),
    'dry-run': Flags.boolean({
      summary: messages.getMessage('flags.dry-run.summary'),
    }),
    force: Flags.boolean({
      char: 'f',
      summary: messages.getMessage('flags.force.summary'),
      description: messages.getMessage('flags.force.description'),
    }),
    replace: Flags.string({
      summary: messages.getMessage('flags.replace.summary'),
      description: messages.getMessage('flags.replace.description'),
      multiple: true,
    }),
    prune: Flags.boolean({
      summary: messages.getMessage('flags.prune.summary'),
      description: messages.getMessage('flags.prune.description'),
      exclusive: ['force'],
    }),
    check: Flags.boolean({
      summary: messages.getMessage('flags.check.summary'),
      description: messages.getMessage('flags.check.description'),
    }),
  };

  public async run(): Promise<IntegrationUserGenerateResult> {
    const { flags } = await this.parse(IntegrationUserGenerate);
    const profile = selectProfile(flags);
    const layout = await resolveLayout({
      vendor: profile.id,
      outputDir: flags['output-dir'],
      userDefinitionFile: flags['user-def-file'],
      manifestFile: flags['manifest-file'],
      apiVersion: flags['api-version'],
    });
    const options = {
      variant: flags.variant,
      includeRecommended: flags.include === 'recommended',
      objects: listValues(flags.objects),
      tasks: listValues(flags.task),
      profileName: flags['profile-name'],
    };
    const orgShape = flags['org-shape'] ? loadOrgShape(flags['org-shape']) : undefined;
    // With --org-shape, a default org is never read (an explicit --target-org beside it is refused by the parser).
    const connection = orgShape ? undefined : (await optionalTargetOrg(flags['target-org']))?.getConnection(flags['api-version']);
    const orgFields =
      flags['all-fields'] && connection
        ? await readOrgFields(connection, profile, options, {
            onListing: () => this.spinner.start(messages.getMessage('progress.listing')),
            onProgress: ({ done, total }) => {
              if (done === 0) {
                this.spinner.stop();
                this.progress.start(total, {}, { title: messages.getMessage('progress.describing'), format: '%s | {bar} | {value}/{total} objects' });
              } else this.progress.update(done);
              if (done === total) this.progress.finish();
            },
          }).catch((error: unknown) => {
            // A read that stops midway leaves the bar unfinished: close it before the error prints.
            this.spinner.stop();
            this.progress.stop();
            throw error;
          })
        : undefined;
    const result = await generate(profile, {
      ...options,
      ...(orgFields ? { orgFields } : {}),
      layout,
      force: flags.force,
      replace: listValues(flags.replace),
      prune: flags.prune,
      dryRun: flags['dry-run'],
      check: flags.check,
      connection,
      orgShape,
      username: flags.username,
      scratchDefinitionFile: flags['scratch-def'],
    });
    printGenerateResult(this, result);
    if (result.check && result.files.some((f) => f.status !== 'identical')) process.exitCode = DRIFT_EXIT_CODE;
    return result;
  }
}
