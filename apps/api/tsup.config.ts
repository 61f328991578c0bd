import { defineConfig } from 'tsup';

// Bundles the API (and the contract it imports as TypeScript source) into dist/.
export default defineConfig({
  entry: ['src/server.ts', 'src/worker.ts'],
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  sourcemap: true,
  noExternal: ['@gestco/contract'],
});
