import react from '@vitejs/plugin-react';
import type { Connect, Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const srcDir = new URL('./src', import.meta.url).pathname;
const page = (name: string) => new URL(`./${name}`, import.meta.url).pathname;

/**
 * The public quick-order page (/q/:token) is its own entry, q.html, so a client's
 * phone never downloads the staff app. In production the API serves q.html for
 * /q/*; this does the same for `vite` and `vite preview`.
 */
function quickOrderPage(): Plugin {
  const rewrite: Connect.NextHandleFunction = (request, _response, next) => {
    if (request.url?.startsWith('/q/')) request.url = '/q.html';
    next();
  };
  return {
    name: 'gestco-quick-order-page',
    configureServer: (server) => void server.middlewares.use(rewrite),
    configurePreviewServer: (server) => void server.middlewares.use(rewrite),
  };
}

export default defineConfig({
  plugins: [react(), quickOrderPage()],
  // The API serves dist/ with an SPA fallback, so assets must resolve from the root on deep links.
  base: '/',
  resolve: { alias: { '@': srcDir } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      input: { main: page('index.html'), q: page('q.html') },
      treeshake: {
        /*
         * The contract only declares things (schemas, constants, pure functions): a page
         * that takes `computeTotals` from it must not get every schema and typebox too.
         */
        moduleSideEffects: [{ test: /\/packages\/contract\/src\//, sideEffects: false }],
      },
    },
  },
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
