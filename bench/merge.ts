/**
 * Scenario 2, merge: the large permission set on disk, merged with a vendor's profile (parse, merge, canonical
 * write), against fast-xml-parser's bare parse of the same file in the same round.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { GenerateResult } from '../src/generate.js';
import { generate } from '../src/generate.js';
import { resolveLayout } from '../src/layout.js';
import { permissionSetFileMerge } from '../src/merge/permission-set.js';
import { findProfile } from '../src/profiles/index.js';
import { renderPermissionSet, toPermissionSetSource } from '../src/render/permission-set.js';
import { resolvePlan } from '../src/resolve/resolve.js';
import type { ProfileSize } from './profile.js';
import { syntheticProfile } from './profile.js';
import { API_VERSION, makeProject } from './project.js';
import { timed } from './project.js';

/** The vendor whose profile is merged into the large set: GRAX adds user permissions, and keeps every field permission. */
export const MERGED_VENDOR = 'grax';


export type MergeRound = {
  /** Floor: read the file and parse it with fast-xml-parser, default options. */
  parse: number;
  /** Read, parse, merge and canonical write, as generate's permission set merge does it (src/merge/permission-set.ts). */
  merge: number;
  /** generate for the vendor into a project that has the large set under the vendor's permission set name. */
  generateMerge: number;
};

export type MergeScenario = { round: () => Promise<MergeRound>; dispose: () => void };

/**
 * The large set written where a vendor's generate finds its own permission set: an admin who gave the
 * integration user's permission set every field of the org, now running generate for the vendor.
 */
export const prepareMerge = async (size: ProfileSize): Promise<{ project: string; file: string; original: string; generateOnce: () => Promise<GenerateResult> }> => {
  const large = renderPermissionSet(toPermissionSetSource(resolvePlan(syntheticProfile(size)).permissionSet, API_VERSION));
  const vendor = findProfile(MERGED_VENDOR);
  const project = makeProject();
  const layout = await resolveLayout({ vendor: vendor.id, cwd: project });
  const file = join(layout.outputDir, 'permissionsets', `${resolvePlan(vendor).permissionSet.fullName}.permissionset-meta.xml`);
  mkdirSync(dirname(file), { recursive: true });
  const original = join(project, 'original.permissionset-meta.xml');
  writeFileSync(original, large);
  copyFileSync(original, file);
  return { project, file, original, generateOnce: () => generate(vendor, { layout, cwd: project }) };
};

export const mergeScenario = async (size: ProfileSize): Promise<MergeScenario> => {
  const { project, file, original, generateOnce } = await prepareMerge(size);
  const generated = toPermissionSetSource(resolvePlan(findProfile(MERGED_VENDOR)).permissionSet, API_VERSION);
  const parser = new XMLParser();
  const scratch = mkdtempSync(join(tmpdir(), 'iu-bench-merge-'));

  const round = async (): Promise<MergeRound> => {
    copyFileSync(original, file);
    const parse = await timed(async () => parser.parse(await readFile(file, 'utf8')) as unknown);
    const merge = await timed(async () => {
      const result = permissionSetFileMerge(generated, 'merge').merge(await readFile(file, 'utf8'), file);
      if ('conflict' in result) throw new Error(result.conflict);
      await writeFile(join(scratch, 'merged.permissionset-meta.xml'), result.content, 'utf8');
    });
    let result: GenerateResult | undefined;
    const generateMerge = await timed(async () => {
      result = await generateOnce();
    });
    if (result?.files.find((f) => f.type === 'PermissionSet')?.status !== 'changed') {
      throw new Error('generate did not merge into the existing permission set: the round is not comparable.');
    }
    for (const f of result.files) if (f.type !== 'PermissionSet') rmSync(join(project, f.path), { force: true });
    return { parse, merge, generateMerge };
  };

  return {
    round,
    dispose: () => {
      rmSync(project, { recursive: true, force: true });
      rmSync(scratch, { recursive: true, force: true });
    },
  };
};
