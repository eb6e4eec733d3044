/** The registration benchmark's tables and its JSON line (DESIGN.md §5). */
import { fixed, formatTable, round, type Cell } from '../support/report.js';
import type { PostgresResult } from './postgresScenario.js';
import type { QueryProfile } from './queryProfile.js';
import { failuresOf, LOAD_COLUMNS, loadMetrics, loadRow, pass, tally } from '../support/loadReport.js';
import type { Pooled } from './rounds.js';
import type { RushResult } from './rushScenario.js';
import type { SqliteResult } from './sqliteScenario.js';

export const TARGETS = {
  sqlite_app_vs_bare_min: 0.5,
  postgres_app_vs_raw_min: 0.6,
  rush_total_ms_max: 1000,
  rush_overbooked_groups_max: 0,
  rush_failed_requests_max: 0,
} as const;

export interface Results {
  sqlite?: SqliteResult;
  postgres?: PostgresResult;
  /** Why PostgreSQL was not measured. */
  postgresSkipped?: string;
  rush?: RushResult;
}

export interface Verdicts {
  sqlite?: boolean;
  postgres?: boolean;
  rush?: boolean;
  met: boolean;
}

export function verdictsOf(results: Results): Verdicts {
  const verdicts: Verdicts = { met: true };
  if (results.sqlite) verdicts.sqlite = results.sqlite.ratio >= TARGETS.sqlite_app_vs_bare_min && failuresOf(results.sqlite.app) === 0 && failuresOf(results.sqlite.bare) === 0;
  if (results.postgres) verdicts.postgres = results.postgres.ratio >= TARGETS.postgres_app_vs_raw_min && failuresOf(results.postgres.app) === 0 && failuresOf(results.postgres.raw) === 0;
  if (results.rush) {
    const rush = results.rush;
    verdicts.rush = rush.totalMs < TARGETS.rush_total_ms_max && !rush.overbooked && rush.exactlyFull && rush.consistent && rush.failed === 0 && rush.mailsSeen >= rush.mailsExpected;
  }
  verdicts.met = [verdicts.sqlite, verdicts.postgres, verdicts.rush].every((verdict) => verdict !== false);
  return verdicts;
}


/** The throughput ratio to expect when the server saturates its core: less sensitive to the machine's other load. */
function cpuRatioOf(app: Pooled, baseline: Pooled): number | null {
  return app.cpuMsPerRequest && baseline.cpuMsPerRequest ? baseline.cpuMsPerRequest / app.cpuMsPerRequest : null;
}

function cpuLine(app: Pooled, baseline: Pooled): string {
  const ratio = cpuRatioOf(app, baseline);
  if (ratio === null) return 'non mesuré';
  return `${fixed(app.cpuMsPerRequest ?? 0, 3)} ms par inscription contre ${fixed(baseline.cpuMsPerRequest ?? 0, 3)} ms pour la route nue, soit un ratio de ${fixed(ratio, 3)} attendu quand le serveur sature son cœur`;
}

function profileLines(profile: QueryProfile | null): string[] {
  if (!profile) return [];
  const { statements: s, databaseMs: d } = profile;
  return [
    `  Profil d’une inscription (médiane de ${profile.registrations}, hors charge) : ${s.total} requêtes SQL — jeton ${s.token}, avant le verrou ${s.beforeLock}, sous le verrou ${s.underLock} (BEGIN et COMMIT compris), après COMMIT ${s.afterCommit}.`,
    `  Temps base de données : jeton ${fixed(d.token, 2)} ms, avant ${fixed(d.beforeLock, 2)} ms, sous le verrou ${fixed(d.underLock, 2)} ms, après ${fixed(d.afterCommit, 2)} ms ; verrou tenu ${fixed(profile.lockHeldMs, 2)} ms (JavaScript compris) ; appel complet ${fixed(profile.wallMs, 2)} ms.`,
    `  Sous le verrou, dans l’ordre : ${profile.underLockStatements.map((statement, index) => `\n    ${String(index + 1).padStart(2)}. ${statement}`).join('')}`,
  ];
}

export function printTables(results: Results, context: { header: string[] }, verdicts: Verdicts): void {
  const lines: string[] = ['', ...context.header, ''];
  const { sqlite, postgres, rush } = results;
  if (sqlite) {
    lines.push(
      `(a) SQLite — ${sqlite.groups} groupes de ${sqlite.capacity} places, ${sqlite.trainees} personnes (une par requête), préparation ${fixed(sqlite.setupSeconds)} s`,
      formatTable(LOAD_COLUMNS, [loadRow(sqlite.bare.name, sqlite.bare, '1.000'), loadRow(sqlite.app.name, sqlite.app, fixed(sqlite.ratio, 3))]),
      `  Issues (chauffe et contrôle compris) : application ${tally(sqlite.outcomes.app)} ; route nue ${tally(sqlite.outcomes.bare)}.${sqlite.appRanOut ? ' L’application a épuisé ses personnes : augmentez --trainees.' : ''}`,
      `  Courriels de l’application à la fin de la charge (outbox par statut ; pending = pas encore traités par le worker) : ${tally(sqlite.outbox)}.`,
      `  Coût CPU : ${cpuLine(sqlite.app, sqlite.bare)}.`,
      ...(sqlite.firstRefusal.app ? [`  Premier refus de l’application : ${sqlite.firstRefusal.app}`] : []),
      ...profileLines(sqlite.profile),
      `  Objectif : application ≥ ${TARGETS.sqlite_app_vs_bare_min} × route nue (req/s), 0 échec → ${pass(verdicts.sqlite)} (ratio ${fixed(sqlite.ratio, 3)})`,
      '',
    );
  }
  if (postgres) {
    lines.push(
      `(b) PostgreSQL (${postgres.database}) — un groupe chaud de ${postgres.capacity} places par côté, ${postgres.trainees} personnes, préparation ${fixed(postgres.setupSeconds)} s`,
      formatTable(LOAD_COLUMNS, [loadRow(postgres.raw.name, postgres.raw, '1.000'), loadRow(postgres.app.name, postgres.app, fixed(postgres.ratio, 3))]),
      `  Issues (chauffe et contrôle compris) : application ${tally(postgres.outcomes.app)} ; pg brut ${tally(postgres.outcomes.raw)}. Groupe chaud de l’application : ${postgres.hotGroup.registrations} inscriptions, ${postgres.hotGroup.people} personnes distinctes, ${postgres.hotGroup.confirmed} confirmées, ${postgres.hotGroup.seqGaps} trou(s) de seq.`,
      ...(postgres.firstRefusal.app ? [`  Premier refus de l’application : ${postgres.firstRefusal.app}`] : []),
      ...(postgres.firstRefusal.raw ? [`  Première erreur de pg brut : ${postgres.firstRefusal.raw}`] : []),
      ...(postgres.appRanOut || postgres.rawRanOut ? ['  Personnes épuisées pendant la mesure : augmentez --pg-trainees.'] : []),
      ...profileLines(postgres.profile),
      `  Objectif : application ≥ ${TARGETS.postgres_app_vs_raw_min} × pg brut (req/s), 0 échec → ${pass(verdicts.postgres)} (ratio ${fixed(postgres.ratio, 3)})`,
      '',
    );
  } else if (results.postgresSkipped) {
    lines.push(`(b) PostgreSQL : non mesuré — ${results.postgresSkipped}`, '');
  }
  if (rush) {
    lines.push(
      `(c) Ruée SQLite — ${rush.employers} établissements (un compte RH, un jeton, une personne chacun) sur 3 groupes de ${rush.seatsPerGroup} places, toutes les demandes d’un coup, une connexion chacune`,
      formatTable(
        [{ header: 'Mesure', align: 'left' }, { header: 'valeur', align: 'left' }],
        [
          ['Première demande → tout répondu et tout courriel en outbox', `${fixed(rush.totalMs, 0)} ms`],
          ['  dont : dernière réponse', `${fixed(rush.answersMs, 0)} ms`],
          ['  dont : tous les courriels vus en outbox', `${fixed(rush.mailsMs, 0)} ms (${rush.mailsSeen} / ${rush.mailsExpected})`],
          ['Envoi de toutes les demandes (client)', `${fixed(rush.dispatchMs, 0)} ms`],
          ['Latence p50 / p95 / p99 / max', `${fixed(rush.latencyMs.p50, 0)} / ${fixed(rush.latencyMs.p95, 0)} / ${fixed(rush.latencyMs.p99, 0)} / ${fixed(rush.latencyMs.max, 0)} ms`],
          ['Réponses HTTP', tally(rush.statuses)],
          ['Issues', tally(rush.outcomes)],
          ...rush.groups.map((group, index): Cell[] => [
            `Groupe ${index + 4}`,
            `${group.confirmed} confirmées, ${group.waitlisted} en liste d’attente, ${group.other} autres ; ${group.people} personnes ; ${group.seqGaps} trou(s) de seq ; ${group.confirmedAfterWaitlisted} confirmée(s) après une attente`,
          ]),
        ],
      ),
      ...(rush.firstFailure ? [`  Premier échec : ${rush.firstFailure}`] : []),
      ...(rush.profile ? ['  Après la ruée, inscription d’établissements nouveaux (jeton jamais utilisé) dans un groupe complet :', ...profileLines(rush.profile)] : []),
      `  Contrôles : surbooking ${rush.overbooked ? 'OUI' : 'aucun'} ; exactement ${rush.seatsPerGroup} confirmées par groupe : ${rush.exactlyFull ? 'oui' : 'NON'} ; les autres en liste d’attente, une inscription par personne, seq sans trou, confirmées d’abord : ${rush.consistent ? 'oui' : 'NON'}.`,
      `  Objectif : < ${TARGETS.rush_total_ms_max} ms, aucun surbooking, exactement ${rush.seatsPerGroup} confirmées par groupe, les autres en liste d’attente, 0 échec → ${pass(verdicts.rush)}`,
      '',
    );
  }
  lines.push(`Résultat : ${verdicts.met ? 'objectifs ATTEINTS' : 'objectifs NON ATTEINTS'}.`, '');
  process.stdout.write(`${lines.join('\n')}\n`);
}

const roundOrNull = (value: number | null, digits = 3) => (value === null ? null : round(value, digits));

const profileMetrics = (profile: QueryProfile | null) =>
  profile && {
    statements: profile.statements,
    database_ms: Object.fromEntries(Object.entries(profile.databaseMs).map(([key, value]) => [key, round(value, 3)])),
    lock_held_ms: round(profile.lockHeldMs, 3),
    wall_ms: round(profile.wallMs, 3),
  };

export function metricsOf(results: Results, extra: Record<string, unknown>): Record<string, unknown> {
  const { sqlite, postgres, rush } = results;
  return {
    ...(sqlite && {
      sqlite: {
        app: loadMetrics(sqlite.app),
        bare: loadMetrics(sqlite.bare),
        app_vs_bare_by_cpu: roundOrNull(cpuRatioOf(sqlite.app, sqlite.bare)),
        outcomes: sqlite.outcomes,
        outbox_at_end: sqlite.outbox,
        groups: sqlite.groups,
        capacity: sqlite.capacity,
        trainees: sqlite.trainees,
        profile: profileMetrics(sqlite.profile),
      },
    }),
    postgres: postgres
      ? {
          app: loadMetrics(postgres.app),
          raw: loadMetrics(postgres.raw),
          outcomes: postgres.outcomes,
          hot_group: postgres.hotGroup,
          capacity: postgres.capacity,
          trainees: postgres.trainees,
          profile: profileMetrics(postgres.profile),
        }
      : { skipped: results.postgresSkipped ?? 'not requested' },
    ...(rush && {
      rush: {
        total_ms: round(rush.totalMs, 1),
        answers_ms: round(rush.answersMs, 1),
        mails_ms: round(rush.mailsMs, 1),
        dispatch_ms: round(rush.dispatchMs, 1),
        p50_ms: round(rush.latencyMs.p50, 1),
        p95_ms: round(rush.latencyMs.p95, 1),
        p99_ms: round(rush.latencyMs.p99, 1),
        max_ms: round(rush.latencyMs.max, 1),
        employers: rush.employers,
        seats_per_group: rush.seatsPerGroup,
        statuses: rush.statuses,
        failed: rush.failed,
        outcomes: rush.outcomes,
        mails_expected: rush.mailsExpected,
        mails_seen: rush.mailsSeen,
        groups: rush.groups.map((group) => ({ confirmed: group.confirmed, waitlisted: group.waitlisted, other: group.other, people: group.people, seq_gaps: group.seqGaps, confirmed_after_waitlisted: group.confirmedAfterWaitlisted })),
        overbooked: rush.overbooked,
        exactly_full: rush.exactlyFull,
        consistent: rush.consistent,
        warmup_registrations: rush.warmupRegistrations,
        profile_waitlisted_fresh_token: profileMetrics(rush.profile),
      },
    }),
    ...extra,
  };
}

export function ratiosOf(results: Results): Record<string, number> {
  return {
    ...(results.sqlite && { sqlite_app_vs_bare: round(results.sqlite.ratio, 3) }),
    ...(results.postgres && { postgres_app_vs_raw: round(results.postgres.ratio, 3) }),
  };
}
