/**
 * The mails of the outbox part, the same byte for byte whether the app's worker or the bare
 * nodemailer loop sends them: mail n goes to person n, with a subject and a text of the size
 * of the app's registration mails (about 700 characters), and no attachment — the attachments'
 * rendering is the app's business, not the cost of sending.
 */
export const BENCH_MAIL_FROM = 'Relais <ne-pas-repondre@relais.bench>';

export interface BenchMail {
  to: string;
  subject: string;
  text: string;
}

export function benchMail(index: number): BenchMail {
  const name = `Personne ${index + 1} Banc`;
  return {
    to: `personne.${index + 1}@structure.example`,
    subject: `Liste d’attente (position ${(index % 40) + 1}) : ${name} — La pratique de l’Aller Vers les publics – Module 1`,
    text: [
      'Bonjour,',
      '',
      `${name} est inscrite en liste d’attente (position ${(index % 40) + 1}) pour la formation « La pratique de l’Aller Vers les publics – Module 1 « Aller vers : une nécessaire préparation » », Groupe banc — Lille — les 10 & 11 mars.`,
      '',
      'Si une place se libère, elle lui sera proposée par courriel, dans l’ordre de la liste d’attente, pour une durée limitée : pensez à répondre à temps.',
      '',
      'Vous pouvez suivre vos inscriptions dans votre espace employeur : http://127.0.0.1/employeur/inscriptions',
      '',
      'Cordialement,',
      'Relais — actions collectives de formation',
    ].join('\n'),
  };
}

/** The Message-ID of bench mail n in a run of the bare loop (the worker uses the outbox row id). */
export function directMessageId(prefix: string, index: number): string {
  return `<${prefix}-${index}@relais.bench>`;
}
