/**
 * Imports a fiche technique: parse the text into a draft, refuse what is not a fiche, then
 * save the training, its provider, contact, co-funders, track and groups in one transaction.
 * Re-importing the same fiche (same funder, same title) updates the training; groups are
 * matched by label and never deleted here, since people may already be registered in them.
 */
import type { Database } from '../db/database.js';
import type { SessionWrite, TrainingWrite } from '../db/repositories/trainingRepository.js';
import type { TrainingStatus } from '../db/schema.js';
import type { Clock } from '../domain/clock.js';
import { DEFAULT_HOURS_PER_DAY, hoursToMinutes } from '../domain/catalogue/durations.js';
import { STANDARD_HALF_DAYS } from '../domain/catalogue/halfDaySchedule.js';
import { requiredModuleNumbersOf, trackTitleOf } from '../domain/catalogue/trackOfTraining.js';
import { DomainError } from '../domain/errors.js';
import { slugify } from '../domain/text/slugify.js';
import type { FicheDraft, FicheExtraSection } from '../import/ficheDraft.js';
import { describeMissingSections, parseFiche } from '../import/parseFiche.js';
import { inTransaction, type Repositories } from './repositories.js';

export interface ImportFicheInput {
  text: string;
  /** The funder whose catalogue receives the training; optional when there is only one. */
  funderSlug?: string;
  /** INSEE region code; defaults to the funder's region. */
  regionCode?: string;
  themeName?: string;
  /** Publish at once; otherwise a new training is a draft and an existing one keeps its status. */
  publish?: boolean;
}

export interface ImportFicheResult {
  draft: FicheDraft;
  extraSections: FicheExtraSection[];
  saved: { trainingId: string; slug: string; created: boolean } | null;
  /** Groups of the training that the fiche no longer lists (kept, to be handled by hand). */
  groupsNotInFiche: string[];
}

/** Parses a fiche and refuses a text that is not one; touches no database (the dry run). */
export function readFiche(text: string): { draft: FicheDraft; extraSections: FicheExtraSection[] } {
  const { draft, extraSections, missingSections } = parseFiche(text);
  if (missingSections.length > 0) {
    throw new DomainError('NOT_A_FICHE', describeMissingSections(missingSections), { missingSections });
  }
  return { draft, extraSections };
}

export async function importFiche(database: Database, clock: Clock, input: ImportFicheInput): Promise<ImportFicheResult> {
  const { draft, extraSections } = readFiche(input.text);
  const title = draft.title as string; // a fiche without a title is refused by readFiche

  const now = clock.now().toISOString();
  return inTransaction(database, async (repos) => {
    const funder = await resolveFunder(repos, input.funderSlug);
    const regionId = input.regionCode ? await resolveRegion(repos, input.regionCode) : funder.region_id;
    const sourceKey = slugify(title, 200);
    const existingId = await repos.trainings.findIdBySourceKey(funder.id, sourceKey);
    const existingGroups = existingId ? await repos.trainings.listSessionLabels(existingId) : [];

    const trackTitle = draft.module ? trackTitleOf(title) : null;
    const write: TrainingWrite = {
      funderId: funder.id,
      sourceKey,
      title,
      trackId: trackTitle ? await repos.organisations.findOrCreateTrack(funder.id, trackTitle) : null,
      moduleNumber: draft.module?.number ?? null,
      moduleTitle: draft.module?.title ?? null,
      themeId: input.themeName ? await repos.organisations.findOrCreateTheme(funder.id, input.themeName) : null,
      regionId,
      providerId: draft.provider ? await repos.organisations.findOrCreateProvider(draft.provider) : null,
      contactId: draft.contact?.name
        ? await repos.organisations.findOrCreateContact(funder.id, { name: draft.contact.name, email: draft.contact.email })
        : null,
      publicText: draft.public,
      durationDays: draft.durationDays,
      durationMinutes: durationMinutesOf(draft),
      context: draft.context,
      prerequisites: draft.prerequisites,
      capacityMax: draft.capacityMax,
      status: statusAfterImport(input.publish === true, existingId !== undefined),
      sourceText: input.text,
      sectors: draft.sectors,
      objectives: draft.objectives,
      content: draft.content,
      extraSections,
      cofunderIds: await Promise.all(draft.cofunders.map((name) => repos.organisations.findOrCreateCofunder(name))),
      sessions: sessionsOf(draft, funder),
    };
    const { id, created } = await repos.trainings.save(write, now);
    if (write.trackId && write.moduleNumber !== null) {
      await linkRequiredModules(repos, id, write.trackId, requiredModuleNumbersOf(draft.prerequisites, write.moduleNumber));
    }
    await repos.searchIndex.reindexTraining(id);
    const slug = await repos.trainings.slugOf(id);
    const ficheLabels = new Set(write.sessions.map((s) => s.label));
    return {
      draft,
      extraSections,
      saved: { trainingId: id, slug, created },
      groupsNotInFiche: existingGroups.filter((label) => !ficheLabels.has(label)),
    };
  });
}

function statusAfterImport(publish: boolean, exists: boolean): TrainingStatus | undefined {
  if (publish) return 'published';
  return exists ? undefined : 'draft';
}

async function resolveFunder(repos: Repositories, funderSlug: string | undefined) {
  if (funderSlug) {
    const funder = await repos.organisations.findFunderBySlug(funderSlug);
    if (!funder) throw new DomainError('NO_FUNDER', `Aucun financeur « ${funderSlug} » : vérifiez l’identifiant (slug) du financeur.`);
    return funder;
  }
  const funders = await repos.organisations.listFunders();
  if (funders.length === 1) return funders[0] as (typeof funders)[number];
  if (funders.length === 0) {
    throw new DomainError('NO_FUNDER', 'Aucun financeur n’existe encore : créez-en un (npx relais funder create --name … --short-name …) ou démarrez l’application une fois pour les données de démonstration.');
  }
  throw new DomainError('NO_FUNDER', `Plusieurs financeurs existent : précisez lequel (${funders.map((f) => f.slug).join(', ')}).`);
}

async function resolveRegion(repos: Repositories, code: string): Promise<string> {
  const region = await repos.organisations.findRegionByCode(code);
  if (!region) throw new DomainError('VALIDATION_FAILED', `Code région inconnu : « ${code} » (code INSEE attendu, par exemple 32 pour les Hauts-de-France).`);
  return region.id;
}

function durationMinutesOf(draft: FicheDraft): number | null {
  if (draft.durationHours !== null) return hoursToMinutes(draft.durationHours);
  if (draft.durationDays !== null) return hoursToMinutes(draft.durationDays * DEFAULT_HOURS_PER_DAY);
  return null;
}

/** Groups as the fiche lists them, with the funder's default group size when the fiche gives none. */
function sessionsOf(draft: FicheDraft, funder: { default_min_trainees: number; default_max_trainees: number }): SessionWrite[] {
  const maxTrainees = draft.capacityMax ?? funder.default_max_trainees;
  return draft.sessions.map((session, index) => ({
    label: session.label,
    position: Number(/\d+/.exec(session.label)?.[0] ?? index + 1),
    venueName: null,
    address: null,
    postcode: null,
    city: session.city,
    minTrainees: Math.min(funder.default_min_trainees, maxTrainees),
    maxTrainees,
    registrationDeadline: null,
    status: 'planned',
    isDemo: false,
    days: session.dates.map((date) => ({ date, halfDays: [...STANDARD_HALF_DAYS] })),
  }));
}

async function linkRequiredModules(repos: Repositories, trainingId: string, trackId: string, numbers: number[]): Promise<void> {
  if (numbers.length === 0) return;
  const modules = await repos.trainings.listTrackModules(trackId);
  const required = modules.filter((m) => m.module_number !== null && numbers.includes(m.module_number) && m.id !== trainingId).map((m) => m.id);
  await repos.trainings.setPrerequisites(trainingId, required);
}
