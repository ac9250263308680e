// Preloaded with `node --import` by scripts/bad-inputs.test.ts: reports the process's peak RSS
// (KiB) on fd 3 when it exits, however it exits.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  try {
    writeSync(3, String(process.resourceUsage().maxRSS));
  } catch {
    /* fd 3 not open: run outside the test */
  }
});
