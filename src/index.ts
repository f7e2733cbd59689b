export type { VendorProfile } from './profiles/types.js';
export { BUILT_IN_PROFILES, findProfile } from './profiles/index.js';
export { resolvePlan } from './resolve/resolve.js';
export { generate } from './generate.js';
