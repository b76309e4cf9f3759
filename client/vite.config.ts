import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** The most JavaScript (gzip) a first visit may download before the app can draw. */
const INITIAL_JS_BUDGET_KB = 300;

/**
 * After a build, prints the initial JavaScript (the entry chunk and everything it imports
 * statically) and each lazily loaded chunk, gzip-compressed; fails the build over the budget.
 */
function sizeBudget(): Plugin {
  return {
    name: 'tongxin-size-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map(
        Object.values(bundle)
          .filter((c) => c.type === 'chunk')
          .map((c) => [c.fileName, c]),
      );
      const kb = (code: string) => gzipSync(code).length / 1024;
      const initial = new Set<string>();
      const visit = (name: string) => {
        if (initial.has(name)) return;
        initial.add(name);
        for (const dep of chunks.get(name)?.imports ?? []) visit(dep);
      };
      for (const c of chunks.values()) if (c.isEntry) visit(c.fileName);
      const total = [...initial].reduce((sum, n) => sum + kb(chunks.get(n)!.code), 0);
      const lazy = [...chunks.values()].filter((c) => !initial.has(c.fileName));
      const lines = [
        `initial JS: ${total.toFixed(1)} KB gzip (budget ${INITIAL_JS_BUDGET_KB} KB) in ${initial.size} chunk(s)`,
        ...lazy
          .map((c) => [c.name, kb(c.code)] as const)
          .sort((a, b) => b[1] - a[1])
          .map(([name, size]) => `  lazy ${name}: ${size.toFixed(1)} KB gzip`),
      ];
      this.info(`\n${lines.join('\n')}`);
      if (total > INITIAL_JS_BUDGET_KB) {
        this.error(`initial JS is ${total.toFixed(1)} KB gzip, over the ${INITIAL_JS_BUDGET_KB} KB budget`);
      }
    },
  };
}

const api = process.env.TONGXIN_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react(), sizeBudget()],
  server: {
    port: 5173,
    // Dev mode: the API, Socket.IO and the Yjs endpoint stay on the Node server.
    proxy: {
      '/api': api,
      '/socket.io': { target: api, ws: true },
      '/yjs': { target: api, ws: true },
    },
  },
  build: {
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Zod and the line that configures it (src/lib/zodConfig.ts) in one chunk, so the
          // configuration runs before any chunk defines a schema; see zodConfig.ts.
          groups: [{ name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]|[\\/]src[\\/]lib[\\/]zodConfig\.ts$/ }],
        },
      },
    },
    reportCompressedSize: true,
    // The budget that matters is the initial JS, gzip (sizeBudget above); this only warns on minified size.
    chunkSizeWarningLimit: 1000,
  },
});
