import { describe, expect, it } from 'vitest';
import { frenchValidationMessage } from './validationMessages.js';

describe('frenchValidationMessage', () => {
  it('names the field and what is expected', () => {
    expect(frenchValidationMessage([{ keyword: 'maximum', instancePath: '/perPage', params: { limit: 100 } }], 'querystring')).toBe(
      'Paramètre invalide de l’adresse : « perPage » doit être inférieur ou égal à 100.',
    );
    expect(frenchValidationMessage([{ keyword: 'type', instancePath: '/page', params: { type: 'integer' } }], 'querystring')).toContain(
      '« page » doit être un nombre entier',
    );
    expect(frenchValidationMessage([{ keyword: 'required', instancePath: '', params: { missingProperty: 'email' } }], 'body')).toBe(
      'Paramètre invalide du contenu envoyé : « email » est obligatoire.',
    );
  });
});
