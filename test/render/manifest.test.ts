import { expect } from 'chai';
import { resolveComponents } from '../../src/render/manifest.js';
import { DEPLOY_STEPS, deployStepOf, stepManifestPath } from '../../src/metadata/deploy-steps.js';

const settings = (name: string, body: string) => ({
  path: `/p/force-app/main/default/settings/${name}.settings-meta.xml`,
  content: `<?xml version="1.0" encoding="UTF-8"?>\n<${name}Settings xmlns="http://soap.sforce.com/2006/04/metadata">\n    ${body}\n</${name}Settings>\n`,
});
const permissionSet = {
  path: '/p/force-app/main/default/permissionsets/Acme.permissionset-meta.xml',
  content: '<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">\n    <label>Acme</label>\n</PermissionSet>\n',
};

describe('deploy steps: one manifest per deploy, in the order they must run', () => {
  it('puts every settings file in a first deploy of its own, and the permission set in the next, each manifest from source-deploy-retrieve', async () => {
    const files = [
      permissionSet,
      settings('Security', '<enableAuditFieldsInactiveOwner>true</enableAuditFieldsInactiveOwner>'),
      // A settings file another feature adds joins the first step by its type alone.
      settings('UserManagement', '<userAccessPoliciesEnabled>true</userAccessPoliciesEnabled>'),
    ];
    const { components, manifests } = await resolveComponents(files, '62.0');
    expect(components.map((c) => `${c.type}:${c.fullName}`).sort()).to.deep.equal(['PermissionSet:Acme', 'Settings:Security', 'Settings:UserManagement']);
    expect(manifests.map((m) => [m.step.id, m.components.map((c) => c.fullName).sort()])).to.deep.equal([
      ['settings', ['Security', 'UserManagement']],
      ['access', ['Acme']],
    ]);
    expect(manifests[0].packageXml).to.include('<members>Security</members>').and.include('<members>UserManagement</members>').and.include('<name>Settings</name>');
    expect(manifests[0].packageXml).to.not.include('PermissionSet');
    expect(manifests[1].packageXml).to.include('<members>Acme</members>').and.include('<name>PermissionSet</name>').and.include('<version>62.0</version>');
    expect(manifests[1].packageXml).to.not.include('Settings');
  });

  it('keeps one manifest where nothing needs a deploy before the permission set', async () => {
    const { manifests } = await resolveComponents([permissionSet], '62.0');
    expect(manifests.map((m) => m.step.id)).to.deep.equal(['access']);
    expect(stepManifestPath('/p/manifest/acme-package.xml', manifests[0].step, 1, 1)).to.equal('/p/manifest/acme-package.xml');
  });

  it('names step manifests in deploy order beside the manifest file; a type no step names goes with the permission set', () => {
    expect(DEPLOY_STEPS.map((s) => s.id)).to.deep.equal(['settings', 'access', 'policies']);
    expect(stepManifestPath('/p/manifest/acme-package.xml', DEPLOY_STEPS[0], 1, 2)).to.equal('/p/manifest/acme-package-1-settings.xml');
    expect(stepManifestPath('/p/manifest/acme-package.xml', DEPLOY_STEPS[1], 2, 2)).to.equal('/p/manifest/acme-package-2-access.xml');
    expect(deployStepOf('UserAccessPolicy').id).to.equal('policies');
    expect(deployStepOf('CustomObject').id).to.equal('access');
    expect(deployStepOf('Settings').id).to.equal('settings');
  });
});
