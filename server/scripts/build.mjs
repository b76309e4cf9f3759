// Compiles the server for production: one ESM bundle in dist/ from src/main.ts, with the
// workspace's own TypeScript packages (@tongxin/shared, @tongxin/mongo-emulator) bundled in and
// every npm dependency left as an import that Node resolves from node_modules at run time. So
// `pnpm start` runs plain JavaScript: nothing is transpiled at start or while serving. Dynamic
// imports (the emulator, exports, mongodb-memory-server) stay separate chunks, loaded on first use.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

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
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('@tongxin/') ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});
