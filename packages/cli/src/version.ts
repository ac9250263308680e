import pkg from '../package.json';

/** The package version, inlined at build time. */
export const VERSION: string = pkg.version;
