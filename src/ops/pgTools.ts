/**
 * Running PostgreSQL's own pg_dump and pg_restore: they know every object of the database
 * (extension, functions, indexes, constraints), which a hand-written dump would not.
 */
import { spawn } from 'node:child_process';
import { OpsError } from './opsError.js';

export type PgTool = 'pg_dump' | 'pg_restore';

/**
 * The connection for a tool's --dbname, and its environment. The password goes through
 * PGPASSWORD rather than the command line, where any user of the machine could read it.
 */
export function toolConnection(url: string): { dbname: string; env: Record<string, string> } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: password ? { PGPASSWORD: password } : {} };
}

export function runPgTool(tool: PgTool, args: readonly string[], env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(tool, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      // Keep the end: the last lines say why the tool stopped.
      stderr = (stderr + chunk).slice(-8000);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        reject(
          new OpsError(
            `${tool} est introuvable : installez le client PostgreSQL de la même version majeure que le serveur (Debian : apt install postgresql-client-15) et vérifiez qu’il est dans le PATH.`,
          ),
        );
      } else {
        reject(new OpsError(`${tool} n’a pas pu être lancé : ${error.message}`));
      }
    });
    child.on('close', (code, signal) => {
      if (code === 0) resolvePromise();
      else reject(new OpsError(`${tool} a échoué (${signal ? `signal ${signal}` : `code ${code}`}) :\n${stderr.trim()}`));
    });
  });
}
