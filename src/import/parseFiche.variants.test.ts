import { describe, expect, it } from 'vitest';
import { describeMissingSections, parseFiche } from './parseFiche.js';

/** A fiche from another catalogue: other headings, inline values, one-line groups. */
const OTHER_CATALOGUE = `Prévenir l’épuisement professionnel des soignants

Réf. 2024-PS-12

Public visé : Infirmiers, aides-soignants et cadres de santé
Durée : 3 jours (21 heures)
Prérequis : Aucun
Organisme : Formavenir Performances
12 rue de la Paix, 75002 Paris

Objectifs de la formation
À l’issue de la formation, les participants seront capables de :
• Identifier les facteurs de risque d’épuisement
• Mettre en place des actions de prévention individuelles et
collectives
• Évaluer les situations à risque

Programme
Jour 1 : comprendre l’épuisement
- Définitions et mécanismes
- Les facteurs de risque
Jour 2 : prévenir
- Les leviers individuels et collectifs

Modalités pédagogiques
Apports théoriques, études de cas, mises en situation.

Dates et lieux
Groupe 1 : Lille – les 10 & 11 mars 2022
Session 2 – du 3 au 5 avril 2023 à Rouen
Groupe 3
Paris
le 7 juin 2024

Contact : Marie Durand – marie.durand@exemple.fr
Tél : 01 23 45 67 89

Effectif
Groupe limité à 15 personnes.
`;

describe('parseFiche on a fiche from another catalogue', () => {
  const { draft, extraSections, missingSections } = parseFiche(OTHER_CATALOGUE);

  it('accepts it', () => {
    expect(missingSections).toEqual([]);
  });

  it('reads title, inline public, duration with hours, inline prerequisites and provider', () => {
    expect(draft.title).toBe('Prévenir l’épuisement professionnel des soignants');
    expect(draft.module).toBeNull();
    expect(draft.public).toBe('Infirmiers, aides-soignants et cadres de santé');
    expect(draft.durationDays).toBe(3);
    expect(draft.durationHours).toBe(21);
    expect(draft.prerequisites).toBe('Aucun');
    expect(draft.provider).toBe('Formavenir Performances');
    expect(draft.sectors).toEqual([]);
    expect(draft.cofunders).toEqual([]);
    expect(draft.context).toBeNull();
  });

  it('skips the lead-in of the objectives and joins wrapped items', () => {
    expect(draft.objectives).toEqual([
      'Identifier les facteurs de risque d’épuisement',
      'Mettre en place des actions de prévention individuelles et collectives',
      'Évaluer les situations à risque',
    ]);
  });

  it('keeps programme sub-headings as items', () => {
    expect(draft.content).toEqual([
      'Jour 1 : comprendre l’épuisement',
      'Définitions et mécanismes',
      'Les facteurs de risque',
      'Jour 2 : prévenir',
      'Les leviers individuels et collectifs',
    ]);
  });

  it('reads sessions written on one line, with the city after the dates, or over three lines', () => {
    expect(draft.sessions).toEqual([
      { label: 'Groupe 1', city: 'Lille', dates: ['2022-03-10', '2022-03-11'] },
      { label: 'Session 2', city: 'Rouen', dates: ['2023-04-03', '2023-04-04', '2023-04-05'] },
      { label: 'Groupe 3', city: 'Paris', dates: ['2024-06-07'] },
    ]);
  });

  it('reads an inline contact, the capacity and the extra sections', () => {
    expect(draft.contact).toEqual({ name: 'Marie Durand', email: 'marie.durand@exemple.fr' });
    expect(draft.capacityMax).toBe(15);
    expect(extraSections).toEqual([
      { heading: 'Modalités pédagogiques', text: 'Apports théoriques, études de cas, mises en situation.' },
      { heading: 'Effectif', text: 'Groupe limité à 15 personnes.' },
    ]);
  });

  it('lists what it did not understand, as written', () => {
    expect(draft.unparsed).toEqual(['Réf. 2024-PS-12', '12 rue de la Paix, 75002 Paris', 'Tél : 01 23 45 67 89']);
  });
});

describe('parseFiche heading synonyms and layouts', () => {
  const fiche = `1. Intitulé : Accompagner la fin de vie – Module 2 : soins palliatifs
2. Secteur : Sanitaire, social / médico-social
3. Public concerné
Aides-soignants
4. Durée
2 jours / 14h
5. Prestataire
• Institut Santé Formation
6. Calendrier
Session 1
Amiens
du 30 mars au 1er avril 2023
7. Votre contact
Paul Martin
paul.martin@opco-sante
8. Partenaires
• ARS Hauts-de-France
• Conseil départemental
9. Contexte et enjeux
Les soins palliatifs concernent tous les professionnels.
10. Objectifs pédagogiques
1) Connaître le cadre légal
2) Accompagner le patient et ses proches
11. Pré-requis
Avoir suivi le module 1.
12. Contenu de la formation
➢ La loi Claeys-Leonetti
➢ L’accompagnement des proches
13. Intervenant(s)
Un médecin et une psychologue.
14. Tarif
Prise en charge totale, 15 participants maximum.
`;
  const { draft, extraSections, missingSections } = parseFiche(fiche);

  it('recognises numbered and synonym headings', () => {
    expect(missingSections).toEqual([]);
    expect(draft.title).toBe('Accompagner la fin de vie – Module 2 : soins palliatifs');
    expect(draft.module).toEqual({ number: 2, title: 'soins palliatifs' });
    expect(draft.sectors).toEqual(['Sanitaire', 'social', 'médico-social']);
    expect(draft.public).toBe('Aides-soignants');
    expect(draft.durationDays).toBe(2);
    expect(draft.durationHours).toBe(14);
    expect(draft.provider).toBe('Institut Santé Formation');
    expect(draft.sessions).toEqual([
      { label: 'Session 1', city: 'Amiens', dates: ['2023-03-30', '2023-03-31', '2023-04-01'] },
    ]);
    expect(draft.cofunders).toEqual(['ARS Hauts-de-France', 'Conseil départemental']);
    expect(draft.context).toBe('Les soins palliatifs concernent tous les professionnels.');
    expect(draft.objectives).toEqual(['Connaître le cadre légal', 'Accompagner le patient et ses proches']);
    expect(draft.prerequisites).toBe('Avoir suivi le module 1.');
    expect(draft.content).toEqual(['La loi Claeys-Leonetti', 'L’accompagnement des proches']);
    expect(draft.capacityMax).toBe(15);
    expect(draft.unparsed).toEqual([]);
  });

  it('keeps a typo’d e-mail exactly as written', () => {
    expect(draft.contact).toEqual({ name: 'Paul Martin', email: 'paul.martin@opco-sante' });
  });

  it('keeps unmodelled sections in fiche order with their heading as written', () => {
    expect(extraSections).toEqual([
      { heading: 'Intervenant(s)', text: 'Un médecin et une psychologue.' },
      { heading: 'Tarif', text: 'Prise en charge totale, 15 participants maximum.' },
    ]);
  });

  it('recognises a heading wrapped over two lines and a "Fiche technique" marker before the title', () => {
    const wrapped = parseFiche(
      [
        'Fiche technique',
        'Bientraitance en EHPAD',
        'Objectifs',
        'pédagogiques',
        '- Repérer la maltraitance',
        'Modalités',
        'd’évaluation',
        'Quiz final',
        'Contenu',
        '- Définitions',
        'Durée : 1 jour soit 7h00',
      ].join('\n'),
    );
    expect(wrapped.draft.title).toBe('Bientraitance en EHPAD');
    expect(wrapped.draft.objectives).toEqual(['Repérer la maltraitance']);
    expect(wrapped.extraSections).toEqual([{ heading: 'Modalités d’évaluation', text: 'Quiz final' }]);
    expect(wrapped.draft.durationDays).toBe(1);
    expect(wrapped.draft.durationHours).toBe(7);
    expect(wrapped.missingSections).toEqual([]);
  });

  it('does not take an item of a programme for an inline heading', () => {
    const result = parseFiche('Ma formation\nProgramme\n- Accueil\nÉvaluation : quiz final\nIntroduction : tour de table\nPublic : tous');
    expect(result.draft.content).toEqual(['Accueil', 'Évaluation : quiz final', 'Introduction : tour de table']);
    expect(result.draft.public).toBe('tous');
  });
});

describe('parseFiche refuses what is not a fiche', () => {
  it('lists the missing required sections', () => {
    const result = parseFiche('Une formation\n\nObjectifs\n- Comprendre\n');
    expect(result.missingSections).toEqual(['Contenu', 'Durée ou Public']);
    expect(describeMissingSections(result.missingSections)).toBe(
      'Ce fichier n’est pas une fiche technique reconnue : sections manquantes : Contenu, Durée ou Public.',
    );
  });

  it('accepts public instead of duration', () => {
    const result = parseFiche('Une formation\nPublic\nTous\nObjectifs\n- Comprendre\nContenu\n- Tout');
    expect(result.missingSections).toEqual([]);
  });

  it('refuses an empty text without inventing anything', () => {
    const { draft, extraSections, missingSections } = parseFiche('');
    expect(missingSections).toEqual(['Titre', 'Objectifs', 'Contenu', 'Durée ou Public']);
    expect(describeMissingSections(missingSections)).toBe(
      'Ce fichier n’est pas une fiche technique reconnue : sections manquantes : Titre, Objectifs, Contenu, Durée ou Public.',
    );
    expect(extraSections).toEqual([]);
    expect(draft).toEqual({
      title: null,
      module: null,
      sectors: [],
      public: null,
      durationDays: null,
      durationHours: null,
      provider: null,
      sessions: [],
      contact: null,
      cofunders: [],
      context: null,
      objectives: [],
      prerequisites: null,
      content: [],
      capacityMax: null,
      unparsed: [],
    });
  });

  it('refuses random prose and reports its lines as unparsed', () => {
    const prose = [
      'Il était une fois, dans une ville lointaine, un boulanger qui se levait chaque jour avant',
      'l’aube pour préparer le pain de tout le quartier. Les habitants appréciaient son travail.',
      'Un matin, la farine vint à manquer et le boulanger dut inventer une autre recette pour',
      'nourrir ses voisins. Ce fut le début d’une longue aventure culinaire.',
      'Des années plus tard, on raconte encore cette histoire aux enfants du village.',
      'Le boulanger, lui, a pris sa retraite au bord de la mer.',
      'Fin.',
    ].join('\n');
    const { draft, missingSections } = parseFiche(prose);
    expect(missingSections).toEqual(['Titre', 'Objectifs', 'Contenu', 'Durée ou Public']);
    expect(draft.unparsed).toHaveLength(7);
  });

  it('refuses binary garbage decoded as text', () => {
    const garbage = String.fromCharCode(...Array.from({ length: 400 }, (_, index) => (index * 37) % 256));
    expect(parseFiche(garbage).missingSections).toContain('Objectifs');
  });

  it('describes a single missing section in the singular, and nothing when nothing is missing', () => {
    expect(describeMissingSections(['Objectifs'])).toBe(
      'Ce fichier n’est pas une fiche technique reconnue : section manquante : Objectifs.',
    );
    expect(describeMissingSections([])).toBe('');
  });
});
