/**
 * The `relais` command line. Entry points only: every command calls the same use cases as
 * the web app.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, parseDatabaseUrl } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { describeDemoSeed } from '../demo/describeDemoSeed.js';
import { seedDemoIfEmpty } from '../demo/seedDemo.js';
import { systemClock } from '../domain/clock.js';
import { DomainError } from '../domain/errors.js';
import { FicheFileError } from '../import/ficheFileError.js';
import { readFicheText } from '../import/readFicheFile.js';
import { API_SCOPES } from '../domain/accounts/apiScopes.js';
import { isRole, ROLES } from '../domain/accounts/roles.js';
import { createApiTokenAsOperator } from '../use-cases/accounts/apiTokens.js';
import { inviteUserAsOperator } from '../use-cases/accounts/inviteUser.js';
import { importFiche, readFiche, type ImportFicheResult } from '../use-cases/importFiche.js';
import { createFunderAsOperator } from '../use-cases/organisations/createFunder.js';
import { repositoriesOn } from '../use-cases/repositories.js';
import { backupDatabase } from '../ops/backup.js';
import { copyDatabase } from '../ops/copyDatabase.js';
import { OpsError } from '../ops/opsError.js';
import { restoreDatabase } from '../ops/restore.js';

const USAGE = `Usage :
  relais db migrate
      Met le schéma de la base (DATABASE_URL) à jour.
  relais db copy --from URL --to URL
      Copie toutes les données d’une base Relais dans une autre, neuve (par exemple
      --from sqlite:./data/relais.db --to postgres://relais@localhost/relais), puis vérifie
      table par table le nombre de lignes et une somme de contrôle ; code 1 si elles diffèrent.
  relais backup FICHIER
      Sauvegarde la base (DATABASE_URL) dans FICHIER pendant que l’application tourne :
      SQLite par l’API de sauvegarde en ligne, PostgreSQL par pg_dump (format custom).
  relais restore FICHIER
      Restaure une sauvegarde dans la base DATABASE_URL, qui doit être vide (aucune ligne
      dans funders, users, registrations), puis met son schéma à jour.
  relais demo seed
      Crée les données de démonstration dans une base vide.
  relais funder create --name NOM --short-name NOM_COURT [--slug SLUG] [--region CODE] [--lheo CODE]
      Crée un financeur (catalogue) ; ses administrateurs s’invitent ensuite avec user create.
  relais user create --email E --name N --org ORG --role ROLE
      Invite une personne (ORG : slug du financeur, SIRET ou nom de l’organisation) ;
      affiche le lien d’invitation, valable 7 jours. Rôles : ${ROLES.join(', ')}.
  relais user list
      Liste les comptes et leurs rôles.
  relais token create --email E [--scopes S1,S2] [--expires JOURS] [--name NOM]
      Crée un jeton d’API et l’affiche une seule fois. Autorisations : ${Object.keys(API_SCOPES).join(', ')}.
  relais import fiche FICHIER [--dry-run] [--json] [--publish] [--funder SLUG] [--region CODE] [--theme NOM]
      Importe une fiche technique (texte ou PDF). --dry-run : n’écrit rien ;
      --json : affiche le brouillon extrait en JSON ; --publish : publie la formation.
`;

class UsageError extends Error {}

/** Opens the database of DATABASE_URL, brings its schema up to date, runs `work`, closes. */
async function withDatabase<T>(work: (database: Database, appliedMigrations: string[]) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = openDatabase(config.database, { poolSize: 2 });
  try {
    const applied = await migrateToLatest(database);
    return await work(database, applied);
  } finally {
    await database.close();
  }
}

async function importFicheCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      publish: { type: 'boolean', default: false },
      funder: { type: 'string' },
      region: { type: 'string' },
      theme: { type: 'string' },
    },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError('Indiquez un fichier de fiche (et un seul).');
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch {
    throw new UsageError(`Fichier introuvable ou illisible : ${file}`);
  }
  const text = await readFicheText(bytes, file);
  const input = { text, funderSlug: values.funder, regionCode: values.region, themeName: values.theme, publish: values.publish };
  // A dry run only parses: it does not even create or migrate the database.
  const result: Pick<ImportFicheResult, 'draft' | 'saved' | 'groupsNotInFiche'> = values['dry-run']
    ? { ...readFiche(text), saved: null, groupsNotInFiche: [] }
    : await withDatabase((database) => importFiche(database, systemClock, input));
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result.draft, null, 2)}\n`);
  } else {
    const { draft } = result;
    console.log(`Fiche lue : ${draft.title}`);
    console.log(`  ${draft.sessions.length} groupe(s), ${draft.objectives.length} objectif(s), ${draft.content.length} point(s) de contenu`);
    if (draft.unparsed.length > 0) {
      console.log(`  Lignes non comprises (${draft.unparsed.length}) :`);
      for (const line of draft.unparsed) console.log(`    - ${line}`);
    } else {
      console.log('  Toutes les lignes ont été comprises.');
    }
  }
  const report = result.saved
    ? `Formation ${result.saved.created ? 'créée' : 'mise à jour'} : /formations/${result.saved.slug}`
    : 'Essai à blanc : rien n’a été enregistré.';
  process.stderr.write(`${report}\n`);
  for (const label of result.groupsNotInFiche) process.stderr.write(`  Attention : le ${label} n’est plus dans la fiche ; il a été conservé.\n`);
}

async function userCommand(subcommand: string | undefined, args: string[]): Promise<void> {
  if (subcommand === 'list') {
    const users = await withDatabase((database) => repositoriesOn(database.db, database.dialect).users.listAll());
    for (const user of users) {
      const roles = user.memberships.map((m) => m.role).join(', ') || 'aucun rôle';
      console.log(`${user.email.padEnd(32)} ${user.status.padEnd(8)} ${user.displayName} — ${roles}`);
    }
    if (users.length === 0) console.log('Aucun compte.');
    return;
  }
  if (subcommand !== 'create') throw new UsageError(`Commande inconnue : user ${subcommand ?? ''}`);
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' }, org: { type: 'string' }, role: { type: 'string' } } });
  if (!values.email || !values.name || !values.org || !values.role) throw new UsageError('Indiquez --email, --name, --org et --role.');
  const role = values.role;
  if (!isRole(role)) throw new UsageError(`Rôle inconnu : ${role}. Rôles possibles : ${ROLES.join(', ')}.`);
  const config = loadConfig();
  const result = await withDatabase(async (database) => {
    const organisation = await repositoriesOn(database.db, database.dialect).organisations.findOrganisationByKey(values.org ?? '');
    if (!organisation) throw new DomainError('NOT_FOUND', `Organisation introuvable : « ${values.org} » (slug du financeur, SIRET ou nom attendu).`);
    return inviteUserAsOperator(database, systemClock, config, {
      email: values.email ?? '',
      displayName: values.name ?? '',
      organisationKind: organisation.kind,
      organisationId: organisation.id,
      role,
    });
  });
  console.log(result.invitationLink ? `Invitation créée. Lien (valable 7 jours, envoyé aussi par courriel) :\n${result.invitationLink}` : 'Le compte existait déjà : le rôle a été ajouté.');
}

async function tokenCommand(subcommand: string | undefined, args: string[]): Promise<void> {
  if (subcommand !== 'create') throw new UsageError(`Commande inconnue : token ${subcommand ?? ''}`);
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, scopes: { type: 'string' }, expires: { type: 'string' }, name: { type: 'string' } } });
  if (!values.email) throw new UsageError('Indiquez --email.');
  const expires = values.expires === undefined ? 90 : Number(values.expires);
  const result = await withDatabase(async (database) => {
    const user = await repositoriesOn(database.db, database.dialect).users.findByEmail(values.email ?? '');
    if (!user) throw new DomainError('NOT_FOUND', `Aucun compte pour ${values.email}.`);
    return createApiTokenAsOperator(database, systemClock, {
      userId: user.id,
      name: values.name ?? `Jeton créé en ligne de commande le ${new Date().toLocaleDateString('fr-FR')}`,
      scopes: (values.scopes ?? 'catalogue:read').split(',').map((scope) => scope.trim()).filter(Boolean),
      expiresInDays: expires,
    });
  });
  console.log('Jeton d’API (affiché une seule fois, conservez-le en lieu sûr) :');
  console.log(result.token);
}

async function funderCommand(subcommand: string | undefined, args: string[]): Promise<void> {
  if (subcommand !== 'create') throw new UsageError(`Commande inconnue : funder ${subcommand ?? ''}`);
  const { values } = parseArgs({ args, options: { name: { type: 'string' }, 'short-name': { type: 'string' }, slug: { type: 'string' }, region: { type: 'string' }, lheo: { type: 'string' } } });
  if (!values.name || !values['short-name']) throw new UsageError('Indiquez --name et --short-name.');
  const funder = await withDatabase((database) =>
    createFunderAsOperator(database, systemClock, { name: values.name ?? '', shortName: values['short-name'] ?? '', slug: values.slug, regionCode: values.region, lheoCode: values.lheo }),
  );
  console.log(`Financeur créé : ${funder.slug}`);
}

async function copyCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { from: { type: 'string' }, to: { type: 'string' } } });
  if (!values.from || !values.to) throw new UsageError('Indiquez --from URL et --to URL (sqlite:CHEMIN ou postgres://…).');
  const report = await copyDatabase(parseDatabaseUrl(values.from, '--from'), parseDatabaseUrl(values.to, '--to'));
  console.log(report.text);
  if (!report.ok) process.exitCode = 1;
}

async function run(argv: string[]): Promise<void> {
  const [command, subcommand, ...rest] = argv;
  if (command === 'db' && subcommand === 'migrate') {
    const applied = await withDatabase(async (_database, appliedMigrations) => appliedMigrations);
    console.log(applied.length === 0 ? 'Schéma à jour.' : `Migrations appliquées : ${applied.join(', ')}.`);
    return;
  }
  if (command === 'db' && subcommand === 'copy') return copyCommand(rest);
  if (command === 'backup' || command === 'restore') {
    if (!subcommand || rest.length > 0) throw new UsageError(`Indiquez un fichier de sauvegarde (et un seul) : relais ${command} FICHIER`);
    const { database } = loadConfig();
    const report = command === 'backup' ? await backupDatabase(database, subcommand) : await restoreDatabase(subcommand, database);
    console.log(report.text);
    return;
  }
  if (command === 'demo' && subcommand === 'seed') {
    const config = loadConfig();
    const seed = await withDatabase((database) => seedDemoIfEmpty(database, systemClock, { withAccounts: config.nodeEnv !== 'production' }));
    console.log(seed.seeded ? describeDemoSeed(seed) : 'La base contient déjà des données : rien n’a été ajouté.');
    return;
  }
  if (command === 'import' && subcommand === 'fiche') return importFicheCommand(rest);
  if (command === 'funder') return funderCommand(subcommand, rest);
  if (command === 'user') return userCommand(subcommand, rest);
  if (command === 'token') return tokenCommand(subcommand, rest);
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return;
  }
  throw new UsageError(`Commande inconnue : ${argv.join(' ')}`);
}

run(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (error instanceof DomainError || error instanceof FicheFileError || error instanceof ConfigError || error instanceof OpsError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  if (error instanceof Error && 'code' in error && error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    process.stderr.write(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  process.stderr.write(`Erreur inattendue : ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
