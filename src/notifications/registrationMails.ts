/**
 * The French mails of registration: received, confirmed (the convocation, with its PDF and
 * .ics attached by the outbox worker), waitlisted, offer, offer expired, rejected, reminder,
 * cancelled, group cancelled. Plain text; links are absolute, built from BASE_URL.
 */
import { formatFrenchDateList } from '../domain/dates/formatFrenchDates.js';
import type { MailContent } from './accountMails.js';
import { expiresText } from './accountMails.js';

const signature = '\n\n—\nRelais, plateforme des actions collectives de formation.\nCe message est envoyé automatiquement : merci de ne pas y répondre.';

export interface GroupText {
  trainingTitle: string;
  label: string;
  city: string | null;
  dates: readonly string[];
}

/** "« Titre » — groupe Lille (les 10 & 11 mars 2027)". */
export function groupLine(group: GroupText): string {
  const where = group.city ? ` de ${group.city}` : group.label ? ` « ${group.label} »` : '';
  const when = group.dates.length > 0 ? ` (${formatFrenchDateList(group.dates)})` : '';
  return `« ${group.trainingTitle} » — groupe${where}${when}`;
}

export function registrationReceivedMail(input: { traineeName: string; group: GroupText; link: string }): MailContent {
  return {
    subject: `Inscription reçue : ${input.traineeName} — ${input.group.trainingTitle}`,
    text:
      `Bonjour,\n\nL’inscription de ${input.traineeName} à ${groupLine(input.group)} est enregistrée et attend la validation du financeur. ` +
      `Une place lui est réservée pendant ce temps. Vous recevrez un message dès la décision.\n\nSuivre vos inscriptions : ${input.link}` +
      signature,
  };
}

export function convocationMail(input: { traineeName: string; group: GroupText; schedule: string; venue: string; link: string | null }): MailContent {
  return {
    subject: `Convocation : ${input.group.trainingTitle}`,
    text:
      `Bonjour ${input.traineeName},\n\nVotre inscription à ${groupLine(input.group)} est confirmée.\n\n` +
      `Horaires :\n${input.schedule}\n\nLieu : ${input.venue}\n\n` +
      `À apporter : de quoi prendre des notes, et vos questions ou situations de terrain à partager.\n\n` +
      `Vous trouverez en pièces jointes la convocation (PDF) et l’invitation à ajouter à votre agenda (.ics).` +
      (input.link ? `\n\nVoir l’inscription : ${input.link}` : '') +
      signature,
  };
}

export function registrationConfirmedMail(input: { traineeName: string; group: GroupText; link: string }): MailContent {
  return {
    subject: `Inscription confirmée : ${input.traineeName} — ${input.group.trainingTitle}`,
    text:
      `Bonjour,\n\nL’inscription de ${input.traineeName} à ${groupLine(input.group)} est confirmée. ` +
      `La convocation lui a été envoyée ; vous la trouvez aussi en pièce jointe et dans votre espace employeur.\n\n${input.link}` +
      signature,
  };
}

export function waitlistedMail(input: { traineeName: string; group: GroupText; position: number; link: string }): MailContent {
  return {
    subject: `Liste d’attente (position ${input.position}) : ${input.traineeName} — ${input.group.trainingTitle}`,
    text:
      `Bonjour,\n\n${groupLine(input.group)} est complet. ${input.traineeName} est inscrit·e en liste d’attente, en position ${input.position}.\n\n` +
      `Dès qu’une place se libère, elle vous est proposée par courriel : vous aurez alors un délai pour l’accepter. Rien d’autre à faire d’ici là.\n\n${input.link}` +
      signature,
  };
}

export function offerMail(input: { traineeName: string; group: GroupText; expiresAt: Date; link: string }): MailContent {
  return {
    subject: `Une place est disponible pour ${input.traineeName} — ${input.group.trainingTitle}`,
    text:
      `Bonjour,\n\nUne place s’est libérée dans ${groupLine(input.group)}. Elle est réservée à ${input.traineeName} jusqu’au ${expiresText(input.expiresAt)}.\n\n` +
      `Pour l’accepter ou la refuser, ouvrez ce lien :\n${input.link}\n\n` +
      `Sans réponse à cette date, la place sera proposée à la personne suivante de la liste d’attente.` +
      signature,
  };
}

export function offerExpiredMail(input: { traineeName: string; group: GroupText }): MailContent {
  return {
    subject: `Proposition expirée : ${input.traineeName} — ${input.group.trainingTitle}`,
    text:
      `Bonjour,\n\nLa place proposée à ${input.traineeName} dans ${groupLine(input.group)} n’a pas été acceptée à temps : elle est passée à la personne suivante de la liste d’attente.\n\n` +
      `Vous pouvez inscrire de nouveau cette personne à un autre groupe depuis le catalogue.` +
      signature,
  };
}

export function rejectedMail(input: { traineeName: string; group: GroupText; reason: string }): MailContent {
  return {
    subject: `Inscription non retenue : ${input.traineeName} — ${input.group.trainingTitle}`,
    text: `Bonjour,\n\nLe financeur n’a pas retenu l’inscription de ${input.traineeName} à ${groupLine(input.group)}.\n\nMotif : ${input.reason}` + signature,
  };
}

export function cancelledMail(input: { traineeName: string; group: GroupText; byEmployer: boolean }): MailContent {
  return {
    subject: `Inscription annulée : ${input.traineeName} — ${input.group.trainingTitle}`,
    text:
      `Bonjour,\n\nL’inscription de ${input.traineeName} à ${groupLine(input.group)} est annulée` +
      (input.byEmployer ? ' à la demande de son employeur.' : '.') +
      ' La convocation envoyée n’est plus valable.' +
      signature,
  };
}

export function groupCancelledMail(input: { traineeName: string; group: GroupText; reason: string; otherGroups: readonly string[]; catalogueLink: string }): MailContent {
  const others = input.otherGroups.length > 0 ? `Autres groupes de cette formation encore ouverts :\n${input.otherGroups.map((line) => `- ${line}`).join('\n')}\n\n` : '';
  return {
    subject: `Groupe annulé : ${input.group.trainingTitle}`,
    text:
      `Bonjour,\n\nLe financeur a annulé ${groupLine(input.group)}. L’inscription de ${input.traineeName} est donc annulée.\n\nMotif : ${input.reason}\n\n` +
      others +
      `S’inscrire à un autre groupe : ${input.catalogueLink}` +
      signature,
  };
}

export function reminderMail(input: { traineeName: string; group: GroupText; schedule: string; venue: string }): MailContent {
  return {
    subject: `Rappel : ${input.group.trainingTitle} dans une semaine`,
    text: `Bonjour ${input.traineeName},\n\nPetit rappel : ${groupLine(input.group)}.\n\nHoraires :\n${input.schedule}\n\nLieu : ${input.venue}` + signature,
  };
}

export function minimumSizeAlertMail(input: { group: GroupText; confirmed: number; minimum: number; link: string }): MailContent {
  return {
    subject: `Décision à prendre : ${input.group.trainingTitle} (${input.confirmed}/${input.minimum} inscrits)`,
    text:
      `Bonjour,\n\n${groupLine(input.group)} compte ${input.confirmed} inscription(s) confirmée(s) pour un minimum de ${input.minimum}.\n\n` +
      `Maintien ou annulation : décidez depuis la page du groupe :\n${input.link}` +
      signature,
  };
}
