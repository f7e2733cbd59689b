import { expect } from 'chai';
import { XMLParser } from 'fast-xml-parser';
import { PERMISSION_SET, SECURITY_SETTINGS, USER_MANAGEMENT_SETTINGS, isEntry } from '../../src/metadata/schemas.js';
import { referenceFile } from '../helpers/shared.js';

type XsdElement = { name: string; type: string; minOccurs?: string; maxOccurs?: string };

/** complexType name → its sequence of elements, from the Metadata API 67.0 schema the reference folder holds. */
const complexTypes = (): Map<string, XsdElement[]> => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', removeNSPrefix: true, isArray: (name) => ['complexType', 'element'].includes(name) });
  type ComplexType = { name: string; sequence?: { element: XsdElement[] }; complexContent?: { extension: { sequence: { element: XsdElement[] } } } };
  const { schema } = parser.parse(referenceFile('metadata-permissionset.xsd')) as { schema: { complexType: ComplexType[] } };
  return new Map(
    schema.complexType.map((t) => [t.name, t.sequence?.element ?? t.complexContent?.extension.sequence.element ?? []])
  );
};

describe('element order tables match the Metadata API schema', () => {
  const types = complexTypes();

  it('PermissionSet: every element, in schema order, lists as lists', () => {
    const xsd = types.get('PermissionSet') ?? [];
    expect(PERMISSION_SET.elements.map((e) => e.name)).to.deep.equal(xsd.map((e) => e.name));
    for (const element of PERMISSION_SET.elements) {
      const declared = xsd.find((e) => e.name === element.name);
      expect(isEntry(element), element.name).to.equal(declared?.maxOccurs === 'unbounded');
    }
  });

  it('PermissionSet entries: fields in schema order, optional exactly where the schema says', () => {
    for (const element of PERMISSION_SET.elements.filter(isEntry)) {
      const declared = PERMISSION_SET_TYPES(types).get(element.name) ?? [];
      expect(element.fields, element.name).to.deep.equal(declared.map((e) => e.name));
      expect([...(element.optional ?? [])], element.name).to.deep.equal(declared.filter((e) => e.minOccurs === '0').map((e) => e.name));
      expect(element.fields, `${element.name} key`).to.include(element.key);
    }
  });

  it('SecuritySettings: top-level elements in schema order', () => {
    expect(SECURITY_SETTINGS.elements.map((e) => e.name)).to.deep.equal((types.get('SecuritySettings') ?? []).map((e) => e.name));
  });

  it('UserManagementSettings: top-level elements in schema order', () => {
    expect(USER_MANAGEMENT_SETTINGS.elements.map((e) => e.name)).to.deep.equal((types.get('UserManagementSettings') ?? []).map((e) => e.name));
  });
});

/** The entry type of each PermissionSet list element, e.g. fieldPermissions → PermissionSetFieldPermissions. */
const PERMISSION_SET_TYPES = (types: Map<string, XsdElement[]>): Map<string, XsdElement[]> =>
  new Map((types.get('PermissionSet') ?? []).map((e) => [e.name, types.get(e.type.replace(/^tns:/, '')) ?? []]));
