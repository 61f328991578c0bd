import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const srcDir = new URL('./src', import.meta.url).pathname;

export default defineConfig({
  plugins: [react()],
  // The API serves dist/ with an SPA fallback, so assets must resolve from the root on deep links.
  base: '/',
  resolve: { alias: { '@': srcDir } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/testing/setup-tests.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
