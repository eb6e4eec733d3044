/** Success messages of the employer space, shown after a redirect (`?ok=<code>`); unknown codes show nothing. */
const NOTICES: Readonly<Record<string, string>> = {
  'personne-ajoutee': 'La personne a été ajoutée à votre personnel : vous pouvez maintenant l’inscrire à un groupe.',
  'personne-modifiee': 'Les modifications ont été enregistrées.',
  'personne-retiree': 'La personne a été retirée de votre personnel : elle ne peut plus être inscrite. Ses inscriptions passées sont conservées.',
  'personne-reactivee': 'La personne fait de nouveau partie de votre personnel.',
  'personne-effacee': 'Les données de la personne ont été effacées : son nom et son adresse ne figurent plus nulle part dans Relais.',
  'inscription-annulee': 'L’inscription a été annulée. Si des personnes attendent une place dans ce groupe, la place libérée est proposée à la première de la liste.',
  'annulation-tardive': 'L’inscription a été annulée. La date limite d’inscription étant passée, l’annulation est enregistrée comme tardive.',
  'place-acceptee': 'La place est acceptée : l’inscription est confirmée et la convocation envoyée.',
  'place-acceptee-validation': 'La place est acceptée : elle est réservée en attendant la validation du financeur.',
  'place-refusee': 'La place est refusée : elle est proposée à la personne suivante de la liste d’attente.',
};

export function noticeOf(code: unknown): string | null {
  return typeof code === 'string' ? (NOTICES[code] ?? null) : null;
}
