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
      `#!/usr/bin/env bash\nprintf '%s\\n' "$@" >> '${log}'\nprintf '\\n' >> '${log}'\nif [ "$1" = integration-user ]; then exec '${join(SF_BIN, 'sf')}' "$@"; fi\n`
    );
    chmodSync(join(shim, 'sf'), 0o755);
    const run = spawnSync('bash', [SCRIPT], {
      cwd: project,
      env: { ...env, PATH: `${shim}:${env.PATH ?? ''}`, USERNAME: 'grax-integration@example.com' },
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).to.equal(0);
    recorded = readFileSync(log, 'utf8')
      .split('\n\n')
      .filter((c) => c.trim() !== '')
      .map((c) => c.split('\n').filter((a) => a !== ''));
  });

  after(() => rmSync(home, { recursive: true, force: true }));

  it('is in the README as it is in scripts/', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).to.include(readFileSync(SCRIPT, 'utf8'));
  });

  it('generates for real: the scratch definition sf made gets the preferences, and the policy is written', () => {
    expect(recorded.map((c) => c.slice(0, 3).join(' '))).to.deep.equal([
      'integration-user generate --vendor',
      'org create scratch',
      'project deploy start',
      'org create user',
    ]);
    const definition = JSON.parse(readFileSync(join(project, 'config', 'project-scratch-def.json'), 'utf8')) as { settings: Record<string, Record<string, boolean>> };
    expect(definition.settings.securitySettings.enableAuditFieldsInactiveOwner).to.equal(true);
    expect(definition.settings.userManagementSettings.userAccessPoliciesEnabled).to.equal(true);
    expect(JSON.parse(readFileSync(join(project, 'config', 'grax-integration-user-def.json'), 'utf8'))).to.include({ Username: 'grax-integration@example.com' });
    expect(existsSync(join(project, 'force-app/main/default/useraccesspolicies/GRAX_Integration_User_Policy.useraccesspolicy-meta.xml'))).to.equal(true);
  });

  it('each org command has only flags the real sf command has, and stops only on the org no one authorized', async function () {
    this.timeout(300_000);
    const config = await Config.load(join(ROOT, 'node_modules', '@salesforce', 'cli'));
    for (const command of recorded.slice(1)) {
      const flagAt = command.findIndex((a) => a.startsWith('-'));
      const id = command.slice(0, flagAt).join(':');
      const found = config.findCommand(id);
      expect(found, id).to.not.equal(undefined);
      for (const flag of command.filter((a) => a.startsWith('--'))) expect(Object.keys(found?.flags ?? {}), `${id} ${flag}`).to.include(flag.slice(2));
      const run = spawnSync(join(SF_BIN, 'sf'), [...command, '--json'], { cwd: project, env, encoding: 'utf8' });
      const body = JSON.parse(run.stdout) as { name: string; message: string };
      expect(body.name, `${id}: ${body.message}`).to.equal('NamedOrgNotFoundError');
      expect(body.message).to.match(/Parsing --target-(dev-hub|org)/);
    }
  });
});
