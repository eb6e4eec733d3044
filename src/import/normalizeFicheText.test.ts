import { describe, expect, it } from 'vitest';
import { isBulletLine, normalizeFicheLines, normalizeFicheText, parseBulletLine, stripBullet } from './normalizeFicheText.js';
import { decideLineEndHyphen } from './repairHyphenation.js';

describe('normalizeFicheText: spaces and line breaks', () => {
  it('normalises CRLF, CR, non-breaking and repeated spaces, trims lines and collapses blank lines', () => {
    const raw = '\uFEFF  Titre\u00A0de la\u202Fformation  \r\n\r\n\r\n\tDurée :  2 jours \rFin\u200B ';
    expect(normalizeFicheText(raw)).toBe('Titre de la formation\n\nDurée : 2 jours\nFin');
  });

  it('recomposes decomposed accents (PDF text often has e + U+0301)', () => {
    expect(normalizeFicheText('Dure\u0301e')).toBe('Durée');
  });

  it('keeps the layout width of each line for the paragraph rule', () => {
    const lines = normalizeFicheLines('une méthode péda-\ngogique innovante');
    expect(lines).toEqual([
      { text: 'une méthode pédagogique', sourceWidth: 17 },
      { text: 'innovante', sourceWidth: 17 },
    ]);
  });
});

describe('normalizeFicheText: words cut at a line end', () => {
  it.each([
    ['après le se-\nconde mondiale', 'après le seconde\nmondiale'],
    ['des métho-\ndes et des postures', 'des méthodes\net des postures'],
    ['s’expérimente, s’éva-\nlue.', 's’expérimente, s’évalue.'],
    ['dans son environne-\nment…C’est-à-dire, autrement', 'dans son environnement…C’est-à-dire,\nautrement'],
    ['du médico-\npsychologique, de la lutte', 'du médico-psychologique,\nde la lutte'],
    ['secteur socio-\néducatif', 'secteur socio-éducatif'],
    ['une approche socio-\nlogique', 'une approche sociologique'],
    ['les non-\nrecours', 'les non-recours'],
    ['une auto-\névaluation', 'une auto-évaluation'],
    ['leur auto-\nnomie', 'leur autonomie'],
    ['une inter-\nvention', 'une intervention'],
    ['formation inter-\nentreprises', 'formation inter-entreprises'],
    ['les sans-\nabri', 'les sans-abri'],
    ['à mi-\ntemps', 'à mi-temps'],
    ['le mi-\nlieu', 'le milieu'],
    ['c’est-à-\ndire', 'c’est-à-dire'],
    ['c’est-\nà-dire', 'c’est-à-dire'],
    ['peut-\nêtre', 'peut-être'],
    ['le bien-\nêtre', 'le bien-être'],
    ['la région Nord-\nPas-de-Calais', 'la région Nord-Pas-de-Calais'],
    ['un pré-\nalable', 'un préalable'],
    ['un e-\nlearning', 'un e-learning'],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeFicheText(raw)).toBe(expected);
  });

  it('uses the text itself as dictionary', () => {
    // "co-construction" is written elsewhere with its hyphen, so the cut keeps it…
    expect(normalizeFicheText('La co-construction du projet.\nUne co-\nconstruction réussie')).toContain(
      'Une co-construction',
    );
    // …and without that evidence the default rule applies ("co" + consonant → joined).
    expect(normalizeFicheText('Une co-\nconstruction réussie')).toContain('Une coconstruction');
    // "psycho-social" is not a learned-word cut, but the text says "psychosocial": joined.
    expect(normalizeFicheText('Le soutien psychosocial.\nUn suivi psycho-\nsocial')).toContain('Un suivi psychosocial');
  });

  it('leaves dashes and lines that are not cut words alone', () => {
    expect(normalizeFicheText('Lille -\narras')).toBe('Lille -\narras');
    expect(normalizeFicheText('Fin de ligne-\n\nsuite')).toBe('Fin de ligne-\n\nsuite');
    expect(normalizeFicheText('≥ Travail-\n≥ Famille')).toBe('≥ Travail-\n≥ Famille');
  });

  it('repairs several cuts in a row and drops the emptied line', () => {
    expect(normalizeFicheText('une mé-\ntho-\ndes')).toBe('une méthodes');
  });

  it('treats a soft hyphen at the end of a line as a cut', () => {
    expect(normalizeFicheText('la forma\u00AD\ntion conti\u00ADnue')).toBe('la formation\ncontinue');
    expect(normalizeFicheText('une auto\u00AD\névaluation')).toBe('une autoévaluation');
  });

  it('decides on word pairs', () => {
    expect(decideLineEndHyphen('se', 'conde')).toBe('join');
    expect(decideLineEndHyphen('médico', 'psychologique')).toBe('keep-hyphen');
    expect(decideLineEndHyphen('psycho', 'logie')).toBe('join');
    expect(decideLineEndHyphen('(médico', 'social)')).toBe('keep-hyphen');
    expect(decideLineEndHyphen('2022', '2023')).toBe('keep-hyphen');
    expect(decideLineEndHyphen('2022', 'suite')).toBe('not-a-cut');
    expect(decideLineEndHyphen('mot', '« citation »')).toBe('not-a-cut');
  });
});

describe('bullets', () => {
  it.each([
    ['≥ APSN', 'APSN'],
    ['≥ ≥ Savoir situer', 'Savoir situer'],
    ['≥≥Savoir', 'Savoir'],
    ['• Item', 'Item'],
    ['- Item', 'Item'],
    ['– Item', 'Item'],
    ['* Item', 'Item'],
    ['\uF0B7 Item', 'Item'],
    ['▪ Item', 'Item'],
    ['➢ Item', 'Item'],
    ['o Item', 'Item'],
    ['1. Item', 'Item'],
    ['2) Item', 'Item'],
    ['≥', ''],
  ])('%j is a bullet with text %j', (line, text) => {
    expect(parseBulletLine(line)).toBe(text);
    expect(isBulletLine(line)).toBe(true);
  });

  it.each([['Savoir situer'], ['obligatoire'], ['10.03.2022'], ['2 jours'], ['Médico-social'], ['']])(
    '%j is not a bullet',
    (line) => {
      expect(parseBulletLine(line)).toBeNull();
      expect(stripBullet(`  ${line} `)).toBe(line);
    },
  );
});
