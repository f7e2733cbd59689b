import type { Finding } from '../findings.js';

const rank = (f: Finding): number => (f.review ? 2 : 0) + (f.tier === 'required' ? 0 : 1);

/** Names that differ only in how a page words them: "HubSpot Integration Permission set" and "HubSpot Integration Permissions". */
const keyOf = (f: Finding): string => {
  const squashed = f.name.toLowerCase().replace(/[^a-z0-9.*]/g, '');
  if (f.kind === 'permissionSet') return `${f.kind}:${squashed.replace(/(permissionsets?|permissions?)$/, '')}`;
  if (f.kind === 'license') return `${f.kind}:${f.off ? 'off:' : ''}${squashed.replace(/user$/, '')}`;
  if (f.kind === 'objectPermission') return `${f.kind}:${squashed}:${f.tier}:${f.condition ?? ''}:${f.review ? 'review' : ''}`;
  return `${f.kind}:${squashed}`;
};

/**
 * One finding per thing the page asks for. A name the page repeats keeps its strongest tier (required
 * before recommended, a valid item before one for review) and the first line that states it; object
 * permissions are kept per tier and condition, their access joined; a field is editable where any line says so.
 */
export const mergeFindings = (findings: Finding[]): Finding[] => {
  const byKey = new Map<string, Finding>();
  for (const finding of findings) {
    const key = keyOf(finding);
    const kept = byKey.get(key);
    if (!kept) {
      byKey.set(key, { ...finding });
      continue;
    }
    const merged = rank(finding) < rank(kept) ? { ...finding } : kept;
    if (finding.kind === 'objectPermission' && kept.access && finding.access) {
      merged.access = [...new Set([...kept.access, ...finding.access])];
    }
    if (finding.kind === 'fieldPermission') merged.editable = Boolean(kept.editable) || Boolean(finding.editable);
    if (finding.kind === 'permissionSet') {
      merged.create = Boolean(kept.create) || Boolean(finding.create);
      if (finding.name.length > merged.name.length && !/permission set$/i.test(finding.name)) merged.name = finding.name;
    }
    if (finding.kind === 'license' && finding.name.length > merged.name.length) merged.name = finding.name;
    byKey.set(key, merged);
  }
  return [...byKey.values()];
};
