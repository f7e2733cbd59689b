/**
 * The deploys the generated metadata takes, in the order they must run, each finished before the next
 * starts. Org settings come first, in a deploy of their own: a setting such as
 * SecuritySettings.enableAuditFieldsInactiveOwner makes user permissions exist (CreateAuditFields,
 * UpdateWithInactiveOwner), and UserManagementSettings.userAccessPoliciesEnabled makes user access
 * policies deployable. The Metadata API validates a permission set against the org as the deploy finds
 * it and documents no order between types in one deploy that would turn a setting on before the
 * permission set is checked, so one manifest with both may fail with "Unknown user permission".
 *
 * A component joins a step by its metadata type (as source-deploy-retrieve resolves it): a new settings
 * file joins `settings`, a user access policy `policies`, any other type `access`, without code of its own.
 */
export type DeployStep = {
  /** In the step's manifest file name: `manifest/grax-package-1-settings.xml`. */
  id: string;
  /** Metadata types deployed in this step; the step with none (`access`) takes every type no step names. */
  types: readonly string[];
};

export const DEPLOY_STEPS: readonly DeployStep[] = [
  { id: 'settings', types: ['Settings'] },
  { id: 'access', types: [] },
  // A policy grants permission sets by name: they exist in the org before it deploys.
  { id: 'policies', types: ['UserAccessPolicy'] },
];

/** The step that deploys a component of this metadata type. */
export const deployStepOf = (type: string): DeployStep =>
  DEPLOY_STEPS.find((step) => step.types.includes(type)) ?? (DEPLOY_STEPS.find((step) => step.types.length === 0) as DeployStep);

/**
 * Where a step's manifest goes: the manifest file itself when one step holds everything, else one file per
 * step beside it, numbered in deploy order (`grax-package.xml` → `grax-package-1-settings.xml`,
 * `grax-package-2-access.xml`).
 */
export const stepManifestPath = (manifestFile: string, step: DeployStep, position: number, steps: number): string =>
  steps === 1 ? manifestFile : `${manifestFile.replace(/\.xml$/i, '')}-${position}-${step.id}.xml`;

/** Each step the components of these metadata types take, in deploy order, with the path of its manifest. */
export const stepManifests = (manifestFile: string, types: readonly string[]): Array<{ step: DeployStep; path: string }> => {
  const steps = DEPLOY_STEPS.filter((step) => types.some((type) => deployStepOf(type) === step));
  return steps.map((step, i) => ({ step, path: stepManifestPath(manifestFile, step, i + 1, steps.length) }));
};
