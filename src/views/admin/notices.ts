/** Success messages shown after a redirect (`?ok=<code>`); unknown codes show nothing. */
const NOTICES: Readonly<Record<string, string>> = {
  'organisation-creee': 'L’organisation a été créée.',
  'organisation-modifiee': 'Les modifications ont été enregistrées.',
  'organisation-desactivee': 'L’organisation a été désactivée.',
  'organisation-reactivee': 'L’organisation a été réactivée.',
  'personne-desactivee': 'Le compte a été désactivé : ses sessions et jetons d’API sont révoqués.',
  'personne-reactivee': 'Le compte a été réactivé.',
  'role-retire': 'Le rôle a été retiré.',
  'personne-effacee': 'Les données personnelles ont été effacées : le compte est anonymisé.',
  'conservation-enregistree': 'Les durées de conservation ont été enregistrées.',
};

export function noticeOf(code: unknown): string | null {
  return typeof code === 'string' ? (NOTICES[code] ?? null) : null;
}
