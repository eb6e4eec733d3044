/** The scale benchmark's tables and its JSON line (DESIGN.md §5). */
import { fixed, formatTable, round, type Cell } from '../support/report.js';
import { failuresOf, LOAD_COLUMNS, loadMetrics, loadRow, pass, tally } from '../support/loadReport.js';
import type { DrainMeasure, OutboxResult } from './outboxDrain.js';
import type { RegistrationScaleResult } from './registrationScale.js';

export const TARGETS = {
  registration_two_vs_one_min: 0.9,
  overbooked_groups_max: 0,
  duplicates_max: 0,
  failed_requests_max: 0,
  outbox_anomalies_max: 0,
} as const;

export interface Results {
  registration?: RegistrationScaleResult;
  outbox?: OutboxResult;
  /** Why nothing was measured. */
  skipped?: string;
}

export interface Verdicts {
  registration?: boolean;
  outbox?: boolean;
  met: boolean;
}

/** Everything the database checks must find at zero. */
function correct(result: RegistrationScaleResult): boolean {
  const { checks } = result;
  return checks.overbookedGroups === 0 && checks.duplicates === 0 && checks.groupsWithLostSeats === 0 && checks.seqGaps === 0 && checks.confirmedAfterWaitlisted === 0 && checks.answeredNotStored === 0;
}

export function verdictsOf(results: Results): Verdicts {
  const verdicts: Verdicts = { met: results.skipped === undefined };
  const { registration, outbox } = results;
  if (registration) {
    verdicts.registration =
      registration.ratio >= TARGETS.registration_two_vs_one_min && correct(registration) && failuresOf(registration.one) === 0 && failuresOf(registration.two) === 0 && !registration.ranOut;
  }
  if (outbox) verdicts.outbox = [outbox.direct, outbox.worker, outbox.directPooled, outbox.workerTwo].every((measure) => measure.anomalies === 0) && outbox.rowsNotSent === 0;
  verdicts.met = verdicts.met && [verdicts.registration, verdicts.outbox].every((verdict) => verdict !== false);
  return verdicts;
}

const DRAIN_COLUMNS = [
  { header: 'Envoi', align: 'left' as const },
  { header: 'courriels/s' },
  { header: 'ratio' },
  { header: 'bout en bout /s' },
  { header: 'par manche /s' },
  { header: 'CPU ms/courriel' },
  { header: 'anomalies' },
];

function drainRow(measure: DrainMeasure, reference: DrainMeasure): Cell[] {
  return [
    measure.name,
    fixed(measure.mailsPerSecond, 0),
    measure === reference ? '1.000' : fixed(reference.mailsPerSecond > 0 ? measure.mailsPerSecond / reference.mailsPerSecond : 0, 3),
    fixed(measure.mailsPerSecondWall, 0),
    measure.rounds.map((each) => fixed(each.spanSeconds > 0 ? (each.mails - 1) / each.spanSeconds : 0, 0)).join(' · '),
    fixed(measure.cpuMsPerMail, 3),
    measure.anomalies,
  ];
}

export function printTables(results: Results, header: string[], verdicts: Verdicts, connections: number): void {
  const lines: string[] = ['', ...header, ''];
  if (results.skipped) lines.push(`Rien n’a été mesuré : ${results.skipped}`, '');
  const { registration, outbox } = results;
  if (registration) {
    const { checks } = registration;
    const half = Math.floor(connections / 2);
    lines.push(
      `(1) Inscriptions, PostgreSQL (${registration.database}) — ${registration.groups} groupes de ${registration.capacity} places, ${registration.trainees} personnes (une nouvelle par requête, groupe tiré au sort), préparation ${fixed(registration.setupSeconds)} s`,
      formatTable(LOAD_COLUMNS, [
        loadRow(`1 instance (${connections} connexions)`, registration.one, '1.000'),
        loadRow(`2 instances (${connections - half} + ${half} connexions)`, registration.two, fixed(registration.ratio, 3)),
      ]),
      `  CPU par inscription à 2 instances (chauffe comprise) : A ${fixed(registration.twoSplit.a, 3)} ms + B ${fixed(registration.twoSplit.b, 3)} ms. Pendant les manches à 1 instance, B (worker d’outbox et tâches seulement) a consommé ${fixed(registration.idleSecondInstanceCpuSeconds, 2)} s de CPU.`,
      `  Issues (contrôle compris) : 1 instance ${tally(registration.outcomes.one)} ; 2 instances ${tally(registration.outcomes.two)}.${registration.ranOut ? ' Les personnes ont manqué : augmentez --trainees.' : ''}`,
      ...(registration.firstRefusal ? [`  Premier refus : ${registration.firstRefusal}`] : []),
      `  Contrôles en base après la charge (instances arrêtées) : ${checks.registrations} inscriptions (${tally(checks.statuses)}) ; groupes en surréservation ${checks.overbookedGroups} ; groupes avec une place perdue ${checks.groupsWithLostSeats} ; doublons ${checks.duplicates} ; trous de seq ${checks.seqGaps} ; confirmées après une attente ${checks.confirmedAfterWaitlisted} ; réponses 201 absentes de la base ${checks.answeredNotStored} ; inscriptions enregistrées dont autocannon a coupé la réponse en fin de manche ${checks.storedNotAnswered}.`,
      `  Objectif : 2 instances ≥ ${TARGETS.registration_two_vs_one_min} × 1 instance (req/s), 0 surréservation, 0 doublon, 0 échec → ${pass(verdicts.registration)} (ratio ${fixed(registration.ratio, 3)})`,
      '',
    );
  }
  if (outbox) {
    const twoVsOne = outbox.worker.mailsPerSecond > 0 ? outbox.workerTwo.mailsPerSecond / outbox.worker.mailsPerSecond : 0;
    lines.push(
      `(2) Vidage de l’outbox, PostgreSQL (${outbox.database}) — ${outbox.mailsPerRound} courriels par manche, serveur SMTP local sans délai ; courriels/s = (courriels − 1) ÷ (dernière − première arrivée au serveur)`,
      formatTable(DRAIN_COLUMNS, [drainRow(outbox.direct, outbox.direct), drainRow(outbox.worker, outbox.direct), drainRow(outbox.directPooled, outbox.direct), drainRow(outbox.workerTwo, outbox.direct)]),
      `  « bout en bout » : du COMMIT des courriels (worker) ou du début de la boucle (nodemailer) à la dernière arrivée ; le worker attend sa prochaine relève (1 s au plus quand la file était vide).`,
      `  Le transport de l’application (createSmtpTransport) n’est pas « poolé » : nodemailer ouvre une connexion SMTP par courriel, comme la référence ; la ligne « pool » montre ce que vaudrait une connexion réutilisée.`,
      `  2 instances ensemble ÷ 1 instance : ${fixed(twoVsOne, 3)}. Lignes de l’outbox non envoyées à la fin : ${outbox.rowsNotSent}.`,
      `  Pas d’objectif de débit (à titre d’information) ; exigé : chaque courriel reçu une fois, toutes les lignes envoyées → ${pass(verdicts.outbox)} (worker ÷ nodemailer : ${fixed(outbox.ratio, 3)})`,
      '',
    );
  }
  lines.push(`Résultat : ${verdicts.met ? 'objectifs ATTEINTS' : 'objectifs NON ATTEINTS'}.`, '');
  process.stdout.write(`${lines.join('\n')}\n`);
}

const drainMetrics = (measure: DrainMeasure) => ({
  mails_per_s: round(measure.mailsPerSecond, 1),
  mails_per_s_end_to_end: round(measure.mailsPerSecondWall, 1),
  mails: measure.mails,
  by_round: measure.rounds.map((each) => round(each.spanSeconds > 0 ? (each.mails - 1) / each.spanSeconds : 0, 1)),
  cpu_ms_per_mail: round(measure.cpuMsPerMail, 3),
  anomalies: measure.anomalies,
});

export function metricsOf(results: Results, extra: Record<string, unknown>): Record<string, unknown> {
  const { registration, outbox } = results;
  return {
    ...(results.skipped && { skipped: results.skipped }),
    ...(registration && {
      registration: {
        one_instance: loadMetrics(registration.one),
        two_instances: loadMetrics(registration.two),
        two_instances_cpu_ms_per_request: { a: round(registration.twoSplit.a, 3), b: round(registration.twoSplit.b, 3) },
        idle_second_instance_cpu_s: round(registration.idleSecondInstanceCpuSeconds, 2),
        outcomes: registration.outcomes,
        checks: {
          registrations: registration.checks.registrations,
          statuses: registration.checks.statuses,
          overbooked_groups: registration.checks.overbookedGroups,
          groups_with_lost_seats: registration.checks.groupsWithLostSeats,
          duplicates: registration.checks.duplicates,
          seq_gaps: registration.checks.seqGaps,
          confirmed_after_waitlisted: registration.checks.confirmedAfterWaitlisted,
          answered_not_stored: registration.checks.answeredNotStored,
          stored_not_answered: registration.checks.storedNotAnswered,
        },
        ran_out_of_people: registration.ranOut,
        groups: registration.groups,
        capacity: registration.capacity,
        trainees: registration.trainees,
      },
    }),
    ...(outbox && {
      outbox: {
        direct: drainMetrics(outbox.direct),
        worker: drainMetrics(outbox.worker),
        direct_pooled: drainMetrics(outbox.directPooled),
        worker_two_instances: drainMetrics(outbox.workerTwo),
        mails_per_round: outbox.mailsPerRound,
        rows_not_sent: outbox.rowsNotSent,
      },
    }),
    ...extra,
  };
}

export function ratiosOf(results: Results): Record<string, number> {
  const { registration, outbox } = results;
  const ratio = (a: number, b: number) => round(b > 0 ? a / b : 0, 3);
  return {
    ...(registration && { registration_two_vs_one: round(registration.ratio, 3) }),
    ...(outbox && {
      outbox_worker_vs_direct: round(outbox.ratio, 3),
      outbox_direct_pooled_vs_direct: ratio(outbox.directPooled.mailsPerSecond, outbox.direct.mailsPerSecond),
      outbox_worker_two_vs_one: ratio(outbox.workerTwo.mailsPerSecond, outbox.worker.mailsPerSecond),
    }),
  };
}
