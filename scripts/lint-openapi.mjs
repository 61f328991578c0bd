// `pnpm lint:openapi`: dumps the OpenAPI document the API serves and lints it
// with Redocly's `recommended` rules (redocly.yaml). No database needed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './lib/database.mjs';

const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
const run = (args) => spawnSync('pnpm', args, { cwd: repoRoot, stdio: 'inherit', env }).status ?? 1;

const dir = mkdtempSync(path.join(os.tmpdir(), 'gestco-openapi-'));
const spec = path.join(dir, 'openapi.json');
let status = run(['--filter', '@gestco/api', 'exec', 'tsx', 'scripts/dump-openapi.ts', spec]);
if (status === 0) {
  status = run(['exec', 'redocly', 'lint', spec, '--config', path.join(repoRoot, 'redocly.yaml')]);
} else {
  console.error('Could not build the OpenAPI document (see above).');
}
rmSync(dir, { recursive: true, force: true });
process.exit(status);
