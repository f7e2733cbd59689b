import { Messages } from '@salesforce/core';
import type { IntegrationUserPlan } from './resolve/model.js';
import { permsetsAtCreation } from './render/user-definition.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('plugin-integration-user', 'next-steps');

/** One step of the deploy, in the order it must happen, with the commands that do it. */
export type NextStep = { summary: string; commands: string[] };

const USER = '<integration-user-username>';

const quoted = (value: string): string => (/^[\w./-]+$/.test(value) ? value : `"${value}"`);

/** Deploy order: org preferences, then the permission set, then the user, its licenses, its permission sets. */
export const nextSteps = (
  plan: IntegrationUserPlan,
  files: { permissionSetFile: string; settingsFile?: string; userDefinitionFile: string }
): NextStep[] => {
  const steps: NextStep[] = [];
  if (files.settingsFile) {
    steps.push({
      summary: messages.getMessage('settings', [plan.orgSettings.map((s) => s.label).join('; ')]),
      commands: [`sf project deploy start --source-dir ${quoted(files.settingsFile)}`],
    });
  }
  steps.push({
    summary: messages.getMessage('permissionSet', [plan.permissionSet.fullName]),
    commands: [`sf project deploy start --source-dir ${quoted(files.permissionSetFile)}`],
  });

  const license = plan.userProfile.userLicense ? ` ${messages.getMessage('user.license', [plan.userProfile.userLicense])}` : '';
  const userFields = plan.userFields.map((f) => `${f.field}=${String(f.value)}`).join(' ');
  steps.push({
    summary: messages.getMessage('user', [plan.userProfile.name ?? '', license]),
    commands: [
      `sf org create user --definition-file ${quoted(files.userDefinitionFile)}`,
      ...(userFields ? [`sf data update record --sobject User --where "Username='${USER}'" --values "${userFields}"`] : []),
    ],
  });

  if (plan.permissionSetLicenses.length > 0) {
    steps.push({
      summary: messages.getMessage('licenses', [plan.permissionSetLicenses.map((l) => l.label).join(', ')]),
      commands: [`sf org assign permsetlicense ${plan.permissionSetLicenses.map((l) => `--name ${quoted(l.name)}`).join(' ')} --on-behalf-of ${USER}`],
    });
  }

  const atCreation = permsetsAtCreation(plan);
  const afterLicense = plan.permissionSetAssignments.filter((a) => a.requiresLicense).map((a) => a.name);
  steps.push({
    summary: messages.getMessage('permissionSets', [atCreation.join(', ')]),
    commands: [`sf org assign permset ${[...atCreation, ...afterLicense].map((n) => `--name ${quoted(n)}`).join(' ')} --on-behalf-of ${USER}`],
  });
  return steps;
};
