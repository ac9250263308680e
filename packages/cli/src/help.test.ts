import { describe, expect, it } from 'vitest';
import { commands } from './commands/index.js';

/** Flags a help text documents: "--name" at the start of an option line. */
function documentedFlags(help: string): string[] {
  return [...help.matchAll(/^\s+(--[\w-]+)/gm)].map((m) => m[1].slice(2)).filter((f) => f !== 'help' && f !== 'debug');
}

describe('each command documents exactly the flags its parser accepts', () => {
  for (const [name, load] of Object.entries(commands)) {
    it(name, async () => {
      const command = (await load()).default;
      expect(command.options, `${name} declares its options`).toBeDefined();
      expect(documentedFlags(command.help).sort()).toEqual(Object.keys(command.options!).sort());
      // Flags named in running text (like "every --eval-every tokens") must exist too.
      // Flags after "numfeat <other command>" on a line belong to that command (examples, cross-references).
      const own = command.help.split('\n').map((l) => l.replace(new RegExp(`numfeat (?!${name}\\b)\\w+.*$`), '')).join('\n');
      for (const m of own.matchAll(/--([a-zA-Z][\w-]*)/g)) {
        expect(Object.keys(command.options!).concat('help', 'debug'), `--${m[1]} in ${name} --help`).toContain(m[1]);
      }
    });
  }
});
