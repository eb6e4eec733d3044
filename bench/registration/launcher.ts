/**
 * Starts the benchmark's server processes: plain JavaScript transpiled once for the whole run
 * (see ../support/compile.ts), or the TypeScript sources under tsx with --tsx. Every process
 * started is stopped by stopAll(), whatever happened.
 */
import { compileProject, type CompiledProject } from '../support/compile.js';
import { startServerProcess, type ServerProcess } from '../support/serverProcess.js';

export interface Launcher {
  readonly runtime: string;
  /** `profile`: write a V8 CPU profile of this process into the --cpu-prof folder. */
  start(name: string, source: URL, args: string[], options?: { profile?: boolean }): Promise<ServerProcess>;
  stop(server: ServerProcess): Promise<void>;
  stopAll(): Promise<void>;
  cleanup(): void;
}

export function createLauncher(options: { tsx: boolean; cpuProf: string | undefined }, log: (message: string) => void): Launcher {
  let compiled: CompiledProject | undefined;
  const running = new Set<ServerProcess>();
  const compiledOnce = () => {
    if (!compiled) {
      compiled = compileProject();
      log(`${compiled.files} modules transpilés en JavaScript dans ${compiled.root}`);
    }
    return compiled;
  };
  return {
    runtime: options.tsx ? 'node --import tsx' : 'node (sources transpiled to JavaScript)',
    async start(name, source, args, startOptions = {}) {
      const project = options.tsx ? undefined : compiledOnce();
      const baseArgv = project ? [] : process.execArgv;
      const execArgv = startOptions.profile && options.cpuProf ? [...baseArgv, '--cpu-prof', `--cpu-prof-dir=${options.cpuProf}`] : baseArgv;
      const server = await startServerProcess(name, project ? project.urlOf(source) : source, args, { execArgv });
      running.add(server);
      return server;
    },
    async stop(server) {
      running.delete(server);
      await server.stop();
    },
    async stopAll() {
      for (const server of running) await server.stop().catch(() => undefined);
      running.clear();
    },
    cleanup() {
      compiled?.cleanup();
    },
  };
}
