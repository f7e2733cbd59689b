import { Messages } from '@salesforce/core';
import type { VendorProfile } from '../profiles/types.js';
import type { IntegrationUserPlan } from '../resolve/model.js';
import type { ResolveOptions } from '../resolve/resolve.js';
import type { OutputLayout } from '../layout.js';
import type { StepManifest } from '../render/manifest.js';
import { mergeManifest } from '../render/manifest.js';
import { mergeUserDefinition, renderUserDefinition, toUserDefinition, userDefinitionsOf } from '../render/user-definition.js';
import { stepManifests } from '../metadata/deploy-steps.js';
import type { PlannedFile } from '../write/files.js';
import type { Replacing } from '../write/replace.js';
import { scratchDefinitionFile } from './scratch-def.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'files');

/** A deploy step's manifest, where it is written. */
export type StepManifestFile = StepManifest & { path: string };

/** The step manifests the metadata types of a plan take, known before source-deploy-retrieve resolves its files. */
export const plannedManifestPaths = (plan: IntegrationUserPlan, layout: OutputLayout, hasPolicy: boolean): ReturnType<typeof stepManifests> =>
  stepManifests(layout.manifestFile, ['PermissionSet', ...(plan.orgSettings.length > 0 ? ['Settings'] : []), ...(hasPolicy ? ['UserAccessPolicy'] : [])]);

/** Each resolved deploy step's manifest at the path planned for its step. */
export const stepManifestFiles = (manifests: readonly StepManifest[], paths: ReturnType<typeof stepManifests>, layout: OutputLayout): StepManifestFile[] =>
  manifests.map((m) => ({ ...m, path: paths.find((p) => p.step === m.step)?.path ?? layout.manifestFile }));

export type OwnedFilesInput = {
  profile: VendorProfile;
  plan: IntegrationUserPlan;
  /** The options the plan was resolved with: the user definitions every variant writes are the plugin's own. */
  resolveOptions: ResolveOptions;
  layout: OutputLayout;
  deploys: readonly StepManifestFile[];
  scratchDefinitionPath?: string;
  replaces: Replacing;
  /** How a conflict names a file, e.g. relative to the current directory. */
  shown: (path: string) => string;
};

/**
 * The files the plugin owns beside the metadata (its user definition, each deploy step's manifest, the scratch org
 * definition it adds to), each merged with what the project holds: updated where they differ only by what the
 * plugin writes, what the user added kept, a value of theirs a conflict unless --replace names the file.
 */
export const ownedFiles = (input: OwnedFilesInput): PlannedFile[] => {
  const { layout, replaces, shown, plan, scratchDefinitionPath } = input;
  const userDefinition = toUserDefinition(plan);
  const owned = userDefinitionsOf(input.profile, input.resolveOptions);
  return [
    {
      path: layout.userDefinitionFile,
      type: 'UserDefinition',
      content: renderUserDefinition(userDefinition),
      merge: (existing) =>
        mergeUserDefinition(userDefinition, owned, replaces('user-definition', layout.userDefinitionFile))(existing, shown(layout.userDefinitionFile)),
      conflictHint: '',
    },
    ...input.deploys.map(
      (d): PlannedFile => ({
        path: d.path,
        type: 'Manifest',
        content: d.packageXml,
        merge: (existing) => mergeManifest(d.packageXml, d.components, layout.apiVersion, replaces('manifest', d.path))(existing, shown(d.path)),
        conflictHint: '',
      })
    ),
    ...(scratchDefinitionPath
      ? [scratchDefinitionFile(scratchDefinitionPath, messages.getMessage('scratchOrgName', [plan.vendor.name]), plan.orgSettings, replaces('scratch-definition', scratchDefinitionPath))]
      : []),
  ];
};
