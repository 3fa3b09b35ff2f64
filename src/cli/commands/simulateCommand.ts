/**
 * `bcsql simulate`: the built-in BigCommerce simulator as a standalone server, for benchmarks and
 * for trying BI tools. The connection string to use is the one line on stdout (so scripts can read
 * it); what a person needs to know goes to stderr. Runs until SIGINT or SIGTERM, then closes cleanly.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { FaultKind, SimulatorOptions } from '../../simulator';

interface SimulateOptions {
  port: number;
  host: string;
  seed: number;
  products: number;
  customers: number;
  orders: number;
  latency: number;
  quota: number;
  window: number;
  expiringTokens?: boolean;
  tokenTtl: number;
  faultRate: number;
  faultKinds?: string;
  json?: boolean;
}

function integer(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`expected a whole number of ${min} or more.`);
    }
    return n;
  };
}

function fraction(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new InvalidArgumentError('expected a number from 0 to 1 (0.1 = 10% of API requests fail).');
  }
  return n;
}

export function simulateCommand(): Command {
  return new Command('simulate')
    .description(
      'Run the built-in BigCommerce simulator (OAuth server and REST API with a seeded store) until stopped.\n' +
        'Prints the connection string to use with it on stdout.',
    )
    .addOption(
      new Option('--port <port>', 'port to listen on (0 = any free port)').argParser(integer(0)).default(0),
    )
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .addOption(
      new Option('--seed <n>', 'seed of the generated store (same seed, same data)')
        .argParser(integer(0))
        .default(1),
    )
    .addOption(new Option('--products <n>', 'number of products').argParser(integer(0)).default(200))
    .addOption(new Option('--customers <n>', 'number of customers').argParser(integer(0)).default(100))
    .addOption(new Option('--orders <n>', 'number of orders').argParser(integer(0)).default(300))
    .addOption(
      new Option('--latency <ms>', 'delay before answering each API request')
        .argParser(integer(0))
        .default(0),
    )
    .addOption(
      new Option('--quota <n>', 'API requests allowed per rate-limit window (0 = no limit)')
        .argParser(integer(0))
        .default(450),
    )
    .addOption(new Option('--window <ms>', 'rate-limit window').argParser(integer(1)).default(30000))
    .option(
      '--expiring-tokens',
      'issue access tokens that expire, with refresh tokens (BigCommerce itself does not)',
    )
    .addOption(
      new Option('--token-ttl <seconds>', 'lifetime of expiring access tokens')
        .argParser(integer(1))
        .default(3600),
    )
    .addOption(
      new Option('--fault-rate <fraction>', 'share of API GETs that fail (500/502/503/connection reset)')
        .argParser(fraction)
        .default(0),
    )
    .option(
      '--fault-kinds <list>',
      'comma-separated fault kinds to draw from (500,502,503,reset,429,slow,malformed,html)',
    )
    .option('--json', 'print the connection details as one JSON object instead of the connection string')
    .action(async (opts: SimulateOptions) => {
      await runSimulate(opts);
    });
}

async function runSimulate(opts: SimulateOptions): Promise<void> {
  const [{ startSimulator, FAULT_KINDS }, { simulatorConnectionString }] = await Promise.all([
    import('../../simulator'),
    import('../simulatorConnection'),
  ]);
  const kinds = opts.faultKinds
    ?.split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  const unknown = kinds?.filter((k) => !(FAULT_KINDS as readonly string[]).includes(k)) ?? [];
  if (unknown.length > 0) {
    throw new InvalidArgumentError(
      `unknown fault kind ${unknown.map((k) => `"${k}"`).join(', ')}; use ${FAULT_KINDS.join(', ')}`,
    );
  }
  const simOptions: SimulatorOptions = {
    port: opts.port,
    host: opts.host,
    seed: opts.seed,
    products: opts.products,
    customers: opts.customers,
    orders: opts.orders,
    latencyMs: opts.latency,
    rateLimit: opts.quota === 0 ? false : { quota: opts.quota, windowMs: opts.window },
    expiringTokens: opts.expiringTokens === true,
    tokenTtlSeconds: opts.tokenTtl,
    faults:
      opts.faultRate > 0 || kinds
        ? { rate: opts.faultRate, kinds: kinds as FaultKind[] | undefined }
        : undefined,
  };
  const sim = await startSimulator(simOptions);

  let extra: Record<string, string | number> = {};
  let settingsDir: string | undefined;
  if (opts.expiringTokens) {
    // The simulator's built-in token never expires; hand out an expiring one with its refresh
    // token so the provider's refresh path is what gets exercised. Refresh tokens are single-use,
    // so every process using this connection string shares one settings file (removed on stop).
    const issued = sim.issueTokens({ expiresIn: opts.tokenTtl });
    settingsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bcsql-simulate-'));
    extra = {
      InitiateOAuth: 'REFRESH',
      OAuthSettingsLocation: path.join(settingsDir, 'OAuthSettings.txt'),
      OAuthAccessToken: issued.accessToken,
      OAuthRefreshToken: issued.refreshToken ?? '',
      OAuthExpiresIn: opts.tokenTtl,
      OAuthTokenTimestamp: Date.now(),
    };
  }
  const connectionString = simulatorConnectionString(sim, extra);

  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify({
        apiBaseUrl: sim.apiBaseUrl,
        loginBaseUrl: sim.loginBaseUrl,
        port: sim.port,
        storeHash: sim.storeHash,
        clientId: sim.clientId,
        clientSecret: sim.clientSecret,
        accessToken: extra.OAuthAccessToken ?? sim.accessToken,
        connectionString,
      })}\n`,
    );
  } else {
    process.stdout.write(`${connectionString}\n`);
  }
  const limit = simOptions.rateLimit ? `${opts.quota} requests per ${opts.window} ms` : 'no rate limit';
  process.stderr.write(
    [
      `Simulator listening on ${sim.apiBaseUrl} (store ${sim.storeHash}: ${opts.products} products, ` +
        `${opts.customers} customers, ${opts.orders} orders; seed ${opts.seed}).`,
      `Latency ${opts.latency} ms, ${limit}, fault rate ${opts.faultRate}${opts.expiringTokens ? ', expiring tokens' : ''}.`,
      `Login page user: ${sim.demoUser.email} / ${sim.demoUser.password}`,
      'Connect with the connection string above, e.g.: bcsql "<connection string>". Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await sim.close();
  if (settingsDir) fs.rmSync(settingsDir, { recursive: true, force: true });
  process.stderr.write('Simulator stopped.\n');
}
