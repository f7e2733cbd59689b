import { Messages } from '@salesforce/core';
import type { IntegrationUserPlan } from './resolve/model.js';
import { permsetsAtCreation } from './render/user-definition.js';
import { createUserRecord, EMAIL_PLACEHOLDER, profileIdQuery, USERNAME_PLACEHOLDER } from './render/user-record.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'next-steps');

/** A command of a step; `when` limits it to one path, e.g. an existing user rather than one made from the definition file. */
export type NextCommand = { command: string; when?: string };

/** One step of the deploy, in the order it must happen, with the commands that do it. */
export type NextStep = { summary: string; commands: NextCommand[] };


const quoted = (value: string): string => (/^[\w./@+-]+$/.test(value) ? value : `"${value}"`);

/** One deploy of the generated metadata: its manifest and what it holds (src/metadata/deploy-steps.ts). */
export type DeployManifest = { step: string; manifest: string; components: ReadonlyArray<{ type: string; fullName: string }> };

/** Deploy order: one deploy per manifest (org settings, the permission set, the user access policy), then the user, its licenses, its permission sets. */
export const nextSteps = (
  plan: IntegrationUserPlan,
  files: { deploys: readonly DeployManifest[]; userDefinitionFile: string; scratchDefinitionFile?: string }
): NextStep[] => {
  const steps: NextStep[] = [];
  if (files.scratchDefinitionFile) {
    steps.push({
      summary: messages.getMessage('scratchOrg', [files.scratchDefinitionFile]),
      commands: [{ command: `sf org create scratch --definition-file ${quoted(files.scratchDefinitionFile)} --alias integration-user --set-default`, when: messages.getMessage('when.scratchOrg') }],
    });
  }
  const policy = plan.userAccessPolicy;
  const USER = policy ? quoted(policy.username) : USERNAME_PLACEHOLDER;
  const assignPermsets = (names: string[]): string => `sf org assign permset ${names.map((n) => `--name ${quoted(n)}`).join(' ')} --on-behalf-of ${USER}`;
  for (const deploy of files.deploys) {
    steps.push({
      summary: messages.getMessage(`deploy.${deploy.step}`, deploySummaryTokens(plan, deploy)),
      commands: [{ command: `sf project deploy start --manifest ${quoted(deploy.manifest)}` }],
    });
  }

  const license = plan.userProfile.userLicense ? ` ${messages.getMessage('user.license', [plan.userProfile.userLicense])}` : '';
  const userFields = plan.userFields.map((f) => `${f.field}=${String(f.value)}`).join(' ');
  steps.push({
    summary: messages.getMessage('user', [plan.userProfile.name ?? 'Standard User', license, EMAIL_PLACEHOLDER]),
    commands: [
      { command: `sf org create user --definition-file ${quoted(files.userDefinitionFile)}`, when: messages.getMessage('when.newUser') },
      // sf org create user refuses sandboxes and production; sf data create record inserts the User there.
      { command: profileIdQuery(plan), when: messages.getMessage('when.otherOrg') },
      { command: createUserRecord(plan), when: messages.getMessage('when.otherOrg') },
      ...(userFields
        ? [{ command: `sf data update record --sobject User --where "Username='${(policy?.username ?? USERNAME_PLACEHOLDER).replace(/'/g, "\\'")}'" --values "${userFields}"`, when: messages.getMessage('when.existingUser') }]
        : []),
    ],
  });

  if (plan.permissionSetLicenses.length > 0) {
    steps.push({
      summary: messages.getMessage('licenses', [plan.permissionSetLicenses.map((l) => l.label).join(', ')]),
      commands: [{ command: `sf org assign permsetlicense ${plan.permissionSetLicenses.map((l) => `--name ${quoted(l.name)}`).join(' ')} --on-behalf-of ${USER}` }],
    });
  }

  // A user made from the definition file already has these; assigning them again would fail as a duplicate.
  const atCreation = permsetsAtCreation(plan);
  const permissionSets = [plan.permissionSet.fullName, ...plan.permissionSetAssignments.map((a) => a.name)];
  const afterCreation = permissionSets.filter((n) => !atCreation.includes(n));
  steps.push({
    summary: messages.getMessage('permissionSets', [permissionSets.join(', ')]),
    commands: [
      ...(afterCreation.length ? [{ command: assignPermsets(afterCreation) }] : []),
      ...(atCreation.length ? [{ command: assignPermsets(atCreation), when: messages.getMessage('when.existingUser') }] : []),
    ],
  });
  if (policy) steps.push({ summary: messages.getMessage('policy.activate', [policy.label]), commands: [] });
  return steps;
};

/** What a deploy step's summary names: the settings' labels, the policy and its user, else the components. */
const deploySummaryTokens = (plan: IntegrationUserPlan, deploy: DeployManifest): string[] => {
  if (deploy.step === 'settings' && plan.orgSettings.length > 0) return [plan.orgSettings.map((s) => s.label).join('; ')];
  if (deploy.step === 'policies' && plan.userAccessPolicy) return [plan.userAccessPolicy.label, plan.userAccessPolicy.username];
  return [deploy.components.map((c) => `${c.type} ${c.fullName}`).join(', ')];
};
