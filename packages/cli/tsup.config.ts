import { numfeatTsup } from '../../tsup.base';

export default numfeatTsup({ entry: ['src/index.ts', 'src/bin.ts'] });
