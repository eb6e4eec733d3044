/**
 * The `relais` command as a user runs it: through bin/relais.js, in a child process, against a
 * real database file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const SEED = join(ROOT, 'demo/fiches/aller-vers-module-1.txt');
const dir = mkdtempSync(join(tmpdir(), 'relais-cli-'));
const DATABASE_URL = `sqlite:${join(dir, 'relais.db')}`;

function relais(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/relais.js'), ...args], {
    cwd: ROOT,
    // Vitest sets BASE_URL=/ for Vite; a real shell would not.
    env: { ...process.env, DATABASE_URL, NODE_ENV: 'test', BASE_URL: 'http://localhost:3000', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('relais import fiche', () => {
  it('prints the draft as JSON with --dry-run --json, and writes nothing', () => {
    const { status, stdout } = relais(['import', 'fiche', SEED, '--dry-run', '--json']);
    expect(status).toBe(0);
    const draft = JSON.parse(stdout);
    expect(Object.keys(draft).sort()).toEqual(
      ['title', 'module', 'sectors', 'public', 'durationDays', 'durationHours', 'provider', 'sessions', 'contact', 'cofunders', 'context', 'objectives', 'prerequisites', 'content', 'capacityMax', 'unparsed'].sort(),
    );
    expect(draft.module).toEqual({ number: 1, title: 'Aller vers : une nécessaire préparation' });
    expect(draft.sessions).toEqual([
      { label: 'Groupe 1', city: 'Lille', dates: ['2022-03-10', '2022-03-11'] },
      { label: 'Groupe 2', city: 'Arras', dates: ['2022-03-17', '2022-03-18'] },
      { label: 'Groupe 3', city: 'Amiens', dates: ['2022-03-15', '2022-03-16'] },
    ]);
    expect(draft.contact).toEqual({ name: 'Chloe Demeyere', email: 'chloe.dmeyere@opco-sante.fr' });
    expect(draft.capacityMax).toBeNull();
    expect(draft.unparsed).toEqual([]);
    expect(existsSync(join(dir, 'relais.db'))).toBe(false);
  });

  it('refuses a file that is not a fiche with a French message', () => {
    const notAFiche = join(dir, 'compte-rendu.txt');
    writeFileSync(notAFiche, 'Compte rendu de la réunion du 3 mars.\nPrésents : tous.\n');
    const { status, stderr } = relais(['import', 'fiche', notAFiche, '--dry-run', '--json']);
    expect(status).toBe(1);
    expect(stderr).toContain('n’est pas une fiche technique reconnue');
    const binary = join(dir, 'image.bin');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0x00, 0x01]));
    const refused = relais(['import', 'fiche', binary]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('ni un texte ni un PDF');
    const empty = join(dir, 'vide.txt');
    writeFileSync(empty, '');
    expect(relais(['import', 'fiche', empty]).stderr).toContain('Le fichier est vide.');
    const brokenPdf = join(dir, 'abime.pdf');
    writeFileSync(brokenPdf, '%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage');
    const unreadable = relais(['import', 'fiche', brokenPdf]);
    expect(unreadable.status).toBe(1);
    expect(unreadable.stderr).toMatch(/PDF (est illisible|ne contient aucun texte)/);
    expect(relais(['import', 'fiche', join(dir, 'absent.txt')]).status).toBe(2);
    expect(existsSync(join(dir, 'relais.db'))).toBe(false);
  });

  it('migrates, seeds the demo, and updates a training when its fiche is imported again', () => {
    const migrated = relais(['db', 'migrate']);
    expect(migrated.status).toBe(0);
    expect(migrated.stdout).toContain('Migrations appliquées');
    expect(relais(['db', 'migrate']).stdout).toContain('Schéma à jour');
    const noFunder = relais(['import', 'fiche', SEED]);
    expect(noFunder.status).toBe(1);
    expect(noFunder.stderr).toContain('Aucun financeur');
    expect(relais(['demo', 'seed']).stdout).toContain('Données de démonstration créées');
    // The demo already imported the seed fiche: importing it again updates it.
    const again = relais(['import', 'fiche', SEED, '--publish']);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('Toutes les lignes ont été comprises');
    expect(again.stderr).toContain('Formation mise à jour');
    expect(again.stderr).toContain('Attention : le Groupe 4 n’est plus dans la fiche');
  });

  it('sets up a production catalogue without demo data: funder, admin invitation, import, token', () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'production.db')}` };
    expect(relais(['funder', 'create', '--name', 'OPCO Santé Bretagne', '--short-name', 'OPCO Santé', '--region', '53'], env).stdout).toContain('Financeur créé : opco-sante-bretagne');
    expect(relais(['funder', 'create', '--name', 'OPCO Santé Bretagne', '--short-name', 'OPCO Santé'], env).stderr).toContain('existe déjà');
    const invited = relais(['user', 'create', '--email', 'admin@opco-bretagne.example', '--name', 'Anne Admin', '--org', 'opco-sante-bretagne', '--role', 'funder_admin'], env);
    expect(invited.status).toBe(0);
    expect(invited.stdout).toMatch(/http:\/\/localhost:3000\/invitation\/\S{20,}/);
    expect(relais(['user', 'create', '--email', 'x@y.example', '--name', 'X', '--org', 'opco-sante-bretagne', '--role', 'chef'], env).status).toBe(2);
    expect(relais(['user', 'list'], env).stdout).toContain('admin@opco-bretagne.example');
    const imported = relais(['import', 'fiche', SEED, '--publish'], env);
    expect(imported.status).toBe(0);
    expect(imported.stderr).toContain('Formation créée');
    // An invited person has no password yet: no token until the account is active.
    expect(relais(['token', 'create', '--email', 'admin@opco-bretagne.example'], env).stderr).toContain('pas actif');
  });

  it('stops with a message naming a bad variable', () => {
    const { status, stderr } = relais(['db', 'migrate'], { DATABASE_URL: 'mysql://nope' });
    expect(status).toBe(1);
    expect(stderr).toContain('DATABASE_URL');
  });
});
