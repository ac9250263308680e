// Bundles an installed @numfeat package (its built dist, resolved the way a user's bundler would)
// for browsers with esbuild, and reports every Node built-in it reached instead of failing on the first.
import { builtinModules } from 'node:module';
import { build, type Plugin } from 'esbuild';

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

export interface BrowserBundle {
  bytes: number;
  /** Node built-ins the bundle imported (by whom); empty for a browser-safe package. */
  nodeImports: string[];
}

// A built-in that a dependency's package.json `browser` field maps to false (TF.js's `fs`,
// seedrandom's `crypto`: Node-only branches) resolves, for esbuild, to an empty module; only a
// built-in that esbuild cannot resolve for browsers is one the bundle really needs.
const INNER = 'record-node-builtins: inner resolve';

function recordBuiltins(found: string[]): Plugin {
  return {
    name: 'record-node-builtins',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (!NODE_BUILTINS.has(args.path) || args.pluginData === INNER) return undefined;
        const own = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: INNER });
        if (own.errors.length === 0) return undefined;
        found.push(`${args.path} (from ${args.importer})`);
        return { path: args.path, external: true };
      });
    },
  };
}

/** Minified browser bundle of `import * as m from specifier`, resolved from `resolveDir`. */
export async function bundleForBrowser(specifier: string, resolveDir: string): Promise<BrowserBundle> {
  const nodeImports: string[] = [];
  const result = await build({
    stdin: { contents: `export * from ${JSON.stringify(specifier)};`, resolveDir, loader: 'js' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    logLevel: 'silent',
    // No tsconfig lookup: the root one maps @numfeat/* to src/, and users bundle the dist.
    tsconfigRaw: '{}',
    plugins: [recordBuiltins(nodeImports)],
  });
  return { bytes: result.outputFiles[0].contents.byteLength, nodeImports };
}
