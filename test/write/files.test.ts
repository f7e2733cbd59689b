import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fs from 'node:fs/promises';
import { expect } from 'chai';
import sinon from 'sinon';
import type { PlannedFile, StagedFile } from '../../src/write/files.js';
import { removeStaleTemporaryFiles, stageFiles, temporaryPath, writeStagedFiles } from '../../src/write/files.js';
import { rejection } from '../helpers/rejection.js';

const planned = (path: string, content: string, extra: Partial<PlannedFile> = {}): PlannedFile => ({
  path,
  type: 'PermissionSet',
  content,
  conflictHint: 'replace it with --force',
  ...extra,
});

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
    expect(error.name).to.equal('WriteFailedError');
    expect(error.message).to.include(tooLong).and.include('ENAMETOOLONG');
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

  describe('a write that fails leaves nothing behind and names the file', () => {
    afterEach(() => sinon.restore());

    /** fs.writeFile that writes part of the file, then fails as the system would, for paths matching `which`. */
    const failingWrite = (code: string, which: (path: string) => boolean): void => {
      const real = fs.writeFile.bind(fs);
      sinon.replace(fs, 'writeFile', (async (path: string, data: string, options: BufferEncoding) => {
        if (!which(String(path))) return real(path, data, options);
        await real(path, data.slice(0, 3), options);
        throw Object.assign(new Error(`${code}: injected, write '${String(path)}'`), { code });
      }) as typeof fs.writeFile);
    };
    const files = (): StagedFile[] => [
      { path: join(dir, 'permissionsets', 'A.permissionset-meta.xml'), type: 'PermissionSet', status: 'created', content: 'a content' },
      { path: join(dir, 'mine.xml'), type: 't', status: 'changed', content: 'new content' },
      { path: join(dir, 'manifest', 'package.xml'), type: 'Manifest', status: 'created', content: 'p content' },
    ];
    const tree = (): string[] => readdirSync(dir, { recursive: true }).map(String).sort();

    it('on a full disk (ENOSPC) part-way: no temporary file, no directory it created, the path in the error', async () => {
      writeFileSync(join(dir, 'mine.xml'), 'old');
      failingWrite('ENOSPC', (path) => path.includes('package.xml'));
      const error = await rejection(writeStagedFiles(files()));
      expect(error.name).to.equal('WriteFailedError');
      expect(error.message).to.include(join(dir, 'manifest', 'package.xml')).and.include('ENOSPC');
      expect(error.actions?.[0]).to.include('Free space');
      expect(tree()).to.deep.equal(['mine.xml']);
      expect(readFileSync(join(dir, 'mine.xml'), 'utf8')).to.equal('old');
    });

    it('on the first file written, where nothing else was staged yet', async () => {
      failingWrite('ENOSPC', () => true);
      const error = await rejection(writeStagedFiles(files().slice(0, 1)));
      expect(error.message).to.include(join(dir, 'permissionsets', 'A.permissionset-meta.xml'));
      expect(tree()).to.deep.equal([]);
    });

    it('refused by the system (EACCES), as root too, where the up-front check passes', async () => {
      writeFileSync(join(dir, 'mine.xml'), 'old');
      failingWrite('EACCES', (path) => path.includes('mine.xml'));
      const error = await rejection(writeStagedFiles(files()));
      expect(error.message).to.include(join(dir, 'mine.xml')).and.include('EACCES');
      expect(error.actions?.[0]).to.include('writable');
      expect(tree()).to.deep.equal(['mine.xml']);
    });

    it('in a read-only directory (EACCES from the system), leaving no temporary file', async function () {
      if (process.getuid?.() === 0) this.skip();
      writeFileSync(join(dir, 'mine.xml'), 'old');
      chmodSync(dir, 0o555);
      const error = await rejection(writeStagedFiles(files().slice(1, 2)));
      chmodSync(dir, 0o755);
      expect(error.message).to.include(dir);
      expect(tree()).to.deep.equal(['mine.xml']);
    });

    it('when a rename fails, names the file and what was already written, and removes the other temporary files', async () => {
      const real = fs.rename.bind(fs);
      sinon.replace(fs, 'rename', (async (from: string, to: string) => {
        if (String(to).endsWith('mine.xml')) throw Object.assign(new Error('EXDEV: injected'), { code: 'EXDEV' });
        return real(from, to);
      }) as typeof fs.rename);
      const error = await rejection(writeStagedFiles(files()));
      expect(error.name).to.equal('RenameFailedError');
      expect(error.message).to.include(join(dir, 'mine.xml')).and.include(join(dir, 'permissionsets', 'A.permissionset-meta.xml'));
      expect(tree().filter((f) => f.endsWith('.tmp'))).to.deep.equal([]);
    });
  });

  describe('temporary files of a run that was killed', () => {
    it('are named after the file, the process and the plugin, and unique', () => {
      const path = join(dir, 'GRAX.permissionset-meta.xml');
      const name = temporaryPath(path).slice(dir.length + 1);
      expect(name).to.match(new RegExp(`^\\.GRAX\\.permissionset-meta\\.xml\\.${process.pid}\\.[0-9a-f]{8}\\.integration-user\\.tmp$`));
      expect(temporaryPath(path)).to.not.equal(temporaryPath(path));
    });

    it('are removed by the next write when their process is gone; a running one\'s and other files are kept', async () => {
      // A process that has exited: its pid is free (the kernel does not reuse it at once).
      const dead = execFileSync(process.execPath, ['-p', 'process.pid'], { encoding: 'utf8' }).trim();
      const stale = `.A.permissionset-meta.xml.${dead}.0123abcd.integration-user.tmp`;
      const running = `.A.permissionset-meta.xml.${process.pid}.0123abcd.integration-user.tmp`;
      const oldNaming = 'A.permissionset-meta.xml.0123456789ab.tmp';
      const notOurs = 'B.permissionset-meta.xml.0123456789ab.tmp';
      for (const name of [stale, running, oldNaming, notOurs, 'notes.tmp']) writeFileSync(join(dir, name), 'partial');
      const path = join(dir, 'A.permissionset-meta.xml');
      writeFileSync(path, 'same');
      await writeStagedFiles([{ path, type: 'PermissionSet', status: 'identical', content: 'same' }]);
      expect(readdirSync(dir).sort()).to.deep.equal([running, 'A.permissionset-meta.xml', notOurs, 'notes.tmp'].sort());
      expect(await removeStaleTemporaryFiles([join(dir, 'missing-dir', 'x.xml')])).to.deep.equal([]);
    });
  });
});
