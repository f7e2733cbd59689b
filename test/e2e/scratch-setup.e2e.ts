import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { Config } from '@oclif/core';
import { isolatedSfEnv } from '../../scripts/sf-env.js';

/**
 * The README's scratch-org setup script (scripts/scratch-org-setup.sh), as far as it runs without an org. No Dev Hub
 * is reachable, so: the script runs under bash with `sf` on PATH recording each command; the plugin's own command
 * (generate) runs for real in the real sf. Each org command is then checked against the real sf: every flag is one
 * the command has (from sf's own command manifests), and run as recorded it gets past parsing every flag but the
 * org one (files exist, values in bounds) and stops only on the org it can't find. Not exercised: what the org does
 * (the scratch org's creation, the deploy, the user's creation).
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SF_BIN = join(ROOT, 'node_modules', '.bin');
const SCRIPT = join(ROOT, 'scripts', 'scratch-org-setup.sh');

describe('scratch-org setup script (README), as far as it runs without an org', () => {
  let home: string;
  let project: string;
  let env: NodeJS.ProcessEnv;
  let recorded: string[][];
  let shimDir: string;
  const readLog = (file: string): string[][] =>
    readFileSync(file, 'utf8')
      .split('\n\n')
      .filter((c) => c.trim() !== '')
      .map((c) => c.split('\n').filter((a) => a !== ''));

  before(function () {
    this.timeout(600_000);
    home = mkdtempSync(join(tmpdir(), 'iu-scratch-e2e-'));
    env = isolatedSfEnv(home, SF_BIN);
    const sf = (args: string[], cwd: string): string => execFileSync(join(SF_BIN, 'sf'), args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    sf(['plugins', 'link', ROOT, '--no-install'], home);
    sf(['template', 'generate', 'project', '--name', 'scratch', '--output-dir', home], home);
    project = join(home, 'scratch');

    // `sf` for the script: records the command (one argument per line, a blank line after), runs the plugin's for real.
    const shim = join(home, 'shim');
    mkdirSync(shim);
    const log = join(home, 'commands.txt');
    writeFileSync(
      join(shim, 'sf'),
      `#!/usr/bin/env bash\nprintf '%s\\n' "$@" >> "\${LOG:-${log}}"\nprintf '\\n' >> "\${LOG:-${log}}"\nif [ "$1" = integration-user ]; then exec '${join(SF_BIN, 'sf')}' "$@"; fi\n` +
        // A Profile query's CSV, as sf data query --result-format csv prints it: the header, then the Id.
        `if [ "$1 $2" = "data query" ]; then printf 'Id\\n00e000000000001AAA\\n'; fi\n`
    );
    chmodSync(join(shim, 'sf'), 0o755);
    shimDir = shim;
    const run = spawnSync('bash', [SCRIPT], {
      cwd: project,
      env: { ...env, PATH: `${shim}:${env.PATH ?? ''}`, USERNAME: 'grax-integration@example.com' },
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).to.equal(0);
    recorded = readLog(log);
  });

  after(() => rmSync(home, { recursive: true, force: true }));

  it('is in the README as it is in scripts/', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).to.include(readFileSync(SCRIPT, 'utf8'));
  });

  it('generates for real: the scratch definition sf made gets the preferences, and the policy is written', () => {
    expect(recorded.map((c) => c.slice(0, 3).join(' '))).to.deep.equal([
      'integration-user generate --vendor',
      'org create scratch',
      // One deploy per step manifest, in order: settings, the permission set, the policy.
      'project deploy start',
      'project deploy start',
      'project deploy start',
      'org create user',
    ]);
    expect(recorded.filter((c) => c[1] === 'deploy').map((c) => c[c.indexOf('--manifest') + 1])).to.deep.equal([
      'manifest/grax-package-1-settings.xml',
      'manifest/grax-package-2-access.xml',
      'manifest/grax-package-3-policies.xml',
    ]);
    const definition = JSON.parse(readFileSync(join(project, 'config', 'project-scratch-def.json'), 'utf8')) as { settings: Record<string, Record<string, boolean>> };
    expect(definition.settings.securitySettings.enableAuditFieldsInactiveOwner).to.equal(true);
    expect(definition.settings.userManagementSettings.userAccessPoliciesEnabled).to.equal(true);
    expect(JSON.parse(readFileSync(join(project, 'config', 'grax-integration-user-def.json'), 'utf8'))).to.include({ Username: 'grax-integration@example.com' });
    expect(existsSync(join(project, 'force-app/main/default/useraccesspolicies/GRAX_Integration_User_Policy.useraccesspolicy-meta.xml'))).to.equal(true);
  });

  /** Every flag one the real sf command has; run as recorded (with `extra`), sf gets past every flag but the org's. */
  const checkAgainstSf = async (commands: string[][], extra: string[] = []): Promise<void> => {
    const config = await Config.load(join(ROOT, 'node_modules', '@salesforce', 'cli'));
    for (const command of commands) {
      const flagAt = command.findIndex((a) => a.startsWith('-'));
      const id = command.slice(0, flagAt).join(':');
      const found = config.findCommand(id);
      expect(found, id).to.not.equal(undefined);
      for (const flag of command.filter((a) => a.startsWith('--'))) expect(Object.keys(found?.flags ?? {}), `${id} ${flag}`).to.include(flag.slice(2));
      const run = spawnSync(join(SF_BIN, 'sf'), [...command, ...extra, '--json'], { cwd: project, env, encoding: 'utf8' });
      const body = JSON.parse(run.stdout) as { name: string; message: string };
      expect(body.name, `${id}: ${body.message}`).to.equal('NamedOrgNotFoundError');
      expect(body.message).to.match(/Parsing --target-(dev-hub|org)/);
    }
  };

  it('each org command has only flags the real sf command has, and stops only on the org no one authorized', async function () {
    this.timeout(300_000);
    await checkAgainstSf(recorded.slice(1));
  });

  it('the next steps for a sandbox or production org run as they are: the Profile query feeds the User insert, every flag sf\'s', async function () {
    this.timeout(300_000);
    const out = JSON.parse(
      execFileSync(join(SF_BIN, 'sf'), ['integration-user', 'generate', '--vendor', 'grax', '--username', 'grax-integration@example.com', '--json'], { cwd: project, env, encoding: 'utf8' })
    ) as { result: { nextSteps: Array<{ commands: Array<{ command: string; when?: string }> }> } };
    const commands = out.result.nextSteps.flatMap((s) => s.commands).filter((c) => c.when === 'a new user, in a sandbox or production org').map((c) => c.command);
    expect(commands).to.have.length(2);
    const log = join(home, 'other-org.txt');
    const run = spawnSync('bash', ['-euo', 'pipefail', '-c', commands.join('\n')], { cwd: project, env: { ...env, PATH: `${shimDir}:${env.PATH ?? ''}`, LOG: log }, encoding: 'utf8' });
    expect(run.status, run.stderr).to.equal(0);
    const [query, insert] = readLog(log);
    expect(query.slice(0, 2)).to.deep.equal(['data', 'query']);
    expect(insert.slice(0, 5)).to.deep.equal(['data', 'create', 'record', '--sobject', 'User']);
    expect(insert[6]).to.include('ProfileId=00e000000000001AAA').and.include('Username=grax-integration@example.com').and.include("LastName='GRAX Integration User'");
    // Run as written, these use the default org; none is set here, so the replay names one no one authorized.
    await checkAgainstSf([query, insert], ['--target-org', 'nobody@example.com']);
  });
});
