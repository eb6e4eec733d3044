/**
 * A deterministic catalogue for the benchmark: published trainings, each with three groups
 * of two days (two half-days each), spread over the regions, themes, ~200 cities, sectors and
 * two years of dates around "today". Every choice comes from a seeded generator, so two runs
 * plan the same catalogue (dates are relative to the day of the run). The plan is handed to a
 * CatalogueWriter (see writers.ts): the application's repositories, or bulk statements.
 */
import type { Database } from '../../src/db/database.js';
import { FRENCH_REGIONS } from '../../src/db/migrations/0003_reference_regions.js';
import type { SessionWrite, TrainingWrite } from '../../src/db/repositories/trainingRepository.js';
import { STANDARD_HALF_DAYS } from '../../src/domain/catalogue/halfDaySchedule.js';
import { addDays, parisDateOf } from '../../src/domain/dates/calendarDate.js';
import { parisLocalToInstant } from '../../src/domain/dates/parisTime.js';
import { inTransaction, repositoriesOn } from '../../src/use-cases/repositories.js';
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

/** One training to write, with what its search document needs besides the write itself. */
export interface PlannedTraining {
  write: TrainingWrite;
  /** The previous module of its track, which it requires (source key). */
  requiredSourceKey: string | null;
  names: { track: string | null; theme: string | null; region: string | null; provider: string | null };
}

/** Writes batches of planned trainings, each batch in one transaction. */
export interface CatalogueWriter {
  writeBatch(batch: PlannedTraining[]): Promise<void>;
}

export interface GeneratedCatalogue {
  trainings: number;
  groups: number;
  /** Trainings whose own text says "aller vers" (the search target). */
  allerVersTrainings: number;
  /** Source keys of a few trainings spread over the catalogue, one of them a second module. */
  sampleSourceKeys: string[];
  funderId: string;
}

type City = (typeof CITIES)[number];

interface Reference {
  funderId: string;
  regions: Map<string, { id: string; name: string }>;
  citiesByRegion: Map<string, City[]>;
  providers: Array<{ id: string; name: string }>;
  cofunderIds: string[];
  themes: Array<{ id: string; name: string }>;
  contactIds: string[];
}

interface TrackState {
  trackId: string;
  title: string;
  regionCode: string;
  theme: { id: string; name: string };
  provider: { id: string; name: string };
  modules: number;
  next: number;
  previousSourceKey: string | null;
}

/**
 * Plans the catalogue with a seeded generator and hands it to `writer` batch by batch.
 * Reference data (funder, providers, themes, contacts, tracks) goes through the repositories.
 */
export async function generateCatalogue(
  database: Database,
  writer: CatalogueWriter,
  options: GenerationOptions,
  onProgress?: (done: number) => void,
): Promise<GeneratedCatalogue> {
  const prng = new Prng(options.seed);
  const today = parisDateOf(options.now);
  const reference = await createReferenceData(database, prng);
  const { organisations } = repositoriesOn(database.db, database.dialect);
  const regionWeights = [...reference.citiesByRegion.entries()].map(([code, cities]) => ({ item: code, weight: cities.length }));
  const usedTitles = new Set<string>();
  const sampleEvery = Math.max(1, Math.floor(options.trainings / 5));
  const sampleSourceKeys: string[] = [];
  let track: TrackState | undefined;
  let groups = 0;
  let allerVers = 0;

  for (let start = 0; start < options.trainings; start += options.batchSize) {
    const end = Math.min(options.trainings, start + options.batchSize);
    const batch: PlannedTraining[] = [];
    for (let index = start; index < end; index += 1) {
      if (!track && prng.chance(0.09)) {
        const title = uniqueTitle(prng, usedTitles);
        track = {
          trackId: await organisations.findOrCreateTrack(reference.funderId, title),
          title,
          regionCode: prng.weighted(regionWeights),
          theme: prng.pick(reference.themes),
          provider: prng.pick(reference.providers),
          modules: prng.int(2, 4),
          next: 1,
          previousSourceKey: null,
        };
      }
      const sourceKey = `bench-${String(index).padStart(5, '0')}`;
      const planned = plan(prng, reference, regionWeights, usedTitles, track, sourceKey, today, options.groupsPerTraining);
      batch.push(planned);
      const write = planned.write;
      if (/aller vers/i.test([write.title, ...write.objectives, ...write.content].join('\n'))) allerVers += 1;
      groups += write.sessions.length;
      if (index % sampleEvery === sampleEvery - 1 || (write.moduleNumber === 2 && sampleSourceKeys.length === 0)) sampleSourceKeys.push(sourceKey);
      if (track) {
        track.previousSourceKey = sourceKey;
        track.next += 1;
        if (track.next > track.modules) track = undefined;
      }
    }
    await writer.writeBatch(batch);
    onProgress?.(end);
  }
  return { trainings: options.trainings, groups, allerVersTrainings: allerVers, sampleSourceKeys, funderId: reference.funderId };
}

function plan(
  random: Prng,
  ref: Reference,
  weights: Array<{ item: string; weight: number }>,
  titles: Set<string>,
  track: TrackState | undefined,
  sourceKey: string,
  today: string,
  groupsPerTraining: number,
): PlannedTraining {
  const regionCode = track?.regionCode ?? random.weighted(weights);
  const region = ref.regions.get(regionCode);
  const theme = track?.theme ?? random.pick(ref.themes);
  const provider = track?.provider ?? random.pick(ref.providers);
  const title = track ? `${track.title} – module ${track.next}` : uniqueTitle(random, titles);
  const publicGroup = random.pick(PUBLICS);
  const professions = random.sample(PROFESSIONS, random.int(2, 3));
  const objectives = new Set<string>();
  const objectiveCount = random.int(3, 5);
  while (objectives.size < objectiveCount) objectives.add(objectiveSentence(random));
  if (random.chance(0.025)) objectives.add(`Mettre en œuvre une démarche d’aller vers les ${random.pick(PUBLICS)}`);
  const content = new Set<string>();
  const contentCount = random.int(4, 7);
  while (content.size < contentCount) content.add(contentItem(random));
  const sectors = random.sample(SECTORS, random.int(1, 3));
  const durationDays = 2;
  const context = `${random.pick([
    'Dans le cadre de la stratégie nationale de prévention et de lutte contre la pauvreté,',
    'Face à l’évolution des besoins sur les territoires,',
    'Pour répondre aux attentes exprimées par les établissements adhérents,',
    'À la suite des travaux menés avec les partenaires régionaux,',
  ])} cette action collective permet aux ${professions[0] ?? 'professionnels'} de ${random.pick(ACTIONS)} auprès des ${publicGroup}. Elle s’appuie sur ${random.pick(CONCEPTS)} et sur l’expérience des participants.`;
  const prerequisites = track && track.next > 1 ? `Avoir suivi le module ${track.next - 1}.` : random.pick(['Aucun prérequis.', 'Aucun prérequis.', 'Exercer auprès du public concerné.']);
  const publicText = `${capitalize(professions.join(', '))} des établissements et services du secteur ${sectors[0]?.toLowerCase() ?? 'social'}.`;
  const cityPool = ref.citiesByRegion.get(regionCode) ?? [];
  const groupCities = random.sample(cityPool, groupsPerTraining);
  while (groupCities.length < groupsPerTraining) groupCities.push(random.pick(cityPool));
  const sessions = sessionWrites(random, groupCities, today);
  const extraSections = random.chance(0.6) ? [{ heading: 'Méthodes pédagogiques', text: `${random.sample(METHODS, 3).join('. ')}.` }] : [];
  if (random.chance(0.3)) extraSections.push({ heading: 'Modalités d’évaluation', text: 'Questionnaire de positionnement en début et en fin de formation, bilan oral à chaud.' });
  const write: TrainingWrite = {
    funderId: ref.funderId,
    sourceKey,
    title,
    trackId: track?.trackId ?? null,
    moduleNumber: track ? track.next : null,
    moduleTitle: track ? (MODULE_TITLES[track.next - 1] ?? null) : null,
    themeId: theme.id,
    regionId: region?.id ?? null,
    providerId: provider.id,
    contactId: random.pick(ref.contactIds),
    publicText,
    durationDays,
    durationMinutes: durationDays * 7 * 60,
    context,
    prerequisites,
    capacityMax: Math.max(...sessions.map((s) => s.maxTrainees)),
    status: 'published',
    // What an imported fiche keeps: the text it was read from.
    sourceText: [title, publicText, context, ...objectives, ...content, prerequisites].join('\n'),
    sectors,
    objectives: [...objectives],
    content: [...content],
    extraSections,
    cofunderIds: random.sample(ref.cofunderIds, random.int(0, 2)),
    sessions,
  };
  return {
    write,
    requiredSourceKey: track?.previousSourceKey ?? null,
    names: { track: track?.title ?? null, theme: theme.name, region: region?.name ?? null, provider: provider.name },
  };
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
    const regions = new Map<string, { id: string; name: string }>();
    const citiesByRegion = new Map<string, City[]>();
    for (const city of CITIES) {
      const code = city[2];
      if (!regions.has(code)) {
        const region = await organisations.findRegionByCode(code);
        if (!region) throw new Error(`Région ${code} absente : la base n’est pas migrée ?`);
        regions.set(code, { id: region.id, name: region.name });
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
    const providers: Array<{ id: string; name: string }> = [];
    for (const name of PROVIDERS) providers.push({ id: await organisations.findOrCreateProvider(name), name });
    const cofunderIds: string[] = [];
    for (const name of COFUNDERS) cofunderIds.push(await organisations.findOrCreateCofunder(name));
    const themes: Array<{ id: string; name: string }> = [];
    for (const name of THEMES) themes.push({ id: await organisations.findOrCreateTheme(funderId, name), name });
    const firstNames = ['Camille', 'Nadia', 'Julien', 'Sophie', 'Karim', 'Claire', 'Thomas', 'Inès', 'Marc', 'Élodie'];
    const lastNames = ['Martin', 'Bernard', 'Lefebvre', 'Moreau', 'Haddad', 'Durand', 'Petit', 'Nguyen', 'Roux', 'Garnier'];
    const contactIds: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const first = random.pick(firstNames);
      const last = random.pick(lastNames);
      const email = `${first.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase()}.${last.toLowerCase()}.${i}@opco-sante.example`;
      contactIds.push(await organisations.findOrCreateContact(funderId, { name: `${first} ${last}`, email }));
    }
    return { funderId, regions, citiesByRegion, providers, cofunderIds, themes, contactIds };
  });
}
