/**
 * What a password must be: at least 12 characters (ANSSI's recommendation for a password
 * alone), not only one repeated character, and not one of the passwords attackers try first
 * (a list of the most common ones, including French favourites).
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

const COMMON_PASSWORDS = new Set([
  '123456789012', '1234567890123', 'azertyuiop12', 'azertyuiopqs', 'motdepasse12', 'motdepasse123', 'motdepasse1234',
  'password1234', 'password12345', 'qwertyuiop12', 'qwertyuiop123', '000000000000', '111111111111', 'aaaaaaaaaaaa',
  'azerty123456', 'soleil123456', 'bonjour12345', 'marseille1234', 'jetaime12345', 'doudou123456', 'loulou123456',
  'chouchou1234', 'nicolas12345', 'football1234', 'iloveyou1234', 'abcdefghijkl', 'abc123456789', '1q2w3e4r5t6y',
  'qazwsxedcrfv', 'administrateur', 'administrator', 'passwordpassword', 'motdepassemotdepasse', 'changeme1234',
  'bienvenue1234', 'bienvenue123', 'welcome12345', 'letmein12345', 'monkey123456', 'dragon123456', 'sunshine1234',
  'princess1234', 'superman1234', 'trustno12345', 'relais123456', 'relaisrelais', 'opcosante123', 'formation123',
  'formation1234', 'azertyazerty', 'qwertyqwerty', '147258369123', '123123123123', '987654321098', 'motdepasse!!',
]);

export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Le mot de passe doit contenir au moins ${MIN_PASSWORD_LENGTH} caractères.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Le mot de passe ne doit pas dépasser ${MAX_PASSWORD_LENGTH} caractères.`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || new Set(lower).size <= 2) return 'Ce mot de passe est trop courant : choisissez-en un autre, par exemple une phrase de plusieurs mots.';
  const localPart = context.email?.split('@')[0]?.toLowerCase();
  if (localPart && localPart.length >= 4 && lower.includes(localPart)) return 'Le mot de passe ne doit pas reprendre votre adresse électronique.';
  return null;
}
