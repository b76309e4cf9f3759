// Compiles the server for production: one ESM bundle in dist/ from src/main.ts, with the
// workspace's own TypeScript packages (@tongxin/shared, @tongxin/mongo-emulator) bundled in and
// every npm dependency left as an import that Node resolves from node_modules at run time. So
// `pnpm start` runs plain JavaScript: nothing is transpiled at start or while serving. Dynamic
// imports (the emulator, exports, mongodb-memory-server) stay separate chunks, loaded on first use.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';

// Node resolves the bundle's imports from server/node_modules, so every npm package the bundled
// code imports — the server's own and those of the workspace packages bundled in — must be a
// dependency of the server: the build fails naming any that is not, rather than the start later.
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const declared = new Set(Object.keys(pkg.dependencies ?? {}));
const packageName = (spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
const builtin = (spec) => spec.startsWith('node:') || builtinModules.includes(packageName(spec));
const undeclared = new Set();

const outdir = new URL('../dist/', import.meta.url).pathname;
await rm(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: new URL('..', import.meta.url).pathname,
  entryPoints: ['src/main.ts'],
  outdir,
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // dist/ sits beside src/, so paths built from import.meta.url ('../../client/dist',
  // '../../package.json') mean the same in both.
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  plugins: [
    {
      name: 'npm-packages-external',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => {
          if (args.path.startsWith('@tongxin/')) return undefined;
          if (!builtin(args.path) && !declared.has(packageName(args.path))) undeclared.add(`${packageName(args.path)} (imported by ${args.importer})`);
          return { path: args.path, external: true };
        });
        b.onEnd(() => {
          if (undeclared.size) {
            throw new Error(`add to server/package.json's dependencies: ${[...undeclared].join(', ')}`);
          }
        });
      },
    },
  ],
});
