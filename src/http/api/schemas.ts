/**
 * Response and parameter schemas shared by the catalogue API, in TypeBox (one schema system
 * for validation, serialisation and the OpenAPI document).
 */
import { Type, type Static } from 'typebox';

export const ErrorSchema = Type.Object(
  { error: Type.Object({ code: Type.String(), message: Type.String() }) },
  { $id: 'Error', description: 'Erreur : code stable et message en français' },
);

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const SessionSchema = Type.Object(
  {
    id: Type.String(),
    label: Type.String({ description: 'Libellé affiché, ex. « Groupe 1 »' }),
    number: Type.Integer(),
    city: Nullable(Type.String()),
    venue: Type.Object({ name: Nullable(Type.String()), address: Nullable(Type.String()), postcode: Nullable(Type.String()), city: Nullable(Type.String()) }),
    dates: Type.Array(Type.String({ format: 'date' }), { description: 'Jours (Europe/Paris), AAAA-MM-JJ' }),
    datesText: Type.String({ description: 'Ex. « les 10 & 11 mars 2022 »' }),
    halfDays: Type.Array(Type.Object({ date: Type.String(), period: Type.Union([Type.Literal('morning'), Type.Literal('afternoon')]), start: Type.String(), end: Type.String() })),
    minTrainees: Type.Integer(),
    maxTrainees: Type.Integer(),
    seatsLeft: Type.Integer(),
    availability: Type.Union(['open', 'full', 'closed', 'in_progress', 'past', 'cancelled'].map((k) => Type.Literal(k))),
    availabilityLabel: Type.String(),
    registrationDeadline: Nullable(Type.String({ description: 'Instant ISO 8601 (UTC)' })),
    status: Type.String(),
    demo: Type.Boolean({ description: 'Groupe ajouté par les données de démonstration' }),
  },
  { $id: 'Session' },
);

const trainingSummaryProperties = {
  id: Type.String(),
  slug: Type.String(),
  url: Type.String(),
  title: Type.String(),
  module: Nullable(Type.Object({ number: Type.Integer(), title: Nullable(Type.String()) })),
  track: Nullable(Type.String()),
  provider: Nullable(Type.String()),
  region: Nullable(Type.String()),
  theme: Nullable(Type.String()),
  durationDays: Nullable(Type.Number()),
  durationHours: Nullable(Type.Number()),
  public: Nullable(Type.String()),
  sessions: Type.Array(Type.Ref('Session')),
};

export const TrainingSummarySchema = Type.Object(trainingSummaryProperties, { $id: 'TrainingSummary' });

export const TrainingDetailSchema = Type.Object(
  {
    ...trainingSummaryProperties,
    funder: Type.String(),
    sectors: Type.Array(Type.String()),
    context: Nullable(Type.String()),
    objectives: Type.Array(Type.String()),
    prerequisites: Nullable(Type.String()),
    content: Type.Array(Type.String()),
    capacityMax: Nullable(Type.Integer()),
    otherSections: Type.Array(Type.Object({ heading: Type.String(), text: Type.String() })),
    contact: Nullable(Type.Object({ name: Type.String(), email: Nullable(Type.String()), phone: Nullable(Type.String()) })),
    providerDetails: Nullable(Type.Object({ name: Type.String(), siret: Nullable(Type.String()), nda: Nullable(Type.String()), city: Nullable(Type.String()) })),
    cofunders: Type.Array(Type.String()),
    trackModules: Type.Array(Type.Object({ slug: Type.String(), title: Type.String(), moduleNumber: Nullable(Type.Integer()), published: Type.Boolean() })),
    requiredModules: Type.Array(Type.Object({ slug: Type.String(), title: Type.String(), moduleNumber: Nullable(Type.Integer()) })),
    updatedAt: Type.String(),
  },
  { $id: 'TrainingDetail' },
);

export const TrainingListSchema = Type.Object(
  {
    items: Type.Array(Type.Ref('TrainingSummary')),
    total: Type.Integer(),
    page: Type.Integer(),
    perPage: Type.Integer(),
    pageCount: Type.Integer(),
  },
  { $id: 'TrainingList' },
);

export const SessionDetailSchema = Type.Object(
  { session: Type.Ref('Session'), training: Type.Object({ id: Type.String(), slug: Type.String(), title: Type.String(), url: Type.String() }) },
  { $id: 'SessionDetail' },
);

export const CatalogueQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Recherche plein texte (sans accents ni casse)' })),
  region: Type.Optional(Type.String({ maxLength: 80, description: 'Identifiant de région, ex. hauts-de-france' })),
  theme: Type.Optional(Type.String({ maxLength: 120 })),
  sector: Type.Optional(Type.String({ maxLength: 120 })),
  city: Type.Optional(Type.String({ maxLength: 120 })),
  month: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'AAAA-MM' })),
  available: Type.Optional(Type.Boolean({ description: 'Seulement les formations avec des places disponibles' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type CatalogueQuery = Static<typeof CatalogueQuerySchema>;

export const IdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });
