import { describe, expect, it } from 'vitest';
import { parseSessions } from './parseSessions.js';

describe('parseSessions', () => {
  it('reads label, city and dates over three lines (cities with trailing spaces)', () => {
    expect(parseSessions(['≥ Groupe 1', 'Lille', 'Les 10 & 11 mars 2022', '≥ Groupe 2', 'Arras ', 'Les 17 & 18 mars 2022'])).toEqual({
      sessions: [
        { label: 'Groupe 1', city: 'Lille', dates: ['2022-03-10', '2022-03-11'] },
        { label: 'Groupe 2', city: 'Arras', dates: ['2022-03-17', '2022-03-18'] },
      ],
      leftover: [],
    });
  });

  it('reads one-line forms', () => {
    expect(
      parseSessions([
        'Groupe 1 : Lille – les 10 & 11 mars 2022',
        'Session 2 – du 3 au 5 avril 2023 à Rouen',
        'Groupe 3, Saint-Omer, le 7 juin 2024',
        'Gr. 4 : 59000 Lille : 10/03/2022 et 11/03/2022',
      ]).sessions,
    ).toEqual([
      { label: 'Groupe 1', city: 'Lille', dates: ['2022-03-10', '2022-03-11'] },
      { label: 'Session 2', city: 'Rouen', dates: ['2023-04-03', '2023-04-04', '2023-04-05'] },
      { label: 'Groupe 3', city: 'Saint-Omer', dates: ['2024-06-07'] },
      { label: 'Gr. 4', city: '59000 Lille', dates: ['2022-03-10', '2022-03-11'] },
    ]);
  });

  it('adds up several date lines of one group', () => {
    expect(parseSessions(['Groupe 1', 'Amiens', 'le 7 juin 2024', 'le 14 juin 2024']).sessions).toEqual([
      { label: 'Groupe 1', city: 'Amiens', dates: ['2024-06-07', '2024-06-14'] },
    ]);
  });

  it('numbers unlabelled sessions and leaves undecided lines over', () => {
    expect(parseSessions(['Lille', '10 et 11 mars 2022', 'Arras', '17 mars 2022', 'Autres dates à définir'])).toEqual({
      sessions: [
        { label: 'Session 1', city: 'Lille', dates: ['2022-03-10', '2022-03-11'] },
        { label: 'Session 2', city: 'Arras', dates: ['2022-03-17'] },
      ],
      leftover: ['Autres dates à définir'],
    });
  });

  it('does not turn a second place line into a session', () => {
    expect(parseSessions(['Groupe 1', 'Lille', 'Hôtel Mercure', 'le 7 juin 2024'])).toEqual({
      sessions: [{ label: 'Groupe 1', city: 'Lille', dates: ['2024-06-07'] }],
      leftover: ['Hôtel Mercure'],
    });
  });

  it('keeps a group without known city or dates as it is', () => {
    expect(parseSessions(['Groupe 1', 'Dates à venir']).sessions).toEqual([{ label: 'Groupe 1', city: null, dates: [] }]);
  });
});
