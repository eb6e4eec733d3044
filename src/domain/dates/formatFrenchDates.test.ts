import { describe, expect, it } from 'vitest';
import { formatFrenchDate, formatFrenchDateList } from './formatFrenchDates.js';

describe('formatFrenchDateList', () => {
  it.each([
    [['2024-06-07'], 'le 7 juin 2024'],
    [['2022-03-10', '2022-03-11'], 'les 10 & 11 mars 2022'],
    [['2022-03-11', '2022-03-10', '2022-03-10'], 'les 10 & 11 mars 2022'],
    [['2023-04-03', '2023-04-04', '2023-04-05'], 'du 3 au 5 avril 2023'],
    [['2023-04-03', '2023-04-05', '2023-04-09'], 'les 3, 5 & 9 avril 2023'],
    [['2023-03-30', '2023-03-31', '2023-04-01'], 'du 30 mars au 1er avril 2023'],
    [['2023-03-30', '2023-04-02'], 'les 30 mars & 2 avril 2023'],
    [['2022-12-30', '2022-12-31', '2023-01-01'], 'du 30 décembre 2022 au 1er janvier 2023'],
    [['2022-12-30', '2023-01-05'], 'les 30 décembre 2022 & 5 janvier 2023'],
  ])('%j → %s', (dates, expected) => {
    expect(formatFrenchDateList(dates)).toBe(expected);
  });

  it('returns an empty text for no date', () => {
    expect(formatFrenchDateList([])).toBe('');
  });

  it('writes the first day of a month as 1er', () => {
    expect(formatFrenchDate('2024-08-01')).toBe('1er août 2024');
  });
});
