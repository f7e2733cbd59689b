import { dirname, basename } from 'node:path';
import type { RegistryAccess, VirtualDirectory } from '@salesforce/source-deploy-retrieve';
import { Messages } from '@salesforce/core';
import type { MergeResult } from '../write/files.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'files');
import type { DeployStep } from '../metadata/deploy-steps.js';
import { DEPLOY_STEPS, deployStepOf } from '../metadata/deploy-steps.js';

export type SourceFile = { path: string; content: string };

export type ResolvedComponent = { type: string; fullName: string; path: string };

/** One deploy of the steps (src/metadata/deploy-steps.ts): its components and the package.xml that lists them. */
export type StepManifest = { step: DeployStep; components: ResolvedComponent[]; packageXml: string };

/**
 * Resolve source files as source-deploy-retrieve does for a deploy (from their paths, and their content where a type needs it), before anything is
 * written: the metadata type and name of each, and one package.xml per deploy step that has components, in deploy order.
 */
export const resolveComponents = async (
  files: readonly SourceFile[],
  apiVersion: string,
  /** The project's registry, where its presets change how a type is stored (a decomposed permission set). */
  registry?: RegistryAccess
): Promise<{ components: ResolvedComponent[]; manifests: StepManifest[] }> => {
  // Loaded here, not at the top: it adds 150-300 ms over @salesforce/core, and only generate needs it.
  const { ComponentSet, VirtualTreeContainer } = await import('@salesforce/source-deploy-retrieve');
  const contents = new Map(files.map((f) => [f.path, f.content]));
  // The files' content, encoded only when source-deploy-retrieve reads it: it resolves these types from their
  // paths, and encoding a 36 MB permission set for nothing took 0.2-1.2 s.
  class GeneratedFiles extends VirtualTreeContainer {
    public readFileSync(fsPath: string): Buffer {
      const content = contents.get(fsPath);
      if (content === undefined) return super.readFileSync(fsPath);
      return Buffer.from(content);
    }
  }
  // Each file in its directory, and each directory in its parent's, as a decomposed type's adapter walks them.
  const directories = new Map<string, VirtualDirectory>();
  const add = (path: string): void => {
    const dirPath = dirname(path);
    const dir = directories.get(dirPath);
    if (dir) {
      if (!dir.children.includes(basename(path))) dir.children.push(basename(path));
      return;
    }
    directories.set(dirPath, { dirPath, children: [basename(path)] });
    if (dirname(dirPath) !== dirPath) add(dirPath);
  };
  for (const file of files) add(file.path);
  const tree = new GeneratedFiles([...directories.values()]);
  const set = ComponentSet.fromSource({ fsPaths: files.map((f) => f.path), tree, ...(registry ? { registry } : {}) });
  set.sourceApiVersion = apiVersion;
  const sourceComponents = set.getSourceComponents().toArray();
  const toResolved = (c: (typeof sourceComponents)[number]): ResolvedComponent => ({ type: c.type.name, fullName: c.fullName, path: c.xml ?? '' });
  const manifests: StepManifest[] = [];
  for (const step of DEPLOY_STEPS) {
    const inStep = sourceComponents.filter((c) => deployStepOf(c.type.name) === step);
    if (inStep.length === 0) continue;
    const stepSet = new ComponentSet(inStep, registry);
    stepSet.sourceApiVersion = apiVersion;
    manifests.push({ step, components: inStep.map(toResolved), packageXml: await stepSet.getPackageXml() });
  }
  return { components: sourceComponents.map(toResolved), manifests };
};

/**
 * Bring the plugin's package.xml up to date: this run's version and components, and the components the user
 * listed besides them, kept. What a rewrite would lose (other elements, comments, a type source-deploy-retrieve
 * doesn't know) is a conflict naming it. `replace` (--replace manifest) takes this run's manifest instead.
 */
export const mergeManifest =
  (generated: string, components: readonly ResolvedComponent[], apiVersion: string, replace: boolean) =>
  async (existing: string, path: string): Promise<MergeResult> => {
    if (replace) return { content: generated };
    const { XMLParser, XMLValidator } = await import('fast-xml-parser');
    const valid = XMLValidator.validate(existing);
    if (valid !== true) return { conflict: messages.getMessage('conflict.manifestUnreadable', [`${path}:${valid.err.line}:${valid.err.col}`, valid.err.msg]) };
    const root = (new XMLParser({ ignoreDeclaration: true, commentPropName: '#comment' }).parse(existing) as Record<string, Record<string, unknown> | undefined>).Package;
    if (!root || typeof root !== 'object') return { conflict: messages.getMessage('conflict.manifestUnreadable', [path, messages.getMessage('conflict.notAPackage')]) };
    const lost = Object.keys(root).filter((name) => !['types', 'version', '@_xmlns', '#comment'].includes(name));
    const { ComponentSet, VirtualTreeContainer } = await import('@salesforce/source-deploy-retrieve');
    // A tree of its own: source-deploy-retrieve reads the manifest from it, not from the disk.
    const tree = new VirtualTreeContainer([{ dirPath: '/manifest', children: [{ name: 'package.xml', data: Buffer.from(existing) }] }]);
    let listed;
    try {
      listed = await ComponentSet.fromManifest({ manifestPath: '/manifest/package.xml', tree });
    } catch (error) {
      return { conflict: messages.getMessage('conflict.manifestUnreadable', [path, (error as Error).message]) };
    }
    const members = (set: Iterable<{ fullName: string; type: string | { name: string } }>): string[] =>
      [...set].map((c) => `${typeof c.type === 'string' ? c.type : c.type.name}:${c.fullName}`).sort();
    const union = new ComponentSet([...listed.toArray(), ...components.map((c) => ({ fullName: c.fullName, type: c.type }))]);
    union.sourceApiVersion = apiVersion;
    if (listed.sourceApiVersion === apiVersion && same(members(listed.toArray()), members(union.toArray()))) return { content: existing };
    if (lost.length > 0) return { conflict: messages.getMessage('conflict.manifestElements', [path, lost.join(', ')]) };
    if (existing.includes('<!--')) return { conflict: messages.getMessage('conflict.manifestComments', [path]) };
    return { content: await union.getPackageXml() };
  };

const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);
