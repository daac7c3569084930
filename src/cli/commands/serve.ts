import type { Command } from 'commander';
import { Option } from 'commander';
import net from 'node:net';
import type { Config } from '../../platform/config.js';
import { seedDeclarations, seedDemoUsers } from '../../modules/declarations/demo/seed.js';
import { startDemoFleet, type DemoFleet } from '../../modules/iot/simulator/demo-fleet.js';
import { createApp } from '../../platform/app.js';
import { createLogger } from '../../platform/logger.js';
import { configFrom, type PlatformFlags } from '../context.js';
import { positiveInt, withPlatformOptions } from '../options.js';
import { progressBar } from '../progress.js';

/** `aduana serve`: runs the platform; with `--demo`, seeds demo users and declarations on first start. */
export function registerServeCommand(program: Command): void {
  withPlatformOptions(program.command('serve'))
    .description('run the platform (API, console, event dispatcher)')
    .addOption(new Option('--port <port>', 'HTTP port').env('PORT').argParser(positiveInt))
    .addOption(new Option('--host <host>', 'listen address').env('HOST'))
    .addOption(new Option('--mqtt-url <url>', 'external MQTT broker').env('MQTT_URL'))
    .option('--demo', 'seed demo users and declarations when the database is empty')
    .option('--demo-declarations <n>', 'how many demo declarations to seed', positiveInt, 300)
    .addOption(
      new Option('--demo-fleet <n>', 'simulated smart containers publishing over MQTT with --demo (0: none)')
        .env('ADUANA_DEMO_FLEET')
        .argParser(positiveInt)
        .default(3),
    )
    .action(
      async (flags: PlatformFlags & { demo?: boolean; demoDeclarations: number; demoFleet: number }) => {
        const config = configFrom(flags);
        if (flags.demo) await preferFreeDemoPorts(config);
        const log = createLogger(config.logLevel);
        const app = await createApp(config, { logger: log });
        let logins: { username: string; password: string; roles: readonly string[] }[] = [];
        if (flags.demo) {
          logins = await seedDemoUsers(app.auth);
          const { total } = await app.declarations.service.repo.queue({
            sort: '-lodgedAt',
            limit: 1,
            offset: 0,
          });
          if (total === 0 && flags.demoDeclarations > 0) {
            const bar = progressBar('seeding demo declarations', flags.demoDeclarations);
            await seedDeclarations(app.declarations.service, {
              count: flags.demoDeclarations,
              onProgress: (n) => bar.update(n),
            });
            bar.stop();
          }
        }
        let url: string;
        try {
          url = await app.listen();
        } catch (err) {
          const e = err as NodeJS.ErrnoException;
          process.stderr.write(
            e.code === 'EADDRINUSE'
              ? `Port ${config.port} is already in use: set PORT or --port.\n`
              : `Cannot listen: ${e.message}\n`,
          );
          await app.close();
          process.exit(1);
        }
        const mqtt = app.iot.broker.endpoints();
        const out = [
          `\nAduana is running at ${url.replace('127.0.0.1', 'localhost')}`,
          `  API documents: ${url}/api/docs`,
          `  Data: ${app.database.engine} (${app.database.location})`,
          `  MQTT (${app.iot.broker.kind}): ${mqtt.mqtt}${mqtt.websocket ? `, WebSocket ${mqtt.websocket}` : ''}`,
        ];
        let demoFleet: DemoFleet | undefined;
        if (flags.demo && flags.demoFleet > 0) {
          demoFleet = startDemoFleet({
            baseUrl: url,
            topics: app.iot.topics,
            containers: flags.demoFleet,
            log: log.child({ component: 'demo-fleet' }),
          });
          out.push(`  Demo fleet: ${flags.demoFleet} simulated containers (--demo-fleet 0 to turn off)`);
        }
        if (logins.length) {
          out.push('  Demo sign-ins (for a demo only):');
          for (const l of logins)
            out.push(`    ${l.roles.join(',').padEnd(14)} ${l.username.padEnd(12)} ${l.password}`);
        }
        process.stdout.write(`${out.join('\n')}\n\n`);
        let stopping = false;
        const stop = (signal: string) => {
          if (stopping) return;
          stopping = true;
          log.info({ signal }, 'shutting down: finishing requests in flight');
          const force = setTimeout(() => process.exit(1), config.shutdownGraceMs + 5000);
          force.unref();
          (demoFleet?.stop() ?? Promise.resolve())
            .then(() => app.close())
            .then(
              () => process.exit(0),
              (err: unknown) => {
                log.error({ err }, 'shutdown failed');
                process.exit(1);
              },
            );
        };
        process.on('SIGTERM', () => stop('SIGTERM'));
        process.on('SIGINT', () => stop('SIGINT'));
      },
    );
}

function portIsFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/**
 * The demo (`npm start`) must start on a machine that already runs an MQTT broker on 1883: when the operator chose no
 * MQTT port, a taken default port is replaced by a free one, loudly. An MQTT_PORT that the operator set stays a hard
 * error when taken.
 */
async function preferFreeDemoPorts(config: Config): Promise<void> {
  if (config.mqttUrl) return;
  const host = config.host;
  if (process.env.MQTT_PORT === undefined && !(await portIsFree(config.mqttPort, host))) {
    process.stderr.write(
      `MQTT port ${config.mqttPort} is in use (another broker?): the embedded broker takes a free port; set MQTT_PORT to choose one.\n`,
    );
    config.mqttPort = 0;
  }
  if (
    process.env.MQTT_WS_PORT === undefined &&
    config.mqttWsPort > 0 &&
    !(await portIsFree(config.mqttWsPort, host))
  ) {
    process.stderr.write(
      `MQTT WebSocket port ${config.mqttWsPort} is in use: a free port is used instead; set MQTT_WS_PORT to choose one.\n`,
    );
    config.mqttWsPort = 0;
  }
}
