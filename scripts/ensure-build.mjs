// Compiles src/ into dist/ when dist/ is missing or older than the sources, so that
// `npm start` and `npx relais` always run the current code without a separate build step.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const stamp = join(root, 'dist', '.build-stamp');

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

export function ensureBuild() {
  const sourcesChanged = Math.max(newestMtime(join(root, 'src')), newestMtime(join(root, 'tsconfig.json')), newestMtime(join(root, 'tsconfig.build.json')));
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= sourcesChanged) return;
  process.stderr.write('Compilation de Relais…\n');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
  } catch {
    process.stderr.write('La compilation a échoué : corrigez les erreurs ci-dessus (npm run typecheck).\n');
    process.exit(1);
  }
  writeFileSync(stamp, new Date().toISOString());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureBuild();
