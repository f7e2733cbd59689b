import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { SfError } from '@salesforce/core';
import type { PlannedFile } from '../../src/write/files.js';
import { stageFiles, writeStagedFiles } from '../../src/write/files.js';

const planned = (path: string, content: string, extra: Partial<PlannedFile> = {}): PlannedFile => ({
  path,
  type: 'PermissionSet',
  content,
  conflictHint: 'replace it with --force',
  ...extra,
});

const rejection = async (promise: Promise<unknown>): Promise<SfError> => {
  try {
    await promise;
  } catch (error) {
    return error as SfError;
  }
  throw new Error('expected a rejection');
};

describe('staging and writing files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'iu-files-'));
  });
  afterEach(() => {
    chmodSync(dir, 0o755);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports created, changed and identical, and writes only what differs', async () => {
    writeFileSync(join(dir, 'same.xml'), 'same');
    writeFileSync(join(dir, 'merge.xml'), 'old');
    const before = statSync(join(dir, 'same.xml')).mtimeMs;
    const staged = await stageFiles(
      [
        planned(join(dir, 'new', 'deep', 'a.xml'), 'a'),
        planned(join(dir, 'same.xml'), 'same'),
        planned(join(dir, 'merge.xml'), 'generated', { merge: (existing) => ({ content: `${existing}+new` }) }),
      ],
      false
    );
    expect(staged.map((s) => s.status)).to.deep.equal(['created', 'identical', 'changed']);
    await writeStagedFiles(staged);
    expect(readFileSync(join(dir, 'new', 'deep', 'a.xml'), 'utf8')).to.equal('a');
    expect(readFileSync(join(dir, 'merge.xml'), 'utf8')).to.equal('old+new');
    expect(statSync(join(dir, 'same.xml')).mtimeMs).to.equal(before);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).to.deep.equal([]);
  });

  it('refuses to replace files with other content, naming every one, and writes nothing', async () => {
    writeFileSync(join(dir, 'mine.xml'), 'user content');
    writeFileSync(join(dir, 'theirs.json'), '{}');
    const error = await rejection(
      stageFiles(
        [
          planned(join(dir, 'fresh.xml'), 'fresh'),
          planned(join(dir, 'mine.xml'), 'generated'),
          planned(join(dir, 'theirs.json'), '{"a":1}'),
          planned(join(dir, 'merged.xml'), 'x', { merge: () => ({ conflict: 'merged.xml: sets x to false' }) }),
        ],
        false
      )
    );
    expect(error.name).to.equal('FileConflictError');
    expect(error.message).to.include(join(dir, 'mine.xml')).and.include(join(dir, 'theirs.json'));
    expect(error.actions?.[0]).to.include('--force');
    expect(existsSync(join(dir, 'fresh.xml'))).to.equal(false);
    expect(readFileSync(join(dir, 'mine.xml'), 'utf8')).to.equal('user content');
  });

  it('replaces them with force', async () => {
    writeFileSync(join(dir, 'mine.xml'), 'user content');
    const staged = await stageFiles([planned(join(dir, 'mine.xml'), 'generated')], true);
    expect(staged[0].status).to.equal('changed');
    await writeStagedFiles(staged);
    expect(readFileSync(join(dir, 'mine.xml'), 'utf8')).to.equal('generated');
  });

  it('refuses an output path that runs through a file, before writing anything', async () => {
    writeFileSync(join(dir, 'force-app'), 'I am a file');
    const staged = await stageFiles([planned(join(dir, 'ok', 'a.xml'), 'a')], false);
    const blocked = await rejection(stageFiles([planned(join(dir, 'force-app', 'permissionsets', 'a.xml'), 'a')], false));
    expect(blocked.name).to.equal('ParentIsFileError');
    expect(blocked.message).to.include(join(dir, 'force-app'));
    const alsoBlocked = await rejection(writeStagedFiles([...staged, { path: join(dir, 'force-app', 'x', 'b.xml'), type: 't', status: 'created', content: 'b' }]));
    expect(alsoBlocked.name).to.equal('ParentIsFileError');
    expect(existsSync(join(dir, 'ok', 'a.xml'))).to.equal(false);
  });

  it('leaves every file as it was when one of them cannot be written', async () => {
    writeFileSync(join(dir, 'mine.xml'), 'old');
    // A name too long for the file system once the temporary suffix is added.
    const tooLong = join(dir, `${'x'.repeat(250)}.xml`);
    const error = await rejection(
      writeStagedFiles([
        { path: join(dir, 'mine.xml'), type: 't', status: 'changed', content: 'new' },
        { path: tooLong, type: 't', status: 'created', content: 'b' },
      ])
    );
    expect((error as NodeJS.ErrnoException).code).to.equal('ENAMETOOLONG');
    expect(readFileSync(join(dir, 'mine.xml'), 'utf8')).to.equal('old');
    expect(readdirSync(dir)).to.deep.equal(['mine.xml']);
  });

  it('refuses a path that is a directory', async () => {
    mkdirSync(join(dir, 'Security.settings-meta.xml'));
    expect((await rejection(stageFiles([planned(join(dir, 'Security.settings-meta.xml'), 'x')], false))).name).to.equal('PathIsDirectoryError');
  });

  it('refuses a directory it cannot write to, before writing anything', async function () {
    // root writes anywhere, so the check can only be seen failing as another user.
    if (process.getuid?.() === 0) this.skip();
    mkdirSync(join(dir, 'locked'));
    chmodSync(join(dir, 'locked'), 0o555);
    const error = await rejection(
      writeStagedFiles([
        { path: join(dir, 'open', 'a.xml'), type: 't', status: 'created', content: 'a' },
        { path: join(dir, 'locked', 'b.xml'), type: 't', status: 'created', content: 'b' },
      ])
    );
    chmodSync(join(dir, 'locked'), 0o755);
    expect(error.name).to.equal('NotWritableError');
    expect(existsSync(join(dir, 'open', 'a.xml'))).to.equal(false);
  });
});
