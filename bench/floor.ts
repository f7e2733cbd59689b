/**
 * The hand-written floor of a permission set, shared by the render scenario (bench/render.ts, from the plan) and the
 * end-to-end floors (bench/child.ts, from a profile file). It imports nothing of the product at run time: the child
 * process loads it through Node's type stripping, which can't load src/.
 */
import type { PlannedPermissionSet } from '../src/resolve/model.js';

/** What the floor writes from: the plan's lists, with only the fields it spells out. */
export type HandWrittenSet = Pick<PlannedPermissionSet, 'description' | 'label'> & {
  fieldPermissions: ReadonlyArray<Pick<PlannedPermissionSet['fieldPermissions'][number], 'field' | 'editable' | 'readable'>>;
  objectPermissions: ReadonlyArray<Pick<PlannedPermissionSet['objectPermissions'][number], 'object' | 'access'>>;
  userPermissions: ReadonlyArray<Pick<PlannedPermissionSet['userPermissions'][number], 'name'>>;
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/**
 * The floor: the same bytes as the rendered permission set, written by hand as one array of strings
 * joined once, knowing the shape in advance (no schema, no template, no checks).
 */
export const handWrittenPermissionSet = (planned: HandWrittenSet): string => {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">\n'];
  out.push(`    <description>${esc(planned.description)}</description>\n`);
  for (const f of planned.fieldPermissions) {
    out.push(
      `    <fieldPermissions>\n        <editable>${f.editable}</editable>\n        <field>${esc(f.field)}</field>\n        <readable>${f.readable}</readable>\n    </fieldPermissions>\n`
    );
  }
  out.push(`    <hasActivationRequired>false</hasActivationRequired>\n    <label>${esc(planned.label)}</label>\n`);
  for (const o of planned.objectPermissions) {
    const a = o.access;
    out.push(
      `    <objectPermissions>\n        <allowCreate>${a.allowCreate}</allowCreate>\n        <allowDelete>${a.allowDelete}</allowDelete>\n        <allowEdit>${a.allowEdit}</allowEdit>\n        <allowRead>${a.allowRead}</allowRead>\n        <modifyAllRecords>${a.modifyAllRecords}</modifyAllRecords>\n        <object>${esc(o.object)}</object>\n        <viewAllFields>false</viewAllFields>\n        <viewAllRecords>${a.viewAllRecords}</viewAllRecords>\n    </objectPermissions>\n`
    );
  }
  for (const p of planned.userPermissions) out.push(`    <userPermissions>\n        <enabled>true</enabled>\n        <name>${esc(p.name)}</name>\n    </userPermissions>\n`);
  out.push('</PermissionSet>\n');
  return out.join('');
};


