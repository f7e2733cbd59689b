import { readFileSync, readdirSync } from 'node:fs';
import { expect } from 'chai';
import { mergeScratchDefinition, newScratchDefinition } from '../../src/merge/scratch-def.js';
import type { PlannedOrgSetting } from '../../src/resolve/model.js';
import { SHARED } from '../helpers/shared.js';

const setting = (settings: PlannedOrgSetting['settings'], field: string): PlannedOrgSetting => ({ settings, field, value: true, label: field, because: [] });
const PLAN = [setting('Security', 'enableAuditFieldsInactiveOwner'), setting('UserManagement', 'userAccessPoliciesEnabled')];
const merge = (text: string, force = false) => mergeScratchDefinition(PLAN, force)(text, 'config/project-scratch-def.json');
const merged = (text: string): string => {
  const result = merge(text);
  if (!('content' in result)) throw new Error(result.conflict);
  return result.content;
};

type Json = Record<string, unknown>;
/** What the file means after the merge: the original, with each preference added last where it is missing (so key order counts too). */
const expected = (original: Json): Json => {
  const copy = JSON.parse(JSON.stringify(original)) as Json;
  const settings = (copy.settings ??= {}) as Record<string, Json>;
  for (const s of PLAN) {
    const key = Object.keys(settings).find((k) => k.toLowerCase() === `${s.settings}Settings`.toLowerCase()) ?? `${s.settings[0].toLowerCase()}${s.settings.slice(1)}Settings`;
    (settings[key] ??= {})[s.field] = true;
  }
  return copy;
};

describe('scratch org definition merge (generate --scratch-def)', () => {
  const corpus = `${SHARED}corpus/scratch-defs/`;
  for (const name of readdirSync(corpus).sort()) {
    it(`${name}: adds the preferences, keeps every other key, value, key order and indent, and a second run changes nothing`, () => {
      const original = readFileSync(corpus + name, 'utf8');
      const result = merged(original);
      expect(JSON.stringify(JSON.parse(result))).to.equal(JSON.stringify(expected(JSON.parse(original) as Json)));
      // Every line of the original is still there, in order, changed at most by a comma added at its end.
      const lines = result.split('\n');
      let at = 0;
      for (const line of original.split('\n')) {
        while (at < lines.length && lines[at] !== line && lines[at] !== `${line},` && !lines[at].startsWith(`${line.replace(/\s*}\s*$/, '')}, `)) at++;
        expect(at, `line "${line}" kept`).to.be.lessThan(lines.length);
        at++;
      }
      // Added lines are indented with the file's own characters (tabs stay tabs, spaces spaces).
      const tabs = /\n\t/.test(original);
      for (const line of lines.filter((l) => !original.split('\n').includes(l) && !original.split('\n').includes(l.replace(/,$/, '')))) {
        expect(/^\t* *\S/.test(line) && (tabs ? !/^ /.test(line) : !/^\t/.test(line)), `indent of "${line}"`).to.equal(true);
      }
      expect(merged(result)).to.equal(result);
    });
  }

  it('adds inside the objects the file has, in its layout: AnimalShelterStarter (2-space, userManagementSettings and securitySettings with nested settings)', () => {
    const original = readFileSync(`${corpus}SalesforceLabs__AnimalShelterStarter__dev-scratch-def.json`, 'utf8');
    const result = merged(original);
    expect(result).to.include('    "userManagementSettings": {\n      "enableNewProfileUI": true,\n      "userAccessPoliciesEnabled": true\n    },');
    expect(result).to.include('      "sessionSettings": {\n        "forceRelogin": false\n      },\n      "enableAuditFieldsInactiveOwner": true\n    },');
    expect(result.endsWith('}\n')).to.equal(true);
  });

  it('adds a new settings object in the file\'s indent (tabs), and a settings block where there is none', () => {
    const tabs = '{\n\t"orgName": "x",\n\t"settings": {\n\t\t"chatterSettings": {\n\t\t\t"enableChatter": true\n\t\t}\n\t}\n}\n';
    expect(merged(tabs)).to.equal(
      '{\n\t"orgName": "x",\n\t"settings": {\n\t\t"chatterSettings": {\n\t\t\t"enableChatter": true\n\t\t},\n\t\t"securitySettings": {\n\t\t\t"enableAuditFieldsInactiveOwner": true\n\t\t},\n\t\t"userManagementSettings": {\n\t\t\t"userAccessPoliciesEnabled": true\n\t\t}\n\t}\n}\n'
    );
    expect(merged('{\n  "edition": "Developer"\n}\n')).to.equal(
      '{\n  "edition": "Developer",\n  "settings": {\n    "securitySettings": {\n      "enableAuditFieldsInactiveOwner": true\n    },\n    "userManagementSettings": {\n      "userAccessPoliciesEnabled": true\n    }\n  }\n}\n'
    );
    expect(merged('{"settings":{"securitySettings":{ "enableAdminLoginAsAnyUser" : true }}}')).to.include('{ "enableAdminLoginAsAnyUser" : true, "enableAuditFieldsInactiveOwner" : true }');
  });

  it('refuses a file that is not JSON, and a preference at false, naming the file and the setting', () => {
    expect(merge('{ "settings": { ')).to.have.property('conflict').that.includes("config/project-scratch-def.json: isn't JSON");
    const off = '{ "settings": { "securitySettings": { "enableAuditFieldsInactiveOwner": false } } }';
    expect(merge(off)).to.have.property('conflict').that.includes('sets settings.securitySettings.enableAuditFieldsInactiveOwner to false');
    expect(merge(off, true)).to.have.property('content').that.includes('"enableAuditFieldsInactiveOwner": true');
    expect(merge('{ "settings": [] }')).to.have.property('conflict').that.includes("settings isn't a JSON object");
  });

  it('writes a new Developer Edition definition where the file does not exist', () => {
    const text = newScratchDefinition('OwnBackup integration user', PLAN);
    expect(JSON.parse(text)).to.deep.equal({
      orgName: 'OwnBackup integration user',
      edition: 'Developer',
      settings: { securitySettings: { enableAuditFieldsInactiveOwner: true }, userManagementSettings: { userAccessPoliciesEnabled: true } },
    });
    expect(merged(text)).to.equal(text);
  });
});
