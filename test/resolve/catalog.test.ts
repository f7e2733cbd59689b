import { expect } from 'chai';
import { BUILT_IN_PROFILES } from '../../src/profiles/index.js';
import type { VendorProfile } from '../../src/profiles/types.js';
import { grax } from '../../src/profiles/vendors/grax.js';
import { bundledCatalog, createCatalog, findUnknownPermissions, unknownPermissionsError } from '../../src/resolve/catalog.js';

describe('permission catalog', () => {
  const catalog = bundledCatalog();

  it('knows every API name of data/user-permissions.tsv with its label', () => {
    expect(catalog.has('ManageInteraction')).to.equal(true);
    expect(catalog.label('ManageInteraction')).to.equal('Manage Flow');
    expect(catalog.has('Manage Flow')).to.equal(false);
    expect(catalog.has('apienabled')).to.equal(false);
  });

  it('suggests the API name for a label', () => {
    expect(catalog.suggest('Manage Flow')[0]).to.equal('ManageInteraction');
    expect(catalog.suggest('API Enabled')[0]).to.equal('ApiEnabled');
    expect(catalog.suggest('View All Data')[0]).to.equal('ViewAllData');
  });

  it('suggests the right case for a case slip', () => {
    expect(catalog.suggest('apienabled')[0]).to.equal('ApiEnabled');
    expect(catalog.suggest('MODIFYALLDATA')[0]).to.equal('ModifyAllData');
  });

  it('suggests near misses: a letter missing, doubled, swapped or wrong', () => {
    expect(catalog.suggest('ApiEnabld')[0]).to.equal('ApiEnabled');
    expect(catalog.suggest('ModifyAllDate')[0]).to.equal('ModifyAllData');
    expect(catalog.suggest('ViewAllDtaa')[0]).to.equal('ViewAllData');
    expect(catalog.suggest('QueryAllFile')[0]).to.equal('QueryAllFiles');
  });

  it('knows the permissions an org preference brings, which the table lacks', () => {
    expect(catalog.label('CreateAuditFields')).to.equal('Set Audit Fields upon Record Creation');
    expect(catalog.suggest('Update Records with Inactive Owners')[0]).to.equal('UpdateWithInactiveOwner');
  });

  it('suggests nothing for a name nowhere near a permission', () => {
    expect(catalog.suggest('Xyzzy Plugh Frobnicate')).to.deep.equal([]);
    expect(catalog.suggest('')).to.deep.equal([]);
  });

  it('orders suggestions by closeness, then by name, and caps them', () => {
    const small = createCatalog([
      { name: 'ManageUsers', label: 'Manage Users' },
      { name: 'ManageUsersAll', label: 'Manage All Users' },
      { name: 'ManageUser', label: 'Manage User' },
    ]);
    expect(small.suggest('ManageUsers')).to.deep.equal(['ManageUsers', 'ManageUser', 'ManageUsersAll']);
    expect(small.suggest('ManageUsers', 1)).to.deep.equal(['ManageUsers']);
  });

  it('finds no unknown names in the built-in profiles', () => {
    for (const profile of BUILT_IN_PROFILES) expect(findUnknownPermissions(profile), profile.id).to.deep.equal([]);
  });

  it('names each unknown permission by its place in the profile, variants included', () => {
    const [first] = grax.userPermissions ?? [];
    const profile: VendorProfile = {
      ...grax,
      userPermissions: [first, { ...first, name: 'Manage Flow' }],
      variants: [{ id: 'x', summary: 'x', source: first.source, userPermissions: [{ ...first, name: 'apienabled' }] }],
    };
    const unknown = findUnknownPermissions(profile);
    expect(unknown.map((u) => [u.path, u.name, u.suggestions[0]])).to.deep.equal([
      ['userPermissions[1].name', 'Manage Flow', 'ManageInteraction'],
      ['variants[0].userPermissions[0].name', 'apienabled', 'ApiEnabled'],
    ]);
    const error = unknownPermissionsError(unknown, 'grax');
    expect(error.name).to.equal('UnknownPermissionsError');
    expect(error.message).to.include('"grax"').and.include('2 user permission');
    const actions = (error as Error & { actions?: string[] }).actions?.join('\n') ?? '';
    expect(actions).to.include('userPermissions[1].name: "Manage Flow" is unknown; did you mean ManageInteraction (Manage Flow)');
    expect(actions).to.include('variants[0].userPermissions[0].name: "apienabled" is unknown; did you mean ApiEnabled (API Enabled)');
  });

  it('accepts names an org knows when the org decides', () => {
    const [first] = grax.userPermissions ?? [];
    const profile: VendorProfile = { ...grax, userPermissions: [{ ...first, name: 'BrandNewPermission' }], variants: [] };
    expect(findUnknownPermissions(profile)).to.have.length(1);
    expect(findUnknownPermissions(profile, (name) => name === 'BrandNewPermission')).to.deep.equal([]);
  });
});
