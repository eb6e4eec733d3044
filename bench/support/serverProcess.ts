/**
 * Benchmark targets run in their own child process, never in the process that fires the
 * load. On a 2-core machine autocannon needs about one core: sharing an event loop with it
 * would halve every server's throughput and add the load generator's own pauses to every
 * latency. A child process per target also makes "the app's memory" the memory of a process
 * that holds nothing but the app (not the data generator, not autocannon's buffers).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type ParentMessage = { type: 'memory'; id: number; resetWindow: boolean } | { type: 'stop' };

export type ChildMessage =
  | { type: 'ready'; port: number; pid: number }
  | {
      type: 'memory';
      id: number;
      rssBytes: number;
      /** Highest RSS sampled every 100 ms since the process started. */
      peakRssBytes: number;
      /** Highest RSS sampled since the last reset. */
      windowPeakRssBytes: number;
      /** The kernel's high-water mark (getrusage ru_maxrss). */
      maxRssBytes: number;
      heapUsedBytes: number;
      heapTotalBytes: number;
      /** Memory outside the V8 heap known to V8 (buffers); SQLite's own memory is not counted. */
      externalBytes: number;
      /** CPU time used by the process so far (user + system, process.cpuUsage()), in µs. */
      cpuMicros: number;
    };

export type MemoryReport = Omit<Extract<ChildMessage, { type: 'memory' }>, 'type' | 'id'>;

export interface ServerProcess {
  readonly name: string;
  readonly pid: number;
  readonly origin: string;
  /** Memory (and CPU) figures of the child; resetWindow starts a new window for windowPeakRssBytes. */
  memory(resetWindow?: boolean): Promise<MemoryReport>;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 120_000;

export interface StartOptions {
  /**
   * Node options of the child. By default the parent's (`--import tsx`, to run a .ts entry);
   * [] for an entry compiled to JavaScript (see compile.ts).
   */
  execArgv?: string[];
}

/** Forks `entry` and waits until it listens. */
export async function startServerProcess(name: string, entry: URL, args: string[] = [], options: StartOptions = {}): Promise<ServerProcess> {
  const child = fork(fileURLToPath(entry), args, {
    execArgv: options.execArgv ?? process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const ready = await new Promise<{ port: number; pid: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${name} : pas prêt après ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${name} : le processus s’est arrêté avant d’écouter (code ${code})`));
    };
    child.once('exit', onExit);
    child.on('message', (message: ChildMessage) => {
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(message);
    });
  });
  return handleOf(name, child, ready);
}

function handleOf(name: string, child: ChildProcess, ready: { port: number; pid: number }): ServerProcess {
  let nextId = 1;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    pid: ready.pid,
    origin: `http://127.0.0.1:${ready.port}`,
    memory(resetWindow = false) {
      const id = nextId++;
      return new Promise<MemoryReport>((resolve, reject) => {
        const onMessage = (message: ChildMessage) => {
          if (message.type !== 'memory' || message.id !== id) return;
          child.off('message', onMessage);
          const { type: _type, id: _id, ...report } = message;
          resolve(report);
        };
        child.on('message', onMessage);
        if (!child.send({ type: 'memory', id, resetWindow } satisfies ParentMessage)) reject(new Error(`${name} : canal IPC fermé`));
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ type: 'stop' } satisfies ParentMessage);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
