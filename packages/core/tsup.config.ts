import { numfeatTsup } from '../../tsup.base';

// No shims: core must bundle for browsers, so its build may not pull in Node built-ins.
export default numfeatTsup({ platform: 'neutral' });
