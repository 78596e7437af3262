import { buildApp } from './app';
import { isClusterWorker, runPrimary, runWorker } from './cluster';
import { type Config, ConfigError, loadConfig } from './config';

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`configuration error: ${error.message}`);
    process.exit(2);
  }
  throw error;
}

// WORKERS ≥ 2: this process is the primary or one of its workers (cluster.ts).
if (config.workers > 1) {
  await (isClusterWorker() ? runWorker(config) : runPrimary(config));
} else {
  await serve(config);
}

async function serve(config: Config): Promise<void> {
  const app = await buildApp(config);
  const port = await app.start();
  const metricsPort = await app.listenMetrics();
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  app.logger.info(
    {
      database: config.databaseUrl ? 'postgres' : `embedded (${config.dataDir})`,
      port,
      metrics: metricsPort === undefined ? 'off' : `http://${config.metrics.host}:${metricsPort}/metrics`,
      tracing: config.tracing ? 'otlp' : 'off',
    },
    `GraphQL ready at http://${shown}:${port}/graphql`,
  );
  app.logger.info(`Dashboard at http://${shown}:${port}/`);

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.logger.info({ signal }, 'shutting down');
      app.stop().then(
        () => process.exit(0),
        (error) => {
          app.logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}
