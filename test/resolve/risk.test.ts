import { expect } from 'chai';
import { Messages } from '@salesforce/core';
import { backstory } from '../../src/profiles/vendors/backstory.js';
import { grax } from '../../src/profiles/vendors/grax.js';
import { resolvePlan } from '../../src/resolve/resolve.js';
import { ORG_WIDE_PERMISSIONS, assessRisks } from '../../src/resolve/risk.js';
import { bundledCatalog } from '../../src/resolve/catalog.js';

describe('org-wide power', () => {
  it('names real permissions, each with what it grants', () => {
    Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
    const messages = Messages.loadMessages('plugin-integration-user', 'risk');
    for (const name of ORG_WIDE_PERMISSIONS) {
      expect(bundledCatalog().has(name), name).to.equal(true);
      expect(messages.getMessage(`why.${name}`), name).to.match(/^[A-Z].+\.$/);
    }
  });

  it("lists GRAX's org-wide permissions, asked for by the vendor or brought in by a chain", () => {
    const plan = resolvePlan(grax);
    const risks = assessRisks(grax, plan);
    expect(risks.map((r) => r.grant)).to.deep.equal(['ModifyAllData', 'ModifyMetadata', 'QueryAllFiles', 'ViewAllData']);
    const modifyMetadata = risks.find((r) => r.grant === 'ModifyMetadata');
    expect(modifyMetadata?.because).to.have.length(1);
    expect(modifyMetadata?.because[0]).to.include({ from: 'dependency', requiredBy: 'ModifyAllData' });
    expect(risks.find((r) => r.grant === 'ModifyAllData')?.because[0]).to.include({ from: 'vendor' });
    // GRAX offers no variant to do without them.
    expect(risks.every((r) => r.avoidedBy.length === 0)).to.equal(true);
  });

  it("points to Backstory's least-privilege option where another option grants View All Data", () => {
    const plan = resolvePlan(backstory, { variant: 'b', profileName: 'Backstory Integration' });
    const risks = assessRisks(backstory, plan, { variant: 'b', profileName: 'Backstory Integration' });
    const viewAllData = risks.find((r) => r.grant === 'ViewAllData');
    expect(viewAllData?.avoidedBy.map((a) => a.variant)).to.include('least-privilege');
    expect(viewAllData?.avoidedBy.map((a) => a.variant)).to.not.include('c');
  });

  it('flags the System Administrator profile that Backstory option A recommends', () => {
    const plan = resolvePlan(backstory, { variant: 'a' });
    expect(plan.userProfile.name).to.equal('System Administrator');
    const risks = assessRisks(backstory, plan, { variant: 'a' });
    const profile = risks.find((r) => r.grant === 'profile:System Administrator');
    expect(profile?.why).to.include('Modify All Data');
    expect(profile?.avoidedBy.map((a) => a.variant)).to.include('least-privilege');
  });
});
