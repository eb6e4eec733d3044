/**
 * Schema validation errors (Ajv, through Fastify) told in French: which field, and what is
 * expected of it.
 */
interface ValidationIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

const TYPE_NAMES: Record<string, string> = {
  integer: 'un nombre entier',
  number: 'un nombre',
  string: 'un texte',
  boolean: 'vrai ou faux (true ou false)',
  array: 'une liste',
  object: 'un objet',
};

const CONTEXT_NAMES: Record<string, string> = {
  querystring: 'de l’adresse',
  params: 'de l’adresse',
  body: 'du contenu envoyé',
  headers: 'des en-têtes',
};

function fieldOf(issue: ValidationIssue): string {
  const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (typeof issue.params.missingProperty === 'string') return path ? `${path}.${issue.params.missingProperty}` : issue.params.missingProperty;
  return path || 'valeur';
}

function describe(issue: ValidationIssue): string {
  const field = `« ${fieldOf(issue)} »`;
  const { params } = issue;
  switch (issue.keyword) {
    case 'required':
      return `${field} est obligatoire`;
    case 'type':
      return `${field} doit être ${TYPE_NAMES[String(params.type)] ?? String(params.type)}`;
    case 'maximum':
      return `${field} doit être inférieur ou égal à ${String(params.limit)}`;
    case 'minimum':
      return `${field} doit être supérieur ou égal à ${String(params.limit)}`;
    case 'maxLength':
      return `${field} ne doit pas dépasser ${String(params.limit)} caractères`;
    case 'minLength':
      return `${field} doit contenir au moins ${String(params.limit)} caractère(s)`;
    case 'pattern':
    case 'format':
      return `${field} n’a pas le format attendu`;
    case 'additionalProperties':
      return `propriété inconnue : « ${String(params.additionalProperty)} »`;
    default:
      return `${field} n’a pas une valeur autorisée`;
  }
}

export function frenchValidationMessage(issues: readonly ValidationIssue[], context: string | undefined): string {
  const where = CONTEXT_NAMES[context ?? ''] ?? '';
  const details = issues.map(describe).join(' ; ');
  return `Paramètre invalide${where ? ` ${where}` : ''} : ${details}.`;
}
