import { numfeatTsup } from '../../tsup.base';

// Two entries: the full Node API, and dist/browser.js (the `browser` export condition) with only
// the byte parsers, so a browser bundle never meets node:fs.
export default numfeatTsup({ entry: ['src/index.ts', 'src/browser.ts'] });
