import { numfeatTsup } from '../../tsup.base';

// Two entries: the full Node API, and dist/browser.js (the `browser` export condition) without
// writeFigures, so a browser bundle never meets node:fs or resvg.
export default numfeatTsup({ entry: ['src/index.ts', 'src/browser.ts'] });
