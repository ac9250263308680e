// Writes docs/data.md (repo root). Run: cd packages/data-gen && pnpm run write-docs
import { writeFileSync } from 'node:fs';
import { renderDataDocs } from './data-docs.js';

writeFileSync('../../docs/data.md', renderDataDocs());
console.log('wrote docs/data.md');
