/**
 * Runs one benchmark: `npm run bench -- NAME [options]` imports bench/NAME/index.ts and calls
 * its run(options). A benchmark is any folder of bench/ (but support/) with an index.ts.
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

export interface BenchmarkModule {
  description?: string;
  /** Returns the process exit code: 0 when the benchmark's targets are met. */
  run(args: string[]): Promise<number>;
}

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));

function availableBenchmarks(): string[] {
  return readdirSync(BENCH_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'support' && existsSync(join(BENCH_DIR, entry.name, 'index.ts')))
    .map((entry) => entry.name)
    .sort();
}

const [name, ...args] = process.argv.slice(2);
const available = availableBenchmarks();
if (!name || !available.includes(name)) {
  const lines = [
    name ? `Banc d’essai inconnu : « ${name} ».` : 'Aucun banc d’essai indiqué.',
    '',
    'Usage : npm run bench -- NOM [options]',
    '',
    'Bancs d’essai disponibles :',
    ...(available.length > 0 ? available.map((benchmark) => `  - ${benchmark}`) : ['  (aucun)']),
    '',
    'Exemple : npm run bench -- catalogue',
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(2);
}

const benchmark = (await import(pathToFileURL(join(BENCH_DIR, name, 'index.ts')).href)) as BenchmarkModule;
try {
  process.exitCode = await benchmark.run(args);
} catch (error) {
  process.stderr.write(`Le banc d’essai « ${name} » a échoué : ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 3;
}
