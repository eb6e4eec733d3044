/**
 * Plain JavaScript for the server processes of a benchmark. Production runs compiled code
 * (npm start runs dist/), whereas under `node --import tsx` every process carries tsx's
 * loader thread and per-module bookkeeping: about +30 MB of RSS for a bare Fastify and +50 MB
 * for the app on Node 20, which would blur any memory target. So the sources the servers need
 * (src/ and bench/) are transpiled with TypeScript's transpileModule — no type checking,
 * `npx tsc --noEmit -p .` does that — into a private temporary folder that mirrors the
 * project (node_modules, public and demo linked), and the servers run there with plain node.
 * dist/ is left alone: it belongs to `npm start`.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CompiledProject {
  /** The folder holding src/ and bench/ as JavaScript. */
  root: string;
  files: number;
  /** The compiled counterpart of a .ts/.tsx module of the project. */
  urlOf(source: URL): URL;
  cleanup(): void;
}

export function compileProject(folders: string[] = ['src', 'bench']): CompiledProject {
  const root = mkdtempSync(join(tmpdir(), 'relais-bench-js-'));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ES2022,
    jsx: ts.JsxEmit.ReactJSX,
    jsxImportSource: 'preact',
    esModuleInterop: true,
    sourceMap: false,
  };
  let files = 0;
  for (const folder of folders) {
    for (const source of sourceFiles(join(PROJECT_ROOT, folder))) {
      const output = ts.transpileModule(readFileSync(source, 'utf8'), { compilerOptions: options, fileName: source });
      const target = join(root, relative(PROJECT_ROOT, source)).replace(/\.tsx?$/, '.js');
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, output.outputText);
      files += 1;
    }
  }
  writeFileSync(join(root, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  for (const linked of ['node_modules', 'public', 'demo']) symlinkSync(join(PROJECT_ROOT, linked), join(root, linked), 'dir');
  return {
    root,
    files,
    urlOf(source: URL) {
      const path = relative(PROJECT_ROOT, fileURLToPath(source)).replace(/\.tsx?$/, '.js');
      return pathToFileURL(join(root, path));
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}
