import type { RegistryAccess } from '@salesforce/source-deploy-retrieve';

/**
 * How the project's source format stores a permission set: one file (`permissionsets/X.permissionset-meta.xml`),
 * or decomposed into a folder of child files (`permissionsets/X/`) by a `sourceBehaviorOptions` preset.
 */
export type PermissionSetLayout =
  | { decomposed: false }
  | {
      decomposed: true;
      /** The preset that decomposes it, as sfdx-project.json names it. */
      preset: string;
      /** source-deploy-retrieve's registry with the project's presets: it writes and resolves the child files. */
      registry: RegistryAccess;
    };

export type ProjectSource = { projectDir?: string; sourceBehaviorOptions?: readonly string[] };

/**
 * The layout the project declares, as source-deploy-retrieve reads it: its registry for the project (the
 * standard one merged with every `sourceBehaviorOptions` preset) decides whether PermissionSet is decomposed.
 * A project without presets is not asked, so source-deploy-retrieve is not loaded for it.
 */
export const permissionSetLayout = async (project: ProjectSource): Promise<PermissionSetLayout> => {
  const presets = project.sourceBehaviorOptions ?? [];
  if (!project.projectDir || presets.length === 0) return { decomposed: false };
  const { RegistryAccess: Registry, presetMap } = await import('@salesforce/source-deploy-retrieve');
  const registry = new Registry(undefined, project.projectDir);
  if (registry.getTypeByName('PermissionSet').strategies?.adapter !== 'decomposed') return { decomposed: false };
  // Each preset's registry names the types it changes.
  const preset = presets.find((name) => presetMap.get(name)?.types.permissionset !== undefined) ?? presets.join(', ');
  return { decomposed: true, preset, registry };
};

/**
 * The list element each child file's root stands for, from every preset's registry: decomposePermissionSetBeta
 * writes one entry per file under its type's root (`<ObjectPermission>` → objectPermissions); Beta2's files are
 * `<PermissionSet>` documents holding the lists themselves.
 */
export const childListElements = async (): Promise<Map<string, string>> => {
  const { presetMap } = await import('@salesforce/source-deploy-retrieve');
  const lists = new Map<string, string>();
  for (const registry of presetMap.values()) {
    const children = registry.types.permissionset?.children;
    if (!children) continue;
    for (const [list, id] of Object.entries(children.directories ?? {})) {
      const name = children.types[id]?.name;
      if (name && !lists.has(name)) lists.set(name, list);
    }
  }
  return lists;
};
