import { relative, resolve } from 'node:path';
import type { Connection } from '@salesforce/core';
import { Messages } from '@salesforce/core';
import type { VendorProfile } from './profiles/types.js';
import type { OutputLayout } from './layout.js';
import type { IntegrationUserPlan } from './resolve/model.js';
import type { ResolveOptions } from './resolve/resolve.js';
import { resolvePlan } from './resolve/resolve.js';
import type { Risk } from './resolve/risk.js';
import { assessRisks } from './resolve/risk.js';
import { orgPermissionsFromShape, readOrgPermissions, withOrgPermissions } from './org/permission-graph.js';
import { readObjectNames } from './org/schema.js';
import type { OrgShape } from './shape/format.js';
import { toPermissionSetSource } from './render/permission-set.js';
import { settingsFilePaths, settingsFiles as plannedSettingsFiles } from './render/settings.js';
import { checkPolicyApiVersion, checkUsername, withUserAccessPolicy } from './resolve/user-access-policy.js';
import { userAccessPolicyFile, userAccessPolicyPath } from './merge/user-access-policy.js';
import { resolveComponents } from './render/manifest.js';
import { ownedFiles, plannedManifestPaths, stepManifestFiles } from './merge/owned-files.js';
import type { PermissionSetReport } from './merge/permission-set.js';
import { permissionSetLayout } from './source-format/layout.js';
import { permissionSetFiles } from './source-format/permission-set.js';
import { permissionSetPaths } from './source-format/stored.js';
import type { FileStatus } from './write/files.js';
import { stageFiles, stageRemovals, writeStagedFiles } from './write/files.js';
import { replacing } from './write/replace.js';
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
  /** With `dry-run` or `check`, for a file the command would refuse to change: why, and how to go past it. */
  conflict?: string;
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
  /** Replace every file that exists, the permission set too (it is otherwise merged). */
  force?: boolean;
  /** Replace only these: kinds of file (permission-set, settings, user-definition, manifest) or paths. */
  replace?: string[];
  /** Remove entries of the lists the plugin writes (user, object, field permissions) that the plan does not contain. */
  prune?: boolean;
  dryRun?: boolean;
  /**
   * Write nothing; report, with a diff, each file that differs from what the command would write. Files
   * that --replace would be needed for are reported as conflicts, with the diff replacing them would make.
   */
  check?: boolean;
  cwd?: string;
  /** The target org: its PermissionSet describe and PermissionDependency rows close the plan. */
  connection?: Connection;
  /** The org's shape file (`--org-shape`): the same, offline. */
  orgShape?: OrgShape;
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
  const shown = (path: string): string => relative(cwd, path) || '.';
  const sourceLayout = await permissionSetLayout(layout);
  const permissionSetPath = permissionSetPaths(layout.outputDir, plan.permissionSet.fullName);
  // In a decomposed project, --replace takes the set's folder or its parent file.
  const permissionSetTargets = sourceLayout.decomposed ? [permissionSetPath.folder, permissionSetPath.parent] : [permissionSetPath.file];
  const scratchDefinitionPath = options.scratchDefinitionFile ? resolve(cwd, options.scratchDefinitionFile) : undefined;
  const policyPath = plan.userAccessPolicy ? userAccessPolicyPath(plan.userAccessPolicy, layout.outputDir) : undefined;
  const manifestPaths = plannedManifestPaths(plan, layout, policyPath !== undefined);
  const replaces = replacing(options.replace ?? [], options.force ?? false, cwd, [
    ...permissionSetTargets.map((path) => ({ kind: 'permission-set' as const, path })),
    ...settingsFilePaths(plan.orgSettings, layout.outputDir).map((path) => ({ kind: 'settings' as const, path })),
    ...(policyPath ? [{ kind: 'user-access-policy' as const, path: policyPath }] : []),
    { kind: 'user-definition', path: layout.userDefinitionFile },
    ...manifestPaths.map((m) => ({ kind: 'manifest' as const, path: m.path })),
    ...(scratchDefinitionPath ? [{ kind: 'scratch-definition' as const, path: scratchDefinitionPath }] : []),
  ]);
  const replacePermissionSet = permissionSetTargets.some((path) => replaces('permission-set', path));
  if (replacePermissionSet && options.prune) throw messages.createError('error.PruneReplace');

  const permissionSet = await permissionSetFiles(toPermissionSetSource(plan.permissionSet, layout.apiVersion), {
    outputDir: layout.outputDir,
    fullName: plan.permissionSet.fullName,
    mode: replacePermissionSet ? 'replace' : options.prune ? 'prune' : 'merge',
    layout: sourceLayout,
    shown,
  });
  const settingsFiles = plannedSettingsFiles(plan.orgSettings, layout.outputDir, (path) => replaces('settings', path));
  const policyFile =
    plan.userAccessPolicy && policyPath ? userAccessPolicyFile(plan.userAccessPolicy, layout.outputDir, replaces('user-access-policy', policyPath), shown) : undefined;
  const metadataFiles = [...permissionSet.planned, ...settingsFiles, ...(policyFile ? [policyFile] : [])];
  // A decomposed set is one component, resolved from its parent file.
  const componentFiles = metadataFiles.filter((f) => f.type !== 'PermissionSet' || f.path === permissionSet.componentFile);

  // source-deploy-retrieve resolves the files as a deploy would, from their content, before anything is written.
  const registry = sourceLayout.decomposed ? sourceLayout.registry : undefined;
  const { components, manifests } = await resolveComponents(componentFiles, layout.apiVersion, registry);
  const deploys = stepManifestFiles(manifests, manifestPaths, layout);
  for (const file of componentFiles) {
    if (!components.some((c) => c.path === file.path && c.type === file.type)) {
      throw messages.createError('error.Unresolved', [file.path, file.type]);
    }
  }

  const staged = await stageFiles(
    [...metadataFiles, ...ownedFiles({ profile, plan, resolveOptions: options, layout, deploys, ...(scratchDefinitionPath ? { scratchDefinitionPath } : {}), replaces, shown })],
    false,
    // A dry run and a check show each conflict, and what replacing the file would write, instead of stopping.
    { report: (options.dryRun ?? false) || (options.check ?? false) }
  );
  staged.push(...(await stageRemovals(permissionSet.removals, 'PermissionSet', permissionSet.removeEmptyUpTo)));
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
        ...(file.conflict ? { conflict: file.conflict } : {}),
        ...(options.check && file.status !== 'identical' ? { diff: unifiedDiff(shown(file.path), file.previous, file.content) } : {}),
        ...(file.path === permissionSet.componentFile ? { permissionSet: permissionSet.report() } : {}),
      };
    }),
    plan,
    risks,
    nextSteps: nextSteps(plan, {
      deploys: deploys.map((d) => ({ step: d.step.id, manifest: shown(d.path), components: d.components })),
      userDefinitionFile: shown(layout.userDefinitionFile),
      ...(scratchDefinitionPath ? { scratchDefinitionFile: shown(scratchDefinitionPath) } : {}),
    }),
  };
};

/** The plan, closed against the target org's own permissions where one is given, with its risks. */
export const resolveForTarget = async (
  profile: VendorProfile,
  options: ResolveOptions & { connection?: Connection; orgShape?: OrgShape }
): Promise<{ plan: IntegrationUserPlan; risks: Risk[] }> => {
  const { connection, orgShape, ...resolveOptions } = options;
  if (!connection && !orgShape) {
    const plan = resolvePlan(profile, resolveOptions);
    return { plan, risks: assessRisks(profile, plan, resolveOptions) };
  }
  // A shape closes offline exactly as a live read of its org does; its objects, or the org's global describe
  // (read here unless --all-fields listed it), decide which names exist.
  const org = orgShape ? orgPermissionsFromShape(orgShape) : await readOrgPermissions(connection!);
  const knownObjects = orgShape ? new Set(orgShape.objects) : (resolveOptions.orgFields?.globalObjects ?? (await readObjectNames(connection!)));
  const withOrg = withOrgPermissions({ ...resolveOptions, ...(knownObjects ? { knownObjects } : {}) }, org);
  const plan = resolvePlan(profile, withOrg, org.graph);
  return { plan, risks: assessRisks(profile, plan, withOrg, org.graph) };
};
