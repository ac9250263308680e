import { fileURLToPath } from 'node:url';

/**
 * A file shipped at the package root (profiles/, paper-values.json). This module sits one level
 * below the root both as source (src/) and bundled (dist/), so '../' reaches the root from either.
 */
export const packageFile = (name: string): string => fileURLToPath(new URL(`../${name}`, import.meta.url));
