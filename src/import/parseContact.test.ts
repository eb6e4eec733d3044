import { describe, expect, it } from 'vitest';
import { parseContact } from './parseContact.js';

describe('parseContact', () => {
  it('reads a name line and an e-mail line', () => {
    expect(parseContact(['Chloe Demeyere', 'chloe.dmeyere@opco-sante.fr'])).toEqual({
      contact: { name: 'Chloe Demeyere', email: 'chloe.dmeyere@opco-sante.fr' },
      leftover: [],
    });
  });

  it('reads both on one line, with labels, and leaves the phone over', () => {
    expect(parseContact(['Marie Durand – mailto:marie.durand@exemple.fr.', 'Tél : 01 23 45 67 89'])).toEqual({
      contact: { name: 'Marie Durand', email: 'marie.durand@exemple.fr' },
      leftover: ['Tél : 01 23 45 67 89'],
    });
    expect(parseContact(['Nom : Paul Martin', 'Courriel : paul@exemple.fr', 'Chargé de mission'])).toEqual({
      contact: { name: 'Paul Martin', email: 'paul@exemple.fr' },
      leftover: ['Chargé de mission'],
    });
  });

  it('keeps a wrong e-mail as written and accepts a contact without name', () => {
    expect(parseContact(['chloe.dmeyere@opco-sante']).contact).toEqual({ name: null, email: 'chloe.dmeyere@opco-sante' });
    expect(parseContact(['chloe.dmeyere@@opco-sante.fr']).contact?.email).toBe('chloe.dmeyere@@opco-sante.fr');
  });

  it('has no contact without lines', () => {
    expect(parseContact([])).toEqual({ contact: null, leftover: [] });
  });
});
