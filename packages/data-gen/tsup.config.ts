import { numfeatTsup } from '../../tsup.base';

// shims: the CJS build needs import.meta.url (used to locate the corpus packages).
export default numfeatTsup({ shims: true });
