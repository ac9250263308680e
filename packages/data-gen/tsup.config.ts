import { numfeatTsup } from '../../tsup.base';

// Two entries: the full Node API, and dist/browser.js (the `browser` export condition) without the
// bundled real corpus, so a browser bundle never meets node:fs. shims: the CJS build needs
// import.meta.url (used to locate the corpus packages).
export default numfeatTsup({ entry: ['src/index.ts', 'src/browser.ts'], shims: true });
