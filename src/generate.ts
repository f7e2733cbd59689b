import { join, relative, resolve } from 'node:path';
import type { Connection } from '@salesforce/core';
import { Messages } from '@salesforce/core';
import type { VendorProfile } from './profiles/types.js';
import type { OutputLayout } from './layout.js';
import type { IntegrationUserPlan } from './resolve/model.js';
import type { ResolveOptions } from './resolve/resolve.js';
import { resolvePlan } from './resolve/resolve.js';
import type { Risk } from './resolve/risk.js';
import { assessRisks } from './resolve/risk.js';
import { readOrgPermissions, withOrgPermissions } from './org/permission-graph.js';
import { renderPermissionSet, toPermissionSetSource } from './render/permission-set.js';
import { settingsFiles as plannedSettingsFiles } from './render/settings.js';
import { checkPolicyApiVersion, checkUsername, withUserAccessPolicy } from './resolve/user-access-policy.js';
import { userAccessPolicyFile } from './merge/user-access-policy.js';
import { scratchDefinitionFile } from './merge/scratch-def.js';
import { renderUserDefinition, toUserDefinition } from './render/user-definition.js';
import { resolveComponents } from './render/manifest.js';
import type { PermissionSetReport } from './merge/permission-set.js';
import { permissionSetFileMerge } from './merge/permission-set.js';
import type { PlannedFile, FileStatus } from './write/files.js';
import { stageFiles, writeStagedFiles } from './write/files.js';
import { unifiedDiff } from './diff.js';
import type { NextStep } from './next-steps.js';
import { nextSteps } from './next-steps.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'files');

export type GeneratedFile = {
  /** Relative to the current directory. */
  path: string;
  /** Metadata type (as source-deploy-retrieve resolves it) or file kind. */
  type: string;
  /** Component name, for metadata. */
  fullName?: string;
  status: FileStatus;
  /** With `check`, for a file that differs: a unified diff from what is on disk to what the command would write. */
  diff?: string;
  /** For the permission set: what happened to each entry it grants. */
  permissionSet?: PermissionSetReport;
};

export type GenerateResult = {
  vendor: string;
  variant?: string;
  apiVersion: string;
  dryRun: boolean;
  /** True when nothing was written because the files were only compared (`--check`). */
  check: boolean;
  files: GeneratedFile[];
  plan: IntegrationUserPlan;
  /** Org-wide power the permission set or recommended profile grants, and the vendor's variants without it. */
  risks: Risk[];
  nextSteps: NextStep[];
};

export type GenerateOptions = ResolveOptions & {
  layout: OutputLayout;
  /** Replace files that exist; a permission set is otherwise merged. */
  force?: boolean;
  /** Remove entries of the lists the plugin writes (user, object, field permissions) that the plan does not contain. */
  prune?: boolean;
  dryRun?: boolean;
  /**
   * Write nothing; report, with a diff, each file that differs from what the command would write. Files
   * that --force would be needed to replace are reported as differing, not refused.
   */
  check?: boolean;
  cwd?: string;
  /** The target org: its PermissionSet describe and PermissionDependency rows close the plan. */
  connection?: Connection;
  /** The integration user's username: a User Access Policy grants it the plan's licenses and permission sets. */
  username?: string;
  /** A scratch org definition file to add the plan's org preferences to (created where it doesn't exist). */
  scratchDefinitionFile?: string;
};

/** Vendor profile → plan → rendered files → written where they differ. */
export const generate = async (profile: VendorProfile, options: GenerateOptions): Promise<GenerateResult> => {
  const { layout } = options;
  const cwd = options.cwd ?? process.cwd();
  // A bad username is refused before the org is read.
  if (options.username !== undefined) {
    checkUsername(options.username);
    checkPolicyApiVersion(layout.apiVersion);
  }
  const resolved = await resolveForTarget(profile, options);
  const { risks } = resolved;
  const plan = options.username ? withUserAccessPolicy(resolved.plan, options.username) : resolved.plan;
  const force = options.force ?? false;

  const permissionSetSource = toPermissionSetSource(plan.permissionSet, layout.apiVersion);
  const shown = (path: string): string => relative(cwd, path) || '.';
  const permissionSetMerge = permissionSetFileMerge(permissionSetSource, force ? 'replace' : options.prune ? 'prune' : 'merge', shown);
  const permissionSetFile: PlannedFile = {
    path: join(layout.outputDir, 'permissionsets', `${plan.permissionSet.fullName}.permissionset-meta.xml`),
    type: 'PermissionSet',
    content: renderPermissionSet(permissionSetSource),
    merge: permissionSetMerge.merge,
    conflictHint: '',
  };
  const settingsFiles = plannedSettingsFiles(plan.orgSettings, layout.outputDir, force);
  const policyFile = plan.userAccessPolicy ? userAccessPolicyFile(plan.userAccessPolicy, layout.outputDir, force, shown) : undefined;
  const metadataFiles = [permissionSetFile, ...settingsFiles, ...(policyFile ? [policyFile] : [])];

  // source-deploy-retrieve resolves the files as a deploy would, from their content, before anything is written.
  const { components, packageXml } = await resolveComponents(metadataFiles, layout.apiVersion);
  for (const file of metadataFiles) {
    if (!components.some((c) => c.path === file.path && c.type === file.type)) {
      throw messages.createError('error.Unresolved', [file.path, file.type]);
    }
  }

  const staged = await stageFiles(
    [
      ...metadataFiles,
      {
        path: layout.userDefinitionFile,
        type: 'UserDefinition',
        content: renderUserDefinition(toUserDefinition(plan)),
        conflictHint: messages.getMessage('conflict.userDefinition'),
      },
      { path: layout.manifestFile, type: 'Manifest', content: packageXml, conflictHint: messages.getMessage('conflict.manifest') },
      ...(options.scratchDefinitionFile
        ? [scratchDefinitionFile(resolve(cwd, options.scratchDefinitionFile), messages.getMessage('scratchOrgName', [plan.vendor.name]), plan.orgSettings, force)]
        : []),
    ],
    force || (options.check ?? false)
  );
  if (!options.dryRun && !options.check) await writeStagedFiles(staged);

  return {
    vendor: profile.id,
    ...(plan.variant ? { variant: plan.variant.id } : {}),
    apiVersion: layout.apiVersion,
    dryRun: options.dryRun ?? false,
    check: options.check ?? false,
    files: staged.map((file) => {
      const component = components.find((c) => c.path === file.path);
      return {
        path: shown(file.path),
        type: file.type,
        ...(component ? { fullName: component.fullName } : {}),
        status: file.status,
        ...(options.check && file.status !== 'identical' ? { diff: unifiedDiff(shown(file.path), file.previous, file.content) } : {}),
        ...(file.path === permissionSetFile.path ? { permissionSet: permissionSetMerge.report() } : {}),
      };
    }),
    plan,
    risks,
    nextSteps: nextSteps(plan, {
      permissionSetFile: shown(permissionSetFile.path),
      settingsFiles: settingsFiles.map((f) => shown(f.path)),
      ...(policyFile ? { userAccessPolicyFile: shown(policyFile.path) } : {}),
      userDefinitionFile: shown(layout.userDefinitionFile),
      ...(options.scratchDefinitionFile ? { scratchDefinitionFile: shown(resolve(cwd, options.scratchDefinitionFile)) } : {}),
    }),
  };
};

/** The plan, closed against the target org's own permissions where one is given, with its risks. */
export const resolveForTarget = async (
  profile: VendorProfile,
  options: ResolveOptions & { connection?: Connection }
): Promise<{ plan: IntegrationUserPlan; risks: Risk[] }> => {
  const { connection, ...resolveOptions } = options;
  if (!connection) {
    const plan = resolvePlan(profile, resolveOptions);
    return { plan, risks: assessRisks(profile, plan, resolveOptions) };
  }
  const org = await readOrgPermissions(connection);
  const withOrg = withOrgPermissions(resolveOptions, org);
  const plan = resolvePlan(profile, withOrg, org.graph);
  return { plan, risks: assessRisks(profile, plan, withOrg, org.graph) };
};
