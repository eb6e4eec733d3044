/**
 * A real Relais instance in its own process (`node --import tsx src/main.ts`), configured by
 * its environment as in production, for the tests that need two instances on one database or
 * a process that dies without warning. tsx rather than dist/: the tests run the sources as
 * they are, with no build step that other work in progress could break.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** What src/main.ts prints once the server listens (jobs and outbox worker already started). */
const READY_LINE = 'Relais est prêt';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
/** Enough of the output to explain a failed start or a crash, not the whole log of a long run. */
const OUTPUT_LIMIT = 20_000;

export interface AppProcessOptions {
  name: string;
  /** sqlite:/path/to/file or postgres://… (TestDatabase.url). */
  databaseUrl: string;
  /** When set, the outbox worker sends mails there; otherwise it keeps them in the database. */
  smtpUrl?: URL;
  mailFrom?: string;
  /** More variables for the instance, e.g. { REGISTRATION_JOBS_SECONDS: '1' }. */
  env?: Record<string, string>;
}

export interface AppProcess {
  readonly name: string;
  /** http://127.0.0.1:PORT, the same across restarts (as behind a load balancer). */
  readonly origin: string;
  readonly pid: number | undefined;
  /** Exit code of the last run once it ended (null while it runs, or when a signal ended it). */
  readonly exitCode: number | null;
  /** Sends SIGKILL and waits until the process is gone: no cleanup of any kind runs. */
  kill(): Promise<void>;
  /** SIGTERM: the app finishes in-flight requests and the mail being sent, then exits. */
  stop(): Promise<void>;
  /** Starts the process again on the same port and waits until it listens. */
  restart(): Promise<void>;
  /** What the process wrote to stdout and stderr (the end of it). */
  output(): string;
}

export async function startAppProcess(options: AppProcessOptions): Promise<AppProcess> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: options.databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    BASE_URL: origin,
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    SMTP_URL: options.smtpUrl?.toString() ?? '',
    MAIL_FROM: options.mailFrom ?? 'Relais <ne-pas-repondre@relais.test>',
    ...options.env,
  };
  let output = '';
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  const record = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  };

  const launch = async () => {
    const started = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    exited = new Promise<void>((resolve) => started.once('exit', () => resolve()));
    started.stderr?.on('data', record);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`${options.name} : pas prêt après ${START_TIMEOUT_MS / 1000} s\n${output}`)), START_TIMEOUT_MS);
      const onExit = (code: number | null) => fail(new Error(`${options.name} : arrêté avant d’écouter (code ${code})\n${output}`));
      const onData = (chunk: Buffer) => {
        record(chunk);
        if (!output.includes(READY_LINE)) return;
        clearTimeout(timer);
        started.off('exit', onExit);
        started.stdout?.off('data', onData);
        resolve();
      };
      function fail(error: Error) {
        clearTimeout(timer);
        started.stdout?.off('data', onData);
        started.kill('SIGKILL');
        reject(error);
      }
      started.stdout?.on('data', onData);
      started.once('exit', onExit);
    });
    // Keep draining stdout after the ready line, or a chatty child would block on a full pipe.
    started.stdout?.on('data', record);
  };

  const running = () => child !== null && child.exitCode === null && child.signalCode === null;
  // A test that crashes must not leave instances behind, holding the database and the port.
  process.once('exit', () => {
    if (running()) child?.kill('SIGKILL');
  });

  await launch();
  return {
    name: options.name,
    origin,
    get pid() {
      return child?.pid;
    },
    get exitCode() {
      return child?.exitCode ?? null;
    },
    async kill() {
      if (!running()) return;
      child?.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!running()) return;
      const stopping = child;
      stopping?.kill('SIGTERM');
      const timer = setTimeout(() => stopping?.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
      if (stopping?.signalCode === 'SIGKILL') throw new Error(`${options.name} : pas arrêté ${STOP_TIMEOUT_MS / 1000} s après SIGTERM\n${output}`);
    },
    async restart() {
      if (running()) throw new Error(`${options.name} tourne encore : arrêtez-le avant de le relancer`);
      output += `\n--- relance de ${options.name} ---\n`;
      await launch();
    },
    output: () => output,
  };
}

/** A port nobody listens on now; the child binds it a moment later (and again after a restart). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('adresse d’écoute inattendue');
  return address.port;
}
