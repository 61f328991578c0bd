// The public quick-order page's weight (issue 8: a client's phone, maybe on a slow
// network). Reads the built q.html in apps/web/dist, follows its script and
// modulepreload tags and each chunk's static imports, and prints every JS file the
// page loads with its raw and gzip size. Builds nothing: run `pnpm --filter
// @gestco/web build` first. Not part of `pnpm test`.
//
//   node bench/quick-order-page.mjs                 sizes only
//   node bench/quick-order-page.mjs --lighthouse    also a Lighthouse mobile performance run:
//       starts the built API (apps/api/dist) on a throwaway database with a client, a
//       catalogue and a link, and runs `npx lighthouse@12` (Node 18.20+; v13 needs
//       Node 22) with Debian's Chromium. Set LIGHTHOUSE_URL to audit a running page instead.
//   BENCH_PRODUCTS=200 LIGHTHOUSE_RUNS=3 CHROME_PATH=/usr/bin/chromium LIGHTHOUSE_VERSION=12.8.2
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'apps/web/dist');
const TARGET_GZIP_KB = 60;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

// ---------------------------------------------------------------------------
// JS weight

function pageAssets() {
  const html = readFileSync(path.join(dist, 'q.html'), 'utf8');
  const attr = (tag, name) => new RegExp(`${name}="([^"]+)"`).exec(tag)?.[1];
  const tags = html.match(/<(script|link)\b[^>]*>/g) ?? [];
  const entry = tags.filter((tag) => tag.startsWith('<script')).map((tag) => attr(tag, 'src'));
  const preloads = tags
    .filter((tag) => /rel="modulepreload"/.test(tag))
    .map((tag) => attr(tag, 'href'));
  const styles = tags.filter((tag) => /rel="stylesheet"/.test(tag)).map((tag) => attr(tag, 'href'));
  // Follow the chunks' imports too, static and dynamic (the entry loads React lazily):
  // everything the page fetches to become usable counts.
  const seen = new Set();
  const queue = [...entry, ...preloads].filter(Boolean);
  while (queue.length > 0) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    const code = readFileSync(path.join(dist, url), 'utf8');
    const imports = [
      ...code.matchAll(/(?:^|[;}\s])import\s*(?:[^'"`;]*?from\s*)?["'`]([^"'`]+\.js)["'`]/g),
      ...code.matchAll(/import\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g),
    ].map(([, specifier]) => path.posix.join(path.posix.dirname(url), specifier));
    // Vite's preload list for dynamic imports: root-relative "assets/x.js" names.
    const mapped = [...code.matchAll(/m\.f=\[([^\]]*)\]/g)].flatMap(([, list]) =>
      [...list.matchAll(/["'`]([^"'`]+\.js)["'`]/g)].map(([, file]) => `/${file}`),
    );
    queue.push(...imports, ...mapped);
  }
  return { scripts: [...seen], styles, entry };
}

function weigh(files) {
  return files.map((file) => {
    const bytes = readFileSync(path.join(dist, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
}

function printSizes() {
  if (!existsSync(path.join(dist, 'q.html'))) {
    console.error('apps/web/dist/q.html missing: run `pnpm --filter @gestco/web build` first.');
    process.exit(1);
  }
  const { scripts, styles } = pageAssets();
  const js = weigh(scripts);
  const css = weigh(styles);
  const width = Math.max(...[...js, ...css].map((row) => row.file.length));
  console.log('The /q/:token page loads:');
  for (const row of [...js, ...css])
    console.log(
      `  ${row.file.padEnd(width)}  ${kb(row.raw).padStart(9)}  gzip ${kb(row.gzip).padStart(8)}`,
    );
  const total = js.reduce((sum, row) => sum + row.gzip, 0);
  console.log(
    `  JS total: ${kb(js.reduce((sum, row) => sum + row.raw, 0))}, gzip ${kb(total)} ` +
      `(target < ${TARGET_GZIP_KB} kB); CSS gzip ${kb(css.reduce((s, r) => s + r.gzip, 0))}`,
  );
  const staff = scripts.filter((file) => /\/main-[^/]*\.js$/.test(file));
  if (staff.length > 0) console.log(`  ✗ loads the staff app: ${staff.join(', ')}`);
  return { js, total };
}

// ---------------------------------------------------------------------------
// Lighthouse (optional)

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });

async function withSeededStack(run) {
  if (!existsSync(path.join(root, 'apps/api/dist/server.js'))) {
    console.error('apps/api/dist/server.js missing: run `pnpm --filter @gestco/api build` first.');
    process.exit(1);
  }
  const serverUrl = (process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306').replace(
    /\/$/,
    '',
  );
  const database = `gestco_bench_quick_order_${randomBytes(3).toString('hex')}`;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const admin = { email: 'bench@gestco.fr', password: 'bench-password-123' };
  const server = spawn(process.execPath, ['apps/api/dist/server.js'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: baseUrl,
      DATABASE_URL: `${serverUrl}/${database}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      GESTCO_ADMIN_EMAIL: admin.email,
      GESTCO_ADMIN_PASSWORD: admin.password,
      LOG_LEVEL: 'warn',
      SENDGRID_API_KEY: '',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error('the API exited');
      if (
        await fetch(`${baseUrl}/api/ready`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (Date.now() > deadline) throw new Error('the API is not ready after 60 s');
      await new Promise((r) => setTimeout(r, 200));
    }
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(admin),
    });
    const { accessToken } = await login.json();
    const api = async (method, url, body) => {
      const response = await fetch(`${baseUrl}/api/v1${url}`, {
        method,
        headers: {
          Authorization: `Bearer ${accessToken}`,
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      if (!response.ok)
        throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
      return response.json();
    };
    // A realistic small-business catalogue, a client in dollars with a discount, their link.
    const settings = await api('GET', '/settings');
    await api('PUT', '/settings/currencies', {
      version: settings.currencies.version,
      value: { rates: [{ currency: 'USD', rate: '1.10' }] },
    });
    const products = Number(process.env.BENCH_PRODUCTS ?? 200);
    const categories = ['Farines', 'Levures', 'Sucres', 'Emballages', 'Matériel'];
    for (let i = 1; i <= products; i++) {
      await api('POST', '/products', {
        sku: `QO-${String(i).padStart(4, '0')}`,
        name: `Produit ${i} — ${categories[i % categories.length]}`,
        description: 'Description courte du produit, telle qu’un catalogue la donne.',
        category: categories[i % categories.length],
        unitPrice: 500 + ((i * 137) % 5000),
        vatRate: i % 3 === 0 ? '5.5' : '20',
      });
    }
    const client = await api('POST', '/clients', {
      name: 'Bakery Smith Ltd',
      email: 'orders@bakery-smith.example',
      phone: '+33611223355',
      status: 'current',
      language: 'en',
      currency: 'USD',
      discountRate: '10',
    });
    const { url } = await api('POST', `/clients/${client.id}/quick-links`, { label: 'Bench' });
    return await run(url);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    const apiRequire = createRequire(new URL('../apps/api/package.json', import.meta.url));
    const mysql = apiRequire('mysql2/promise');
    const conn = await mysql.createConnection({ uri: serverUrl });
    await conn.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await conn.end();
  }
}

function lighthouse(url) {
  const version = process.env.LIGHTHOUSE_VERSION ?? '12.8.2';
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'gestco-lh-')), 'report.json');
  const chromeFlags = [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ].join(' ');
  console.log(
    `\nLighthouse ${version} (mobile, simulated throttling) on ${url.replace(/\/q\/.*/, '/q/…')}`,
  );
  const result = spawnSync(
    'npx',
    [
      '--yes',
      `lighthouse@${version}`,
      url,
      '--quiet',
      '--only-categories=performance',
      '--form-factor=mobile',
      `--chrome-flags=${chromeFlags}`,
      '--output=json',
      `--output-path=${out}`,
    ],
    {
      cwd: tmpdir(),
      stdio: 'inherit',
      env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
    },
  );
  if (result.status !== 0 || !existsSync(out)) {
    console.log(`  Lighthouse did not run (exit ${result.status}).`);
    return undefined;
  }
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const audit = (id) => report.audits[id]?.displayValue ?? '—';
  const score = Math.round(report.categories.performance.score * 100);
  console.log(`  performance score: ${score}`);
  for (const [id, name] of [
    ['first-contentful-paint', 'FCP'],
    ['largest-contentful-paint', 'LCP'],
    ['total-blocking-time', 'TBT'],
    ['cumulative-layout-shift', 'CLS'],
    ['speed-index', 'Speed Index'],
    ['total-byte-weight', 'transfer'],
  ])
    console.log(`  ${name.padEnd(12)} ${audit(id)}`);
  console.log(`  report: ${out}`);
  return score;
}

/** Lighthouse's CPU-bound figures swing with the machine's load: run a few times, keep the median. */
function lighthouseRuns(url) {
  const runs = Math.max(Number(process.env.LIGHTHOUSE_RUNS ?? 3), 1);
  const scores = [];
  for (let i = 0; i < runs; i++) {
    const score = lighthouse(url);
    if (score !== undefined) scores.push(score);
  }
  if (scores.length === 0) return;
  scores.sort((a, b) => a - b);
  console.log(
    `\nPerformance scores: ${scores.join(', ')}; median ${scores[Math.floor(scores.length / 2)]}`,
  );
}

printSizes();
if (process.argv.includes('--lighthouse')) {
  if (process.env.LIGHTHOUSE_URL) lighthouseRuns(process.env.LIGHTHOUSE_URL);
  else await withSeededStack(async (url) => lighthouseRuns(url));
}
