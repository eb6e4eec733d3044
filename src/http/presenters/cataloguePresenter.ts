/**
 * Catalogue records → API JSON. The shapes are documented in http/api/schemas.ts.
 */
import { availabilityLabel } from '../../domain/catalogue/sessionAvailability.js';
import { formatFrenchDateList } from '../../domain/dates/formatFrenchDates.js';
import type { CatalogueSession } from '../../use-cases/catalogueSessions.js';
import type { CataloguePage, CatalogueTraining } from '../../use-cases/searchCatalogue.js';
import type { SessionDetail } from '../../use-cases/showSession.js';
import type { TrainingDetail } from '../../use-cases/showTraining.js';

export function presentSession(session: CatalogueSession) {
  return {
    id: session.id,
    label: session.label,
    number: session.position,
    city: session.city,
    venue: { name: session.venueName, address: session.address, postcode: session.postcode, city: session.city },
    dates: session.dates,
    datesText: formatFrenchDateList(session.dates),
    halfDays: session.days.flatMap((day) => day.halfDays.map((h) => ({ date: day.date, period: h.period, start: h.startTime, end: h.endTime }))),
    minTrainees: session.minTrainees,
    maxTrainees: session.maxTrainees,
    seatsLeft: session.seatsLeft,
    availability: session.availability.kind,
    availabilityLabel: availabilityLabel(session.availability),
    registrationDeadline: session.registrationDeadline,
    status: session.status,
    demo: session.isDemo,
  };
}

export function presentTrainingSummary(training: CatalogueTraining | TrainingDetail, baseUrl: URL) {
  return {
    id: training.id,
    slug: training.slug,
    url: new URL(`/formations/${training.slug}`, baseUrl).toString(),
    title: training.title,
    module: training.moduleNumber === null ? null : { number: training.moduleNumber, title: training.moduleTitle },
    track: training.trackTitle,
    provider: training.providerName,
    region: training.regionName,
    theme: training.themeName,
    durationDays: training.durationDays,
    durationHours: training.durationMinutes === null ? null : Math.round(training.durationMinutes / 0.6) / 100,
    public: training.publicText,
    sessions: training.sessions.map(presentSession),
  };
}

export function presentTrainingList(page: CataloguePage, baseUrl: URL) {
  return {
    items: page.items.map((item) => presentTrainingSummary(item, baseUrl)),
    total: page.total,
    page: page.page,
    perPage: page.perPage,
    pageCount: page.pageCount,
  };
}

export function presentTrainingDetail(training: TrainingDetail, baseUrl: URL) {
  return {
    ...presentTrainingSummary(training, baseUrl),
    funder: training.funderName,
    sectors: training.sectors,
    context: training.context,
    objectives: training.objectives,
    prerequisites: training.prerequisites,
    content: training.content,
    capacityMax: training.capacityMax,
    otherSections: training.extraSections.map((s) => ({ heading: s.heading, text: s.body })),
    contact: training.contact,
    providerDetails: training.provider,
    cofunders: training.cofunders,
    trackModules: training.trackModules.map((m) => ({ slug: m.slug, title: m.title, moduleNumber: m.moduleNumber, published: m.isPublished })),
    requiredModules: training.requiredModules,
    updatedAt: training.updatedAt,
  };
}

export function presentSessionDetail(detail: SessionDetail, baseUrl: URL) {
  return {
    session: presentSession(detail.session),
    training: { ...detail.training, url: new URL(`/formations/${detail.training.slug}`, baseUrl).toString() },
  };
}
