import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { findProfile } from '../../src/profiles/index.js';
import type { GenerateOptions, GenerateResult } from '../../src/generate.js';
import { generate } from '../../src/generate.js';
import { resolveLayout } from '../../src/layout.js';
import { rejection } from '../helpers/rejection.js';

/**
 * The files the plugin owns (its manifest, its user definition) follow the project as it moves on: another
 * sourceApiVersion, another variant. What the user added is kept; a value of theirs is a conflict naming it;
 * --replace names what to take from the run, and nothing else is lost.
 */
// GRAX deploys its Security settings first: the permission set is in the second step's manifest.
const MANIFEST = 'manifest/grax-package-2-access.xml';
const GRAX_PS = 'force-app/main/default/permissionsets/GRAX_Integration_User.permissionset-meta.xml';
const OWNBACKUP_DEF = 'config/ownbackup-integration-user-def.json';

describe('files the plugin owns, in a project that moves on', () => {
  let dir: string;
  let apiVersion: string;
  // @salesforce/core caches a project's sfdx-project.json for the process: the version goes in as the flag would
  // (the e2e test changes the file itself, in a new sf process each run).
  const setApiVersion = (sourceApiVersion: string): void => {
    apiVersion = sourceApiVersion;
  };
  const run = async (vendor: string, options: Omit<GenerateOptions, 'layout'> = {}): Promise<GenerateResult> =>
    generate(findProfile(vendor), { ...options, layout: await resolveLayout({ vendor, cwd: dir, apiVersion }), cwd: dir });
  const read = (path: string): string => readFileSync(join(dir, path), 'utf8');
  const statusOf = (result: GenerateResult, path: string): string | undefined => result.files.find((f) => f.path === path)?.status;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'iu-owned-'));
    mkdirSync(join(dir, 'force-app', 'main', 'default'), { recursive: true });
    writeFileSync(join(dir, 'sfdx-project.json'), JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '64.0' }));
    setApiVersion('64.0');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('the manifest', () => {
    it('takes the new sourceApiVersion: --check says so (exit-100 drift, not a conflict), and the run it advises fixes it', async () => {
      await run('grax');
      expect(read(MANIFEST)).to.include('<version>64.0</version>');
      setApiVersion('66.0');
      const check = await run('grax', { check: true });
      expect(statusOf(check, MANIFEST)).to.equal('changed');
      expect(check.files.find((f) => f.path === MANIFEST)?.diff).to.include('-    <version>64.0</version>').and.include('+    <version>66.0</version>');
      const dryRun = await run('grax', { dryRun: true });
      expect(statusOf(dryRun, MANIFEST)).to.equal('changed');
      const fixed = await run('grax');
      expect(statusOf(fixed, MANIFEST)).to.equal('changed');
      expect(read(MANIFEST)).to.include('<version>66.0</version>').and.not.include('64.0');
      expect((await run('grax', { check: true })).files.map((f) => f.status)).to.deep.equal(['identical', 'identical', 'identical', 'identical', 'identical']);
    });

    it('keeps the components a user listed besides the plugin\'s, sorted as source-deploy-retrieve writes them', async () => {
      await run('grax');
      writeFileSync(
        join(dir, MANIFEST),
        read(MANIFEST).replace('    <version>', '    <types>\n        <members>Account_Manager</members>\n        <name>PermissionSet</name>\n    </types>\n    <version>')
      );
      setApiVersion('66.0');
      await run('grax');
      const manifest = read(MANIFEST);
      expect(manifest).to.include('        <members>Account_Manager</members>\n        <members>GRAX_Integration_User</members>\n        <name>PermissionSet</name>');
      expect(manifest).to.include('<version>66.0</version>');
      expect((await run('grax')).files.map((f) => f.status)).to.deep.equal(['identical', 'identical', 'identical', 'identical', 'identical']);
    });

    it('names what a rewrite would drop, and --replace manifest takes the run\'s without touching the permission set entries of the user', async () => {
      await run('grax');
      const mine = read(GRAX_PS).replace('    <userPermissions>', '    <userPermissions>\n        <enabled>true</enabled>\n        <name>ViewSetup</name>\n    </userPermissions>\n    <userPermissions>');
      writeFileSync(join(dir, GRAX_PS), mine);
      writeFileSync(join(dir, MANIFEST), read(MANIFEST).replace('<types>', '<!-- deployed by CI --><types>'));
      setApiVersion('66.0');
      const error = await rejection(run('grax'));
      expect(error.name).to.equal('FileConflictError');
      expect(error.message).to.include(`${MANIFEST} has XML comments a rewrite would drop`).and.include('--replace manifest');
      expect(error.message).to.not.include(GRAX_PS);

      const dryRun = await run('grax', { dryRun: true });
      expect(statusOf(dryRun, MANIFEST)).to.equal('conflict');
      expect(dryRun.files.find((f) => f.path === MANIFEST)?.conflict).to.include('XML comments');

      await run('grax', { replace: ['manifest'] });
      expect(read(MANIFEST)).to.include('<version>66.0</version>').and.not.include('<!--');
      expect(read(GRAX_PS)).to.include('<name>ViewSetup</name>');
    });

    it('names an element source-deploy-retrieve would not keep, and a file that is not XML with its line', async () => {
      await run('grax');
      writeFileSync(join(dir, MANIFEST), read(MANIFEST).replace('<version>64.0</version>', '<fullName>acme</fullName>\n    <version>60.0</version>'));
      expect((await rejection(run('grax'))).message).to.include(`${MANIFEST} has elements a rewrite would drop (fullName)`);
      writeFileSync(join(dir, MANIFEST), '<?xml version="1.0"?>\n<Package>\n<<<<<<< HEAD\n');
      expect((await rejection(run('grax'))).message).to.match(new RegExp(`${MANIFEST}:3:\\d+ isn't a package.xml the plugin can update`));
    });
  });

  describe('the user definition', () => {
    it('follows a switch of OwnBackup to --variant api-only, keeping the keys the user added', async () => {
      await run('ownbackup');
      const standard = JSON.parse(read(OWNBACKUP_DEF)) as Record<string, unknown>;
      writeFileSync(join(dir, OWNBACKUP_DEF), JSON.stringify({ ...standard, Email: 'backup@acme.com', permsets: [...(standard.permsets as string[]), 'Acme_Extra'] }, null, 2));
      const check = await run('ownbackup', { variant: 'api-only', check: true });
      expect(statusOf(check, OWNBACKUP_DEF)).to.equal('changed');
      await run('ownbackup', { variant: 'api-only' });
      const apiOnly = JSON.parse(read(OWNBACKUP_DEF)) as Record<string, unknown>;
      expect(apiOnly.profileName).to.equal('Minimum Access - API Only Integrations');
      expect(apiOnly.Email).to.equal('backup@acme.com');
      // The API-only user takes permission sets only after its license: the plugin's are gone, the user's stay.
      expect(apiOnly.permsets).to.deep.equal(['Acme_Extra']);
      // And back.
      await run('ownbackup');
      expect(JSON.parse(read(OWNBACKUP_DEF))).to.deep.equal({ ...standard, Email: 'backup@acme.com', permsets: [...(standard.permsets as string[]), 'Acme_Extra'] });
    });

    it('names the key a user changed, and --replace user-definition (or its path) takes the vendor\'s', async () => {
      await run('ownbackup');
      const standard = JSON.parse(read(OWNBACKUP_DEF)) as Record<string, unknown>;
      writeFileSync(join(dir, OWNBACKUP_DEF), JSON.stringify({ ...standard, profileName: 'Acme Integration' }, null, 2));
      const error = await rejection(run('ownbackup', { variant: 'api-only' }));
      expect(error.message).to.include(`${OWNBACKUP_DEF}: "profileName" is "Acme Integration", and this run writes "Minimum Access - API Only Integrations"`);
      expect(error.message).to.include('--replace user-definition');
      expect(error.actions?.[0]).to.include('--replace').and.include('--force replaces every file');

      await run('ownbackup', { variant: 'api-only', replace: [OWNBACKUP_DEF] });
      expect((JSON.parse(read(OWNBACKUP_DEF)) as Record<string, unknown>).profileName).to.equal('Minimum Access - API Only Integrations');
    });

    it('refuses a --replace that names neither a kind nor a file the command writes, listing both', async () => {
      const error = await rejection(run('grax', { replace: ['package.xml'] }));
      expect(error.name).to.equal('UnknownReplaceError');
      expect(error.actions?.join(' ')).to.include('permission-set, settings, user-access-policy, user-definition, manifest').and.include(MANIFEST);
      expect((await rejection(run('grax', { replace: ['permission-set'], prune: true }))).name).to.equal('PruneReplaceError');
    });
  });

  describe('the permission set', () => {
    it('keeps its label, description and license as the file has them, and adds none', async () => {
      await run('grax');
      const bare = read(GRAX_PS)
        .replace(/ {4}<description>.*<\/description>\n/, '')
        .replace(/<label>.*<\/label>/, '<label>Our GRAX user</label>');
      writeFileSync(join(dir, GRAX_PS), bare);
      const result = await run('grax');
      expect(statusOf(result, GRAX_PS)).to.equal('identical');
      expect(read(GRAX_PS)).to.equal(bare).and.not.include('<description>');
    });
  });
});
