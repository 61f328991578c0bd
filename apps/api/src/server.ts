import { buildApp } from './app.ts';
import { ensureFirstAdmin, prepareDatabase, seedDemo } from './bootstrap.ts';
import { ConfigError, loadConfig } from './config/config.ts';

async function main() {
  const config = loadConfig();
  await prepareDatabase(config);
  const app = await buildApp(config);
  const admin = await ensureFirstAdmin(config, app.services);
  if (config.demo) await seedDemo(app.services);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: draining requests');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    await app.services.notifier.stop();
    await app.close();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ host: config.host, port: config.port });
  // Emails go out from this process unless NOTIFIER=off (then run the worker apart).
  if (config.notifier) app.services.notifier.start();
  const lines = [`Gestco is ready: ${config.publicUrl}`, `API docs: ${config.publicUrl}/api/docs`];
  if (admin?.password)
    lines.push(`First admin created: ${admin.email} / ${admin.password}  (shown once; change it)`);
  else if (admin)
    lines.push(`First admin created: ${admin.email} (password from GESTCO_ADMIN_PASSWORD)`);
  console.log(`\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`\n${error.message}\n`);
  else console.error(error);
  process.exit(1);
});
