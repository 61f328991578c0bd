import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './database.mjs';

/**
 * `turbo run build` for what `pnpm start` serves and the browser tests drive:
 * the API and the SPA (skipped while apps/web does not exist; turbo itself
 * skips a package without a build script). Turbo caches, so this is cheap
 * when nothing changed.
 */
export function buildArgs() {
  const filters = ['api', 'web']
    .filter((app) => existsSync(path.join(repoRoot, 'apps', app, 'package.json')))
    .flatMap((app) => ['--filter', `@gestco/${app}`]);
  return ['turbo', 'run', 'build', ...filters, '--output-logs=errors-only'];
}
