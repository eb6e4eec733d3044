/**
 * What an API token may do. A token never gives more than its owner's roles allow: scopes
 * only narrow them.
 */
export const API_SCOPES = {
  'catalogue:read': 'Lire le catalogue',
  'registrations:read': 'Lire les inscriptions',
  'registrations:write': 'Inscrire et annuler',
  'steering:read': 'Lire les tableaux de bord et exports',
} as const;

export type ApiScope = keyof typeof API_SCOPES;

export function isApiScope(value: string): value is ApiScope {
  return value in API_SCOPES;
}

export const API_TOKEN_PREFIX = 'rls_';
export const MAX_API_TOKEN_DAYS = 365;
