import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { chromium, type Browser } from 'playwright-core';

/**
 * The real stack as `pnpm start` serves it: the built API (apps/api/dist) serving
 * the built SPA (apps/web/dist) on one port, on a fresh database, driven by
 * Debian's Chromium.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const serverUrl = (process.env['TEST_DATABASE_URL'] ?? 'mysql://root@127.0.0.1:3306').replace(
  /\/$/,
  '',
);

export const ADMIN = { email: 'admin@e2e.gestco.fr', password: 'e2e-admin-password' };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export interface Stack {
  baseUrl: string;
  browser: Browser;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** More Chromium switches, e.g. a fake camera fed from a file for the scan test. */
  browserArgs?: string[];
  /**
   * Runs once the server answers and before Chromium starts (the scan test writes the order's
   * QR into the fake camera's file there, before a browser can open it).
   */
  beforeBrowser?: (baseUrl: string) => Promise<void>;
}

/**
 * The server's PUBLIC_URL is the base URL the browser uses, so the flashcodes it
 * draws (PUBLIC_URL/s/o/…) point back at this very stack and resolve as its own.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  for (const built of ['apps/api/dist/server.js', 'apps/web/dist/index.html']) {
    if (!existsSync(path.join(root, built)))
      throw new Error(`${built} missing: run \`pnpm build\` first (pnpm test does it)`);
  }
  const database = `gestco_e2e_${randomBytes(4).toString('hex')}`;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(process.execPath, ['apps/api/dist/server.js'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: baseUrl,
      DATABASE_URL: `${serverUrl}/${database}`,
      GESTCO_ADMIN_EMAIL: ADMIN.email,
      GESTCO_ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/api/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server not ready after 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  await options.beforeBrowser?.(baseUrl);
  const browser = await chromium.launch({
    executablePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...(options.browserArgs ?? []),
    ],
  });
  return {
    baseUrl,
    browser,
    async stop() {
      await browser.close();
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      const conn = await mysql.createConnection({ uri: serverUrl });
      await conn.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await conn.end();
    },
  };
}
