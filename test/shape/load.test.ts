import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { SfError } from '@salesforce/core';
import { loadOrgShape } from '../../src/shape/load.js';
import { serializeOrgShape } from '../../src/shape/format.js';

describe('org shape files (--org-shape): read, or refused with the file, key and line', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'iu-shape-load-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (text: string): string => {
    writeFileSync(join(dir, 'org.org-shape.json'), text);
    return 'org.org-shape.json';
  };
  const refusal = (text: string): SfError => {
    try {
      loadOrgShape(write(text), dir);
    } catch (error) {
      expect(error).to.be.instanceOf(SfError);
      expect((error as SfError).actions?.length ?? 0).to.be.greaterThan(0);
      return error as SfError;
    }
    throw new Error('expected the shape to be refused');
  };

  it('accepts the minimal hand-written form, user-permission rows without types', () => {
    const shape = loadOrgShape(
      write('{"userPermissions": ["ApiEnabled", "ModifyAllData", "ViewAllData"], "permissionDependencies": [{"permission": "ModifyAllData", "requiredPermission": "ViewAllData"}], "objects": ["Account"]}'),
      dir
    );
    expect(shape).to.deep.include({
      file: 'org.org-shape.json',
      objects: ['Account'],
      permissionSetLicenses: [],
      permissionDependencies: [{ permission: 'ModifyAllData', requiredPermission: 'ViewAllData', permissionType: 'User Permission', requiredPermissionType: 'User Permission' }],
    });
  });

  it('refuses text that is not JSON, with the line', () => {
    const error = refusal('{\n  "userPermissions": ["ApiEnabled" "ViewAllData"]\n}');
    expect(error.message).to.match(/org\.org-shape\.json:2:\d+ \(top level\): Not valid JSON/);
    expect(refusal('userPermissions: []\n').message).to.include('Not valid JSON');
  });

  it('names a missing key, and an unknown one, with the line', () => {
    const error = refusal('{\n  "userPermissions": [],\n  "objectz": []\n}\n');
    expect(error.message).to.include('org.org-shape.json:1:1 objects: Missing.');
    expect(error.message).to.include('org.org-shape.json:1:1 permissionDependencies: Missing.');
    expect(error.message).to.include('org.org-shape.json:3:3 objectz: Not a key of an org shape file.');
  });

  it('refuses a dependency whose permission is not in its own list, naming the row', () => {
    const error = refusal(
      ['{', '  "userPermissions": ["ViewAllData"],', '  "objects": [],', '  "permissionDependencies": [', '    {"permission": "ModifyAllData", "requiredPermission": "ViewAllData"}', '  ]', '}'].join('\n')
    );
    expect(error.message).to.include('org.org-shape.json:5:6 permissionDependencies[0].permission: Names the user permission "ModifyAllData"');
    // Object permission rows name objects, not user permissions; the audit-fields pair exists once its preference is on.
    expect(() =>
      loadOrgShape(
        write('{"userPermissions": [], "objects": [], "permissionDependencies": [{"permission": "Lead<edit>", "permissionType": "Object Permission", "requiredPermission": "Lead<read>", "requiredPermissionType": "Object Permission"}, {"permission": "CreateAuditFields", "requiredPermission": "ViewSetup"}]}'),
        dir
      )
    ).to.not.throw();
  });

  it('refuses a newer or an older format version, saying which', () => {
    expect(refusal('{"formatVersion": 2, "userPermissions": [], "objects": [], "permissionDependencies": []}').message).to.include(
      'formatVersion: Format 2 is newer than this plugin reads (format 1)'
    );
    expect(refusal('{"formatVersion": 0, "userPermissions": [], "objects": [], "permissionDependencies": []}').message).to.include(
      "formatVersion: Format 0 isn't one this plugin reads (format 1)"
    );
  });

  it('names a file it cannot read', () => {
    expect(() => loadOrgShape('missing.org-shape.json', dir)).to.throw(/Can't read the org shape file missing\.org-shape\.json: ENOENT/);
  });

  it('writes the same bytes for the same org, whatever order the reads returned', () => {
    const shape = {
      userPermissions: ['ViewAllData', 'ModifyAllData', 'ApiEnabled', 'ApiEnabled'],
      permissionSetLicenses: ['B', 'A'],
      objects: ['Contact', 'Account'],
      permissionDependencies: [
        { permission: 'ModifyAllData', requiredPermission: 'ViewAllData', permissionType: 'User Permission', requiredPermissionType: 'User Permission' },
        { permission: 'Account<edit>', requiredPermission: 'Account<read>', permissionType: 'Object Permission', requiredPermissionType: 'Object Permission' },
      ],
    };
    const reversed = {
      userPermissions: [...shape.userPermissions].reverse(),
      permissionSetLicenses: [...shape.permissionSetLicenses].reverse(),
      objects: [...shape.objects].reverse(),
      permissionDependencies: [...shape.permissionDependencies].reverse(),
    };
    const text = serializeOrgShape(shape);
    expect(serializeOrgShape(reversed)).to.equal(text);
    expect(JSON.parse(text)).to.deep.include({ userPermissions: ['ApiEnabled', 'ModifyAllData', 'ViewAllData'], objects: ['Account', 'Contact'] });
    expect(loadOrgShape(write(text), dir).userPermissions).to.deep.equal(['ApiEnabled', 'ModifyAllData', 'ViewAllData']);
  });
});
