/**
 * The French mails about accounts. Plain text, so they read well in every client; links are
 * absolute, built from BASE_URL.
 */
export interface MailContent {
  subject: string;
  text: string;
}

const signature = '\n\n—\nRelais, plateforme des actions collectives de formation.\nCe message est envoyé automatiquement : merci de ne pas y répondre.';

export function invitationMail(input: { inviteeName: string; inviterName: string; organisationName: string; roleLabel: string; link: string; expiresText: string }): MailContent {
  return {
    subject: `Invitation à rejoindre Relais (${input.organisationName})`,
    text:
      `Bonjour ${input.inviteeName},\n\n` +
      `${input.inviterName} vous invite à rejoindre Relais pour ${input.organisationName}, en tant que ${input.roleLabel}.\n\n` +
      `Pour activer votre compte et choisir votre mot de passe, ouvrez ce lien :\n${input.link}\n\n` +
      `Ce lien est personnel et valable jusqu’au ${input.expiresText}.` +
      signature,
  };
}

export function passwordResetMail(input: { name: string; link: string; expiresText: string }): MailContent {
  return {
    subject: 'Réinitialisation de votre mot de passe Relais',
    text:
      `Bonjour ${input.name},\n\n` +
      `Une réinitialisation du mot de passe de votre compte Relais a été demandée. Pour choisir un nouveau mot de passe, ouvrez ce lien :\n${input.link}\n\n` +
      `Ce lien est valable jusqu’au ${input.expiresText} et ne sert qu’une fois. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.` +
      signature,
  };
}

export function emailChangeMail(input: { name: string; link: string; expiresText: string }): MailContent {
  return {
    subject: 'Confirmez votre nouvelle adresse électronique',
    text:
      `Bonjour ${input.name},\n\n` +
      `Pour que cette adresse devienne celle de votre compte Relais, ouvrez ce lien :\n${input.link}\n\n` +
      `Ce lien est valable jusqu’au ${input.expiresText}. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.` +
      signature,
  };
}

export function emailChangedNoticeMail(input: { name: string; newEmail: string }): MailContent {
  return {
    subject: 'L’adresse de votre compte Relais a changé',
    text:
      `Bonjour ${input.name},\n\n` +
      `L’adresse électronique de votre compte Relais est désormais ${input.newEmail}. Si vous n’êtes pas à l’origine de ce changement, prévenez sans attendre votre interlocuteur à l’OPCO.` +
      signature,
  };
}

const longDate = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });

/** "2 décembre 2026 à 18:44". */
export function expiresText(instant: Date): string {
  return longDate.format(instant);
}
