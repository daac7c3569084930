import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { SCENARIOS, type Scenario } from '../../modules/iot/domain/index.js';
import { mosquittoFiles } from '../../modules/iot/broker/mosquitto-files.js';
import { TopicSpace } from '../../modules/iot/index.js';
import { AduanaClient } from '../../modules/iot/simulator/aduana-client.js';
import { playFleet, prepareFleet } from '../../modules/iot/simulator/fleet-simulator.js';
import { configFrom, withApp, type PlatformFlags } from '../context.js';
import { positiveInt, withPlatformOptions } from '../options.js';

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
}

/** `aduana iot simulate` and `aduana iot broker-config`. */
export function registerIotCommands(program: Command): void {
  const iot = program.command('iot').description('smart containers: simulated fleets, external broker files');

  iot
    .command('simulate')
    .description('publish a simulated fleet of smart containers over MQTT to a running Aduana')
    .addOption(
      new Option('--url <url>', 'Aduana base URL').env('ADUANA_URL').default('http://127.0.0.1:8080'),
    )
    .addOption(
      new Option('--user <name>', 'trader who lodges, registers devices and binds').default('trader'),
    )
    .addOption(
      new Option('--password <secret>', 'that trader’s password')
        .env('ADUANA_PASSWORD')
        .default('trader-demo-1'),
    )
    .addOption(
      new Option('--mqtt-url <url>', 'broker the devices connect to (default: the platform’s)').env(
        'MQTT_URL',
      ),
    )
    .addOption(
      new Option('--topic-namespace <ns>', 'topic prefix the platform uses')
        .env('MQTT_TOPIC_NAMESPACE')
        .default(''),
    )
    .option('--containers <n>', 'how many containers', positiveInt, 10)
    .option('--rate <r>', 'telemetry messages per second per container', positiveNumber, 1)
    .addOption(
      new Option('--scenario <name>', 'what happens on the voyage')
        .choices([...SCENARIOS, 'mixed'])
        .default('normal'),
    )
    .option('--duration <s>', 'stop after this many seconds (default: when the voyages end)', positiveInt)
    .option('--seed <n>', 'random seed (same seed, same fleet)', positiveInt)
    .action(
      async (flags: {
        url: string;
        user: string;
        password: string;
        mqttUrl?: string;
        topicNamespace: string;
        containers: number;
        rate: number;
        scenario: Scenario | 'mixed';
        duration?: number;
        seed?: number;
      }) => {
        const api = new AduanaClient(flags.url.replace(/\/$/, ''), {
          username: flags.user,
          password: flags.password,
        });
        const topics = new TopicSpace(flags.topicNamespace);
        const fleet = await prepareFleet({
          api,
          topics,
          containers: flags.containers,
          rate: flags.rate,
          scenario: flags.scenario,
          ...(flags.mqttUrl ? { mqttUrl: flags.mqttUrl } : {}),
          ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
        });
        process.stderr.write(
          `${fleet.containers.length} containers bound (${flags.scenario}); publishing to ${fleet.brokerUrl} at ${flags.rate} msg/s each\n`,
        );
        for (const c of fleet.containers)
          process.stdout.write(
            `${c.containerNumber}  ${c.scenario.padEnd(9)}  declaration ${c.declarationId}\n`,
          );
        const abort = new AbortController();
        process.once('SIGINT', () => abort.abort());
        const result = await playFleet(fleet, {
          topics,
          signal: abort.signal,
          ...(flags.duration !== undefined ? { untilMs: flags.duration * 1000 } : {}),
        });
        process.stdout.write(`${JSON.stringify(result)}\n`);
        if (result.failed > 0) process.exitCode = 1;
      },
    );

  withPlatformOptions(iot.command('broker-config'))
    .description('write the Mosquitto password and ACL files equivalent to the embedded broker’s checks')
    .option('--out <dir>', 'directory to write aduana.passwd, aduana.acl and mosquitto.conf.snippet', '.')
    .addOption(
      new Option('--platform-user <name>', 'the platform’s own broker account')
        .env('MQTT_USERNAME')
        .default('aduana-ingest'),
    )
    .addOption(new Option('--platform-password <secret>', 'its password').env('MQTT_PASSWORD'))
    .action(
      async (flags: PlatformFlags & { out: string; platformUser: string; platformPassword?: string }) => {
        const config = configFrom(flags);
        await withApp(flags, async (app) => {
          const devices = await app.iot.devices.repo.all();
          const files = mosquittoFiles({
            devices: devices.map((d) => ({
              deviceId: d.device_id,
              status: d.status,
              brokerHash: d.broker_hash,
            })),
            platform: { username: flags.platformUser, password: flags.platformPassword },
            topics: new TopicSpace(config.mqttTopicNamespace),
            passwordPath: path.resolve(flags.out, 'aduana.passwd'),
            aclPath: path.resolve(flags.out, 'aduana.acl'),
          });
          fs.mkdirSync(flags.out, { recursive: true });
          fs.writeFileSync(path.join(flags.out, 'aduana.passwd'), files.passwordFile, { mode: 0o600 });
          fs.writeFileSync(path.join(flags.out, 'aduana.acl'), files.aclFile);
          fs.writeFileSync(path.join(flags.out, 'mosquitto.conf.snippet'), files.configSnippet);
          const active = devices.filter((d) => d.status === 'ACTIVE').length;
          process.stdout.write(
            `wrote ${path.join(flags.out, 'aduana.passwd')} (${active} devices${flags.platformPassword ? ' + platform account' : ''}), aduana.acl and mosquitto.conf.snippet\n`,
          );
          if (!flags.platformPassword)
            process.stderr.write(
              'no --platform-password (MQTT_PASSWORD): the platform account is not in the password file\n',
            );
        });
      },
    );
}
