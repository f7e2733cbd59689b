import { dirname, basename } from 'node:path';
import type { VirtualDirectory } from '@salesforce/source-deploy-retrieve';

export type SourceFile = { path: string; content: string };

export type ResolvedComponent = { type: string; fullName: string; path: string };

/**
 * Resolve source files as source-deploy-retrieve does for a deploy (from their paths, and their content where a type needs it), before anything is
 * written: the metadata type and name of each, and the package.xml that lists them.
 */
export const resolveComponents = async (
  files: readonly SourceFile[],
  apiVersion: string
): Promise<{ components: ResolvedComponent[]; packageXml: string }> => {
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
  const directories = new Map<string, VirtualDirectory>();
  for (const file of files) {
    const dirPath = dirname(file.path);
    const dir = directories.get(dirPath) ?? { dirPath, children: [] };
    dir.children.push(basename(file.path));
    directories.set(dirPath, dir);
  }
  const tree = new GeneratedFiles([...directories.values()]);
  const set = ComponentSet.fromSource({ fsPaths: files.map((f) => f.path), tree });
  set.sourceApiVersion = apiVersion;
  const components = set
    .getSourceComponents()
    .toArray()
    .map((c) => ({ type: c.type.name, fullName: c.fullName, path: c.xml ?? '' }));
  return { components, packageXml: await set.getPackageXml() };
};
