import { numfeatTsup } from '../../tsup.base';

// shims: the CJS build gets a working import.meta.url (used to resolve an installed tfjs-node).
export default numfeatTsup({ entry: ['src/index.ts', 'src/core.ts'], shims: true });
