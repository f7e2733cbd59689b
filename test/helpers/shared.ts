import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateXML } from 'xmllint-wasm';

/** The shared folder beside the project: vendor pages, reference data, corpus. Tests may read it; the plugin never does. */
export const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));

export const sharedAvailable = (): boolean => existsSync(SHARED);

export const seedLines = (document: string): string[] => readFileSync(`${SHARED}seeds/${document}`, 'utf8').split('\n');

export const referenceFile = (name: string): string => readFileSync(`${SHARED}reference/${name}`, 'utf8');

export const corpusPermissionSets = (): Array<{ name: string; content: string }> =>
  readdirSync(`${SHARED}corpus/permissionsets`)
    .sort()
    .map((name) => ({ name, content: readFileSync(`${SHARED}corpus/permissionsets/${name}`, 'utf8') }));

/** Rows of the corpus' SOURCES.tsv by saved file name. */
export const corpusSources = (): Map<string, Record<string, string>> => {
  const [header, ...rows] = readFileSync(`${SHARED}corpus/SOURCES.tsv`, 'utf8').trim().split('\n').map((l) => l.split('\t'));
  return new Map(rows.map((cells) => [cells[0], Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']))]));
};

/** Validate XML documents against the Metadata API schema for PermissionSet and Settings, with libxml2 (xmllint compiled to WebAssembly). */
export const validateAgainstMetadataXsd = async (files: Array<{ fileName: string; contents: string }>): Promise<string[]> => {
  const result = await validateXML({
    xml: files,
    schema: [{ fileName: 'metadata-permissionset.xsd', contents: referenceFile('metadata-permissionset.xsd') }],
  });
  return result.errors.map((e) => e.rawMessage);
};
