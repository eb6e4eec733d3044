/**
 * A PostgreSQL database of its own for one benchmark run, `relais_bench_<pid>`, created from an
 * administrative URL and dropped afterwards (WITH (FORCE): a crashed child may still hold a
 * connection). The URL comes from RELAIS_BENCH_PG_URL, else RELAIS_TEST_PG_URL; without
 * either, PostgreSQL measurements are skipped.
 */
import pg from 'pg';

export interface BenchPostgres {
  name: string;
  /** The URL of the benchmark database, for the app and the baseline. */
  url: string;
  drop(): Promise<void>;
}

export function postgresAdminUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.RELAIS_BENCH_PG_URL || env.RELAIS_TEST_PG_URL || undefined;
}

export async function createBenchPostgres(adminUrl: string, suffix = ''): Promise<BenchPostgres> {
  const name = `relais_bench_${process.pid}${suffix}`;
  await runAdmin(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => runAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => undefined)),
  };
}

async function runAdmin(adminUrl: string, work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
