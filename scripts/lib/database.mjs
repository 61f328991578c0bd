// Finds a MySQL/MariaDB server for `pnpm start` and `pnpm test`, or starts a
// private MariaDB under <repo>/.data/mariadb when none answers and the server
// binaries are installed. Plain Node; mysql2 is borrowed from apps/api.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_DATABASE_URL = 'mysql://root@127.0.0.1:3306/gestco';

const PRIVATE_DIR = path.join(repoRoot, '.data', 'mariadb');
const PRIVATE_LOG = path.join(repoRoot, '.data', 'mariadb.log');
const PRIVATE_PORT_FILE = path.join(repoRoot, '.data', 'mariadb.port');
const PRIVATE_FIRST_PORT = 3307;
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

const HOW_TO_GET_A_DATABASE = `No MySQL/MariaDB server answers and none is installed on this machine. Either:
  - install MariaDB:           sudo apt-get install mariadb-server   (then run this command again)
  - run Gestco in Docker:      docker compose -f docker/compose.yml up -d
                               (database + app; set JWT_SECRET, GESTCO_ADMIN_EMAIL, GESTCO_ADMIN_PASSWORD first)
  - run a database in Docker:  docker run -d --name gestco-db -p 127.0.0.1:3306:3306 -e MARIADB_ALLOW_EMPTY_ROOT_PASSWORD=1 mariadb:11
  - or point DATABASE_URL at a running server: mysql://user:password@host:3306/gestco`;

export class DatabaseSetupError extends Error {
  name = 'DatabaseSetupError';
}

/** The same URL on another host:port (keeps user, password and database name). */
export function withServer(url, host, port) {
  const u = new URL(url);
  u.hostname = host;
  u.port = String(port);
  return u.toString().replace(/\/$/, '');
}

/** mysql://user:pass@host:port without the database name. */
export function serverUrl(url) {
  const u = new URL(url);
  u.pathname = '';
  return u.toString().replace(/\/$/, '');
}

/** True when something accepts a TCP connection on host:port within timeoutMs. */
export function tcpAnswers(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: host.replace(/^\[|\]$/g, ''), port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function loadMysql2() {
  try {
    return createRequire(path.join(repoRoot, 'apps/api/package.json'))('mysql2/promise');
  } catch {
    return null; // not installed yet: TCP only, the server reports login problems itself
  }
}

/** Logs in to the server (no database selected). Returns null or the error. */
export async function tryLogin(url) {
  const mysql = loadMysql2();
  if (!mysql) return null;
  try {
    const conn = await mysql.createConnection({ uri: serverUrl(url), connectTimeout: 3000 });
    await conn.end();
    return null;
  } catch (error) {
    return error;
  }
}

function loginAdvice(url, error) {
  const where = new URL(url);
  const lines = [`The database server at ${where.host} refused the login: ${error.message}`];
  if (error.errno === 1698) {
    lines.push(
      'MariaDB lets root in only through the unix socket. Allow TCP logins with an empty password once:',
      `  sudo mariadb -uroot -e "ALTER USER root@localhost IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket"`,
    );
  } else if (error.errno === 1045) {
    lines.push(
      'Check the user and password in DATABASE_URL (mysql://user:password@host:port/gestco).',
    );
  }
  return lines.join('\n');
}

function findExecutable(names, extraDirs = ['/usr/sbin', '/usr/local/sbin', '/usr/bin']) {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...extraDirs];
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function readPid() {
  try {
    const pid = Number(readFileSync(path.join(PRIVATE_DIR, 'mysqld.pid'), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () =>
      server.close(() => resolve(true)),
    );
  });
}

async function freePort(from) {
  for (let port = from; port < from + 100; port += 1) {
    if (await portIsFree(port)) return port;
  }
  throw new DatabaseSetupError(
    `No free port between ${from} and ${from + 99} for a private MariaDB.`,
  );
}

function logTail(lines = 15) {
  try {
    return readFileSync(PRIVATE_LOG, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** The private server of this checkout if it is running: its port, else null. */
async function runningPrivatePort() {
  const pid = readPid();
  if (!pid || !isRunning(pid) || !existsSync(PRIVATE_PORT_FILE)) return null;
  const port = Number(readFileSync(PRIVATE_PORT_FILE, 'utf8').trim());
  return (await tcpAnswers('127.0.0.1', port)) ? port : null;
}

/** Starts (or reuses) the private MariaDB under .data/mariadb; resolves to its port. */
export async function startPrivateServer({ log = console.log } = {}) {
  const reused = await runningPrivatePort();
  if (reused) {
    log(`Using the private MariaDB of this checkout on 127.0.0.1:${reused} (.data/mariadb).`);
    return reused;
  }
  const mariadbd = findExecutable(['mariadbd', 'mysqld']);
  if (!mariadbd) throw new DatabaseSetupError(HOW_TO_GET_A_DATABASE);

  mkdirSync(PRIVATE_DIR, { recursive: true });
  if (!existsSync(path.join(PRIVATE_DIR, 'mysql'))) {
    const installDb = findExecutable(['mariadb-install-db', 'mysql_install_db']);
    if (!installDb)
      throw new DatabaseSetupError(
        `${mariadbd} is installed but mariadb-install-db is not.\n${HOW_TO_GET_A_DATABASE}`,
      );
    log(`Initialising a private MariaDB in .data/mariadb ...`);
    const init = spawnSync(
      installDb,
      [
        '--no-defaults',
        `--datadir=${PRIVATE_DIR}`,
        '--user=root',
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
      ],
      { encoding: 'utf8' },
    );
    if (init.status !== 0) {
      throw new DatabaseSetupError(
        `mariadb-install-db failed (exit ${init.status}):\n${init.stdout}${init.stderr}`,
      );
    }
  }

  const port = await freePort(PRIVATE_FIRST_PORT);
  const logFd = openSync(PRIVATE_LOG, 'a');
  const child = spawn(
    mariadbd,
    [
      '--no-defaults',
      `--datadir=${PRIVATE_DIR}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--socket=${path.join(PRIVATE_DIR, 'mysqld.sock')}`,
      `--pid-file=${path.join(PRIVATE_DIR, 'mysqld.pid')}`,
      '--user=root',
      '--character-set-server=utf8mb4',
      '--default-time-zone=+00:00',
      '--skip-log-bin',
    ],
    { detached: true, stdio: ['ignore', logFd, logFd] },
  );
  closeSync(logFd);
  let exited = null;
  child.once('exit', (code, signal) => (exited = signal ?? code));
  child.unref();
  writeFileSync(PRIVATE_PORT_FILE, `${port}\n`);

  const url = `mysql://root@127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited !== null) {
      throw new DatabaseSetupError(
        `The private MariaDB stopped at once (${exited}). Last lines of .data/mariadb.log:\n${logTail()}`,
      );
    }
    if ((await tcpAnswers('127.0.0.1', port, 500)) && !(await tryLogin(url))) break;
    if (Date.now() > deadline) {
      throw new DatabaseSetupError(
        `The private MariaDB did not answer within 30 s. Last lines of .data/mariadb.log:\n${logTail()}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  log(
    `Started a private MariaDB on 127.0.0.1:${port} (data in .data/mariadb, log in .data/mariadb.log, pid ${child.pid}).`,
  );
  return port;
}

/** Stops the private server if it runs (used by tests of this script and by hand). */
export async function stopPrivateServer() {
  const pid = readPid();
  if (!pid || !isRunning(pid)) return false;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 150 && isRunning(pid); i += 1) await new Promise((r) => setTimeout(r, 100));
  return true;
}

/**
 * Makes sure a server answers for `url` (default DATABASE_URL). Returns the URL
 * to use: the same one, or one pointing at the private server when nothing
 * answered on a local address and MariaDB is installed.
 */
export async function ensureDatabaseServer(url = DEFAULT_DATABASE_URL, { log = console.log } = {}) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseSetupError(`DATABASE_URL is not a URL: ${url}`);
  }
  if (parsed.protocol !== 'mysql:')
    throw new DatabaseSetupError(
      `DATABASE_URL must start with mysql:// (got ${parsed.protocol}//)`,
    );
  const host = parsed.hostname;
  const port = Number(parsed.port || 3306);

  if (await tcpAnswers(host, port)) {
    const error = await tryLogin(url);
    if (error) throw new DatabaseSetupError(loginAdvice(url, error));
    return url;
  }
  if (!LOCAL_HOSTS.has(host)) {
    throw new DatabaseSetupError(
      `Nothing answers at ${host}:${port} (DATABASE_URL). Is the database server running and reachable?`,
    );
  }
  log(`No database server answers at ${host}:${port}.`);
  const privatePort = await startPrivateServer({ log });
  return withServer(url, '127.0.0.1', privatePort);
}
