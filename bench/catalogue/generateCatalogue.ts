/**
 * A deterministic catalogue for the benchmark: published trainings, each with three groups
 * of two days (two half-days each), spread over the regions, themes, ~200 cities, sectors and
 * two years of dates around "today". Every choice comes from a seeded generator, so two runs
 * write the same catalogue (dates are relative to the day of the run). Written through the
 * application's own repositories — TrainingRepository.save, then the search index — one
 * transaction per batch, exactly as the fiche importer writes a training.
 */
import type { Database } from '../../src/db/database.js';
import { FRENCH_REGIONS } from '../../src/db/migrations/0003_reference_regions.js';
import type { SessionWrite, TrainingWrite } from '../../src/db/repositories/trainingRepository.js';
import { STANDARD_HALF_DAYS } from '../../src/domain/catalogue/halfDaySchedule.js';
import { addDays, parisDateOf } from '../../src/domain/dates/calendarDate.js';
import { parisLocalToInstant } from '../../src/domain/dates/parisTime.js';
import { inTransaction } from '../../src/use-cases/repositories.js';
import { Prng } from '../support/prng.js';
import {
  ACTIONS,
  ANGLES,
  CITIES,
  COFUNDERS,
  CONCEPTS,
  METHODS,
  MODULE_TITLES,
  PROFESSIONS,
  PROVIDERS,
  PUBLICS,
  SECTORS,
  STREETS,
  SUBJECTS,
  THEMES,
  VENUES,
} from './vocabulary.js';

export interface GenerationOptions {
  trainings: number;
  groupsPerTraining: number;
  /** Trainings written per transaction. */
  batchSize: number;
  seed: string;
  now: Date;
}

export interface GeneratedCatalogue {
  trainings: number;
  groups: number;
  /** Trainings whose own text says "aller vers" (the search target). */
  allerVersTrainings: number;
  /** Source keys of a few trainings spread over the catalogue, some in a track. */
  sampleSourceKeys: string[];
  funderId: string;
}

type City = (typeof CITIES)[number];

interface Reference {
  funderId: string;
  regionIds: Map<string, string>;
  citiesByRegion: Map<string, City[]>;
  providerIds: string[];
  cofunderIds: string[];
  themeIds: string[];
  contactIds: string[];
}

interface TrackState {
  trackId: string;
  title: string;
  regionCode: string;
  themeId: string;
  providerId: string;
  modules: number;
  next: number;
  previousTrainingId: string | null;
}

export async function generateCatalogue(database: Database, options: GenerationOptions, onProgress?: (done: number) => void): Promise<GeneratedCatalogue> {
  const prng = new Prng(options.seed);
  const nowIso = options.now.toISOString();
  const today = parisDateOf(options.now);
  const reference = await createReferenceData(database, prng);
  const regionWeights = [...reference.citiesByRegion.entries()].map(([code, cities]) => ({ item: code, weight: cities.length }));
  const usedTitles = new Set<string>();
  const sampleEvery = Math.max(1, Math.floor(options.trainings / 5));
  const sampleSourceKeys: string[] = [];
  let track: TrackState | undefined;
  let groups = 0;
  let allerVers = 0;

  for (let start = 0; start < options.trainings; start += options.batchSize) {
    const end = Math.min(options.trainings, start + options.batchSize);
    await inTransaction(database, async (repos) => {
      for (let index = start; index < end; index += 1) {
        if (!track && prng.chance(0.09)) {
          const title = uniqueTitle(prng, usedTitles);
          track = {
            trackId: await repos.organisations.findOrCreateTrack(reference.funderId, title),
            title,
            regionCode: prng.weighted(regionWeights),
            themeId: prng.pick(reference.themeIds),
            providerId: prng.pick(reference.providerIds),
            modules: prng.int(2, 4),
            next: 1,
            previousTrainingId: null,
          };
        }
        const sourceKey = `bench-${String(index).padStart(5, '0')}`;
        const write = trainingWrite(prng, reference, regionWeights, usedTitles, track, { sourceKey, today });
        if (/aller vers/i.test([write.title, ...write.objectives, ...write.content].join('\n'))) allerVers += 1;
        const { id } = await repos.trainings.save(write, nowIso);
        if (track) {
          if (track.previousTrainingId) await repos.trainings.setPrerequisites(id, [track.previousTrainingId]);
          track.previousTrainingId = id;
          track.next += 1;
          if (track.next > track.modules) track = undefined;
        }
        await repos.searchIndex.reindexTraining(id);
        groups += write.sessions.length;
        if (index % sampleEvery === sampleEvery - 1 || (write.moduleNumber === 2 && sampleSourceKeys.length < 1)) sampleSourceKeys.push(sourceKey);
      }
    });
    onProgress?.(end);
  }
  return { trainings: options.trainings, groups, allerVersTrainings: allerVers, sampleSourceKeys, funderId: reference.funderId };

  function trainingWrite(
    random: Prng,
    ref: Reference,
    weights: Array<{ item: string; weight: number }>,
    titles: Set<string>,
    currentTrack: TrackState | undefined,
    meta: { sourceKey: string; today: string },
  ): TrainingWrite {
    const regionCode = currentTrack?.regionCode ?? random.weighted(weights);
    const title = currentTrack ? `${currentTrack.title} – module ${currentTrack.next}` : uniqueTitle(random, titles);
    const publicGroup = random.pick(PUBLICS);
    const professions = random.sample(PROFESSIONS, random.int(2, 3));
    const objectives = Array.from({ length: random.int(3, 5) }, () => objectiveSentence(random));
    if (random.chance(0.025)) objectives.push(`Mettre en œuvre une démarche d’aller vers les ${random.pick(PUBLICS)}`);
    const content = Array.from({ length: random.int(4, 7) }, () => contentItem(random));
    const sectors = random.sample(SECTORS, random.int(1, 3));
    const durationDays = 2;
    const context = `${random.pick([
      'Dans le cadre de la stratégie nationale de prévention et de lutte contre la pauvreté,',
      'Face à l’évolution des besoins sur les territoires,',
      'Pour répondre aux attentes exprimées par les établissements adhérents,',
      'À la suite des travaux menés avec les partenaires régionaux,',
    ])} cette action collective permet aux ${professions[0]} de ${random.pick(ACTIONS)} auprès des ${publicGroup}. Elle s’appuie sur ${random.pick(CONCEPTS)} et sur l’expérience des participants.`;
    const prerequisites = currentTrack && currentTrack.next > 1 ? `Avoir suivi le module ${currentTrack.next - 1}.` : random.pick(['Aucun prérequis.', 'Aucun prérequis.', 'Exercer auprès du public concerné.']);
    const publicText = `${capitalize(professions.join(', '))} des établissements et services du secteur ${sectors[0]?.toLowerCase() ?? 'social'}.`;
    const cityPool = ref.citiesByRegion.get(regionCode) ?? [];
    const groupCities = random.sample(cityPool, options.groupsPerTraining);
    while (groupCities.length < options.groupsPerTraining) groupCities.push(random.pick(cityPool));
    const sessions = sessionWrites(random, groupCities, meta.today);
    const extraSections = random.chance(0.6)
      ? [{ heading: 'Méthodes pédagogiques', text: random.sample(METHODS, 3).join('. ') + '.' }]
      : [];
    if (random.chance(0.3)) extraSections.push({ heading: 'Modalités d’évaluation', text: 'Questionnaire de positionnement en début et en fin de formation, bilan oral à chaud.' });
    const write: TrainingWrite = {
      funderId: ref.funderId,
      sourceKey: meta.sourceKey,
      title,
      trackId: currentTrack?.trackId ?? null,
      moduleNumber: currentTrack ? currentTrack.next : null,
      moduleTitle: currentTrack ? (MODULE_TITLES[currentTrack.next - 1] ?? null) : null,
      themeId: currentTrack?.themeId ?? random.pick(ref.themeIds),
      regionId: ref.regionIds.get(regionCode) ?? null,
      providerId: currentTrack?.providerId ?? random.pick(ref.providerIds),
      contactId: random.pick(ref.contactIds),
      publicText,
      durationDays,
      durationMinutes: durationDays * 7 * 60,
      context,
      prerequisites,
      capacityMax: Math.max(...sessions.map((s) => s.maxTrainees)),
      status: 'published',
      sourceText: null,
      sectors,
      objectives,
      content,
      extraSections,
      cofunderIds: random.sample(ref.cofunderIds, random.int(0, 2)),
      sessions,
    };
    // What an imported fiche keeps: the text it was read from.
    write.sourceText = [title, publicText, context, ...objectives, ...content, prerequisites].join('\n');
    return write;
  }
}

function sessionWrites(random: Prng, cities: City[], today: string): SessionWrite[] {
  let firstDay = weekdayFrom(addDays(today, random.int(-365, 300)));
  return cities.map((city, index) => {
    if (index > 0) firstDay = weekdayFrom(addDays(firstDay, random.int(14, 45)));
    const lastDay = addDays(firstDay, 1);
    const days = [firstDay, lastDay];
    const past = lastDay < today;
    const status = past
      ? random.weighted([{ item: 'confirmed' as const, weight: 7 }, { item: 'planned' as const, weight: 2 }, { item: 'cancelled' as const, weight: 1 }])
      : random.weighted([{ item: 'planned' as const, weight: 16 }, { item: 'confirmed' as const, weight: 3 }, { item: 'cancelled' as const, weight: 1 }]);
    const [name, postcode] = city;
    return {
      label: `Groupe ${index + 1}`,
      position: index + 1,
      venueName: random.chance(0.7) ? `${random.pick(VENUES)} de ${name}` : null,
      address: `${random.int(1, 120)} ${random.pick(STREETS)}`,
      postcode,
      city: name,
      minTrainees: random.int(6, 8),
      maxTrainees: random.int(12, 16),
      registrationDeadline: random.chance(0.9) ? parisLocalToInstant(addDays(firstDay, -15), '23:59').toISOString() : null,
      status,
      isDemo: false,
      days: days.map((date) => ({ date, halfDays: [...STANDARD_HALF_DAYS] })),
    };
  });
}

/** The date itself when it is Monday to Thursday (so that the second day is a weekday too), else the next Monday. */
function weekdayFrom(date: string): string {
  let day = date;
  for (;;) {
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    if (weekday >= 1 && weekday <= 4) return day;
    day = addDays(day, 1);
  }
}

const REGION_NAMES = FRENCH_REGIONS.map((region) => region.name);

/** "Subject : angle", or "Subject : angle (Region)" when that title is taken. */
function uniqueTitle(random: Prng, used: Set<string>): string {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const base = `${random.pick(SUBJECTS)} : ${random.pick(ANGLES)}`;
    for (const candidate of [base, `${base} (${random.pick(REGION_NAMES)})`]) {
      if (!used.has(candidate)) {
        used.add(candidate);
        return candidate;
      }
    }
  }
  throw new Error('Plus de titre libre : élargissez le vocabulaire du banc d’essai.');
}

function objectiveSentence(random: Prng): string {
  switch (random.int(0, 3)) {
    case 0:
      return `Comprendre ${random.pick(CONCEPTS)}`;
    case 1:
      return `Savoir ${random.pick(ACTIONS)}`;
    case 2:
      return `Adapter sa posture professionnelle auprès des ${random.pick(PUBLICS)}`;
    default:
      return `Identifier ${random.pick(CONCEPTS)} pour ${random.pick(ACTIONS)}`;
  }
}

function contentItem(random: Prng): string {
  switch (random.int(0, 2)) {
    case 0:
      return `${random.pick(METHODS)} : ${random.pick(CONCEPTS)}`;
    case 1:
      return `Repères sur ${random.pick(CONCEPTS)} et ${random.pick(CONCEPTS)}`;
    default:
      return `Atelier : ${random.pick(ACTIONS)} avec les ${random.pick(PUBLICS)}`;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

async function createReferenceData(database: Database, random: Prng): Promise<Reference> {
  if (CITIES.length !== 200) throw new Error(`Le vocabulaire doit compter 200 villes (${CITIES.length}).`);
  return inTransaction(database, async ({ organisations }) => {
    const regionIds = new Map<string, string>();
    const citiesByRegion = new Map<string, City[]>();
    for (const city of CITIES) {
      const code = city[2];
      if (!regionIds.has(code)) {
        const region = await organisations.findRegionByCode(code);
        if (!region) throw new Error(`Région ${code} absente : la base n’est pas migrée ?`);
        regionIds.set(code, region.id);
      }
      citiesByRegion.set(code, [...(citiesByRegion.get(code) ?? []), city]);
    }
    const funderId = await organisations.insertFunder({
      slug: 'opco-banc-essai',
      name: 'OPCO Santé (banc d’essai)',
      short_name: 'OPCO Santé',
      lheo_code: '16',
      region_id: null,
      website: 'https://www.opco-sante.fr',
      default_min_trainees: 8,
      default_max_trainees: 15,
    });
    const providerIds: string[] = [];
    for (const name of PROVIDERS) providerIds.push(await organisations.findOrCreateProvider(name));
    const cofunderIds: string[] = [];
    for (const name of COFUNDERS) cofunderIds.push(await organisations.findOrCreateCofunder(name));
    const themeIds: string[] = [];
    for (const name of THEMES) themeIds.push(await organisations.findOrCreateTheme(funderId, name));
    const firstNames = ['Camille', 'Nadia', 'Julien', 'Sophie', 'Karim', 'Claire', 'Thomas', 'Inès', 'Marc', 'Élodie'];
    const lastNames = ['Martin', 'Bernard', 'Lefebvre', 'Moreau', 'Haddad', 'Durand', 'Petit', 'Nguyen', 'Roux', 'Garnier'];
    const contactIds: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const first = random.pick(firstNames);
      const last = random.pick(lastNames);
      const email = `${first.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase()}.${last.toLowerCase()}.${i}@opco-sante.example`;
      contactIds.push(await organisations.findOrCreateContact(funderId, { name: `${first} ${last}`, email }));
    }
    return { funderId, regionIds, citiesByRegion, providerIds, cofunderIds, themeIds, contactIds };
  });
}
