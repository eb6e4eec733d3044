import { describe, expect, it } from 'vitest';
import { requiredModuleNumbersOf, trackTitleOf } from './trackOfTraining.js';

describe('trackTitleOf', () => {
  it('takes what comes before "Module N"', () => {
    expect(trackTitleOf('La pratique de l’Aller Vers les publics – Module 1 « Aller vers : une nécessaire préparation »')).toBe(
      'La pratique de l’Aller Vers les publics',
    );
    expect(trackTitleOf('Management - module 2 : piloter')).toBe('Management');
  });

  it('has no track without a module number or a title before it', () => {
    expect(trackTitleOf('Prévenir les risques psychosociaux')).toBeNull();
    expect(trackTitleOf('Module 3 : bilan')).toBeNull();
  });
});

describe('requiredModuleNumbersOf', () => {
  it('finds the modules a prerequisites text names', () => {
    expect(requiredModuleNumbersOf('Avoir suivi le Module 1 ou justifier d’une expérience', 2)).toEqual([1]);
    expect(requiredModuleNumbersOf('Avoir suivi les modules 1 et 2', 3)).toEqual([1, 2]);
  });

  it('ignores the module itself and texts without modules', () => {
    expect(requiredModuleNumbersOf('Pas de prérequis', 1)).toEqual([]);
    expect(requiredModuleNumbersOf('Ce module 2 demande…', 2)).toEqual([]);
    expect(requiredModuleNumbersOf(null, 1)).toEqual([]);
  });
});
