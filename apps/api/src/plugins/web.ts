import { existsSync } from 'node:fs';
import path from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { routeNotFound } from './errors.ts';

/** Serves the built SPA on the same origin; unknown non-API paths get index.html (/q/* gets q.html). */
export default fp<{ root: string }>(
  async (app, opts) => {
    if (!existsSync(path.join(opts.root, 'index.html'))) {
      app.log.warn({ root: opts.root }, 'SPA build not found; serving the API only');
      app.setNotFoundHandler(routeNotFound);
      return;
    }
    await app.register(fastifyStatic, {
      root: opts.root,
      wildcard: false,
      index: false,
      // Vite fingerprints everything under /assets: cache it for a year.
      setHeaders: (res, file) =>
        res.setHeader(
          'cache-control',
          file.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        ),
    });
    // The public quick-order page (/q/<token>) is its own small entry, without the staff app.
    const quickOrderPage = existsSync(path.join(opts.root, 'q.html')) ? 'q.html' : 'index.html';
    app.setNotFoundHandler((request, reply) => {
      if (request.url.startsWith('/api/') || request.method !== 'GET')
        return routeNotFound(request, reply);
      const page = request.url.startsWith('/q/') ? quickOrderPage : 'index.html';
      return reply.header('cache-control', 'no-cache').sendFile(page);
    });
  },
  { name: 'web' },
);
