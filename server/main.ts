import { startServer } from './app';
import { loadConfig } from './config';

/** Process entry: config → server → banner; shuts down cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  const running = await startServer(config);
  const lines = [`PMP workbench prêt : ${running.url}`, `Données : ${config.dataDir}`];
  if (running.demoLogins.length > 0) {
    lines.push('Comptes de démonstration :');
    for (const login of running.demoLogins) lines.push(`  ${login.email.padEnd(30)} ${login.password}   (${login.who})`);
  }
  if (config.bootstrapAdmin) lines.push(`Administrateur : ${config.bootstrapAdmin.email}`);
  process.stdout.write(`${lines.join('\n')}\n`);

  const stop = (signal: string) => {
    process.stdout.write(`Arrêt (${signal})…\n`);
    running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
