import { numfeatTsup } from '../../tsup.base';

// Two entries: the full API, and `@numfeat/plot/svg` with only the pure SVG/text functions
// (no node:fs, no resvg) for browsers.
export default numfeatTsup({ entry: ['src/index.ts', 'src/svg.ts'] });
