/**
 * Scenario 1, render: a large profile through the product's own pipeline, against two floors in the same round.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GenerateResult } from '../src/generate.js';
import { generate } from '../src/generate.js';
import type { OutputLayout } from '../src/layout.js';
import { resolveLayout } from '../src/layout.js';
import type { VendorProfile } from '../src/profiles/types.js';
import { resolvePlan } from '../src/resolve/resolve.js';
import { renderPermissionSet, toPermissionSetSource } from '../src/render/permission-set.js';
import { writeStagedFiles } from '../src/write/files.js';
import { handWrittenPermissionSet } from './floor.js';
import type { ProfileSize } from './profile.js';
import { syntheticProfile } from './profile.js';
import { API_VERSION, makeProject } from './project.js';
import { timed } from './project.js';

export type RenderRound = {
  /** Floor 1: the hand-written join of the same bytes, and its write. */
  handJoinWrite: number;
  /** Floor 2: writing an already-built string of the same size. */
  writeOnly: number;
  /** resolvePlan: variant, tiers, field classification, dependency closure, sorting. */
  resolve: number;
  /** The plan's permission set rendered (toPermissionSetSource, renderPermissionSet) and written by the product's writer. */
  renderWrite: number;
  /** src/generate.ts's generate: resolve, render, source-deploy-retrieve's resolve and package.xml, stage, write; into a fresh project. */
  generate: number;
};

export type RenderScenario = { bytes: number; entries: number; sha256: string; round: () => Promise<RenderRound>; dispose: () => void };

/** Output files of one generate, removed before the next so every round creates them. */
const outputs = (result: GenerateResult, project: string): string[] => result.files.map((f) => join(project, f.path));

export const renderScenario = async (size: ProfileSize): Promise<RenderScenario> => {
  const profile: VendorProfile = syntheticProfile(size);
  const project = makeProject();
  const layout: OutputLayout = await resolveLayout({ vendor: profile.id, cwd: project });
  const floorDir = mkdtempSync(join(tmpdir(), 'iu-bench-floor-'));
  const planned = resolvePlan(profile).permissionSet;
  const rendered = renderPermissionSet(toPermissionSetSource(planned, API_VERSION));
  const hand = handWrittenPermissionSet(planned);
  if (hand !== rendered) throw new Error('The hand-written floor does not produce the bytes the renderer does: fix the floor.');
  // A joined string is flat: writing it is the cost of the bytes alone.
  const prebuilt = hand;
  const sha256 = createHash('sha256').update(rendered).digest('hex');
  let written: string[] = [];

  const round = async (): Promise<RenderRound> => {
    for (const file of written) rmSync(file, { force: true });
    const handJoinWrite = await timed(() => writeFile(join(floorDir, 'hand.xml'), handWrittenPermissionSet(planned), 'utf8'));
    const writeOnly = await timed(() => writeFile(join(floorDir, 'prebuilt.xml'), prebuilt, 'utf8'));
    const resolve = await timed(() => resolvePlan(profile));
    const renderWrite = await timed(() =>
      writeStagedFiles([
        {
          path: join(floorDir, 'rendered.permissionset-meta.xml'),
          type: 'PermissionSet',
          status: 'changed',
          content: renderPermissionSet(toPermissionSetSource(planned, API_VERSION)),
        },
      ])
    );
    let result: GenerateResult | undefined;
    const generateMs = await timed(async () => {
      result = await generate(profile, { layout, cwd: project });
    });
    if (result?.files.some((f) => f.status !== 'created')) throw new Error('generate did not create every file: the round is not comparable.');
    written = result ? outputs(result, project) : [];
    const set = written.find((file) => file.endsWith('.permissionset-meta.xml'));
    if (!set || createHash('sha256').update(readFileSync(set)).digest('hex') !== sha256) throw new Error('generate wrote other bytes than the renderer: the round is not comparable.');
    return { handJoinWrite, writeOnly, resolve, renderWrite, generate: generateMs };
  };

  return {
    bytes: Buffer.byteLength(rendered),
    sha256,
    entries: planned.fieldPermissions.length + planned.objectPermissions.length + planned.userPermissions.length,
    round,
    dispose: () => {
      rmSync(project, { recursive: true, force: true });
      rmSync(floorDir, { recursive: true, force: true });
    },
  };
};
