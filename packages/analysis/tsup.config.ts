import { numfeatTsup } from '../../tsup.base';

export default numfeatTsup();
