/**
 * Schemas of the registrations API (staff, registrations, offers), in TypeBox like the
 * catalogue's: one source for validation, serialisation and the OpenAPI document. The named
 * ones ($id) are added to the app in http/api/index.ts and referenced with Type.Ref.
 */
import { Type } from 'typebox';
import { MAX_PEOPLE_PER_REQUEST } from '../../../use-cases/registrations/registerTrainees.js';
import { PROFESSION_CODES } from '../../../domain/registrations/professions.js';
import type { RegistrationStatus } from '../../../domain/registrations/registrationStatus.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const STATUSES: RegistrationStatus[] = ['pending', 'confirmed', 'rejected', 'waitlisted', 'offered', 'expired', 'cancelled'];
const StatusSchema = Type.Enum(STATUSES, {
  description: 'pending : en attente de validation ; confirmed : confirmée ; rejected : refusée ; waitlisted : en liste d’attente ; offered : place proposée ; expired : proposition expirée ; cancelled : annulée',
});
const ProfessionSchema = Type.Enum(PROFESSION_CODES, { description: 'Code de la profession (libellés : professionLabel)' });

export const TraineeSchema = Type.Object(
  {
    id: Type.String(),
    employerId: Type.String(),
    firstName: Type.String(),
    lastName: Type.String(),
    email: Type.String({ description: 'Adresse professionnelle (convocations)' }),
    profession: Type.String(),
    professionLabel: Type.String(),
    active: Type.Boolean({ description: 'Faux pour une personne retirée du personnel : elle ne peut plus être inscrite' }),
  },
  { $id: 'Trainee', description: 'Une personne du personnel d’un établissement' },
);

export const TraineeListSchema = Type.Object({ items: Type.Array(Type.Ref('Trainee')) }, { $id: 'TraineeList' });

export const RegistrationSchema = Type.Object(
  {
    id: Type.String(),
    status: StatusSchema,
    statusLabel: Type.String({ description: 'Libellé en français, ex. « En liste d’attente »' }),
    waitlistPosition: Nullable(Type.Integer({ minimum: 1, description: 'Position dans la liste d’attente (1 = prochaine place libérée)' })),
    offerExpiresAt: Nullable(Type.String({ description: 'Fin de la proposition de place, instant ISO 8601 (UTC)' })),
    requestedAt: Type.String({ description: 'Instant ISO 8601 (UTC) de la demande' }),
    isLateCancellation: Type.Boolean({ description: 'Annulée après la date limite d’inscription' }),
    cancelReason: Nullable(
      Type.String({ description: 'Pour une inscription annulée : employer, funder, offer_declined, confirmed_elsewhere, group_cancelled ou moved' }),
    ),
    trainee: Type.Object({ id: Type.String(), firstName: Type.String(), lastName: Type.String(), email: Type.String(), profession: Type.String() }),
    employer: Type.Object({ id: Type.String(), name: Type.String(), siret: Type.String() }),
    session: Type.Object({
      id: Type.String(),
      label: Type.String(),
      city: Nullable(Type.String()),
      firstDate: Nullable(Type.String({ description: 'Premier jour, AAAA-MM-JJ (Europe/Paris)' })),
      lastDate: Nullable(Type.String({ description: 'Dernier jour, AAAA-MM-JJ (Europe/Paris)' })),
    }),
    training: Type.Object({ id: Type.String(), title: Type.String(), slug: Type.String() }),
  },
  { $id: 'Registration', description: 'Une inscription d’une personne à un groupe' },
);

export const RegistrationListSchema = Type.Object({ items: Type.Array(Type.Ref('Registration')) }, { $id: 'RegistrationList' });

export const RegistrationResultSchema = Type.Object(
  {
    sessionId: Type.String(),
    outcomes: Type.Array(
      Type.Object({
        registrationId: Type.String(),
        traineeId: Type.String(),
        traineeName: Type.String(),
        status: Type.Enum(['confirmed', 'pending', 'waitlisted'], { description: 'confirmed : place confirmée ; pending : en attente de validation du financeur ; waitlisted : groupe complet, en liste d’attente' }),
        waitlistPosition: Nullable(Type.Integer({ minimum: 1 })),
      }),
    ),
    replayed: Type.Boolean({ description: 'Vrai quand la réponse est celle d’une demande précédente portant la même clé d’idempotence' }),
  },
  { $id: 'RegistrationResult', description: 'Le résultat de l’inscription, personne par personne' },
);

export const CancelResultSchema = Type.Object(
  { registrationId: Type.String(), late: Type.Boolean({ description: 'Annulation après la date limite d’inscription (annulation tardive)' }) },
  { $id: 'CancelResult' },
);

export const OfferAnswerSchema = Type.Object(
  {
    registrationId: Type.String(),
    status: Type.Enum(['confirmed', 'pending', 'cancelled'], { description: 'confirmed : place acceptée ; pending : acceptée, en attente de validation du financeur ; cancelled : place refusée' }),
  },
  { $id: 'OfferAnswer' },
);

/** Every named schema of this API, for app.addSchema (order: referenced before referencing). */
export const REGISTRATION_API_SCHEMAS = [TraineeSchema, TraineeListSchema, RegistrationSchema, RegistrationListSchema, RegistrationResultSchema, CancelResultSchema, OfferAnswerSchema];

// Requests.

const EmployerIdSchema = Type.String({ minLength: 1, maxLength: 200, description: 'Établissement ; facultatif pour le contact RH d’un seul établissement' });

export const TraineeQuerySchema = Type.Object({
  employerId: Type.Optional(EmployerIdSchema),
  includeInactive: Type.Optional(Type.Boolean({ default: false, description: 'Inclure les personnes retirées du personnel' })),
});

export const NewTraineeSchema = Type.Object(
  {
    employerId: Type.Optional(EmployerIdSchema),
    firstName: Type.String({ maxLength: 200 }),
    lastName: Type.String({ maxLength: 200 }),
    email: Type.String({ maxLength: 320, description: 'Adresse professionnelle : les convocations y sont envoyées' }),
    profession: ProfessionSchema,
  },
  { additionalProperties: false },
);

export const RegisterBodySchema = Type.Object(
  {
    people: Type.Array(
      Type.Object(
        {
          traineeId: Type.String({ minLength: 1, maxLength: 200, description: 'Identifiant d’une personne du personnel (GET /api/v1/trainees)' }),
          declaration: Type.Optional(Type.String({ maxLength: 2000, description: 'Justification, quand la formation la demande (ou qu’un prérequis manque)' })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: MAX_PEOPLE_PER_REQUEST, description: 'Personnes d’un même établissement' },
    ),
  },
  { additionalProperties: false },
);

export const IdempotencyHeadersSchema = Type.Object({
  'idempotency-key': Type.String({
    description:
      'Obligatoire. Une clé unique par demande d’inscription (8 à 200 caractères : lettres, chiffres, « - », « _ », « . », « : », un UUID par exemple). Renvoyer la même demande avec la même clé ne réinscrit personne : la première réponse est renvoyée. La même clé avec un autre contenu est refusée (422 IDEMPOTENCY_KEY_REUSED).',
  }),
});

export const RegistrationQuerySchema = Type.Object({
  status: Type.Optional(Type.Array(StatusSchema, { description: 'Filtre par statut ; répétable (?status=pending&status=confirmed)' })),
  sessionId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Filtre par groupe' })),
  employerId: Type.Optional(EmployerIdSchema),
});

export const CancelBodySchema = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 500, description: 'Motif, gardé au journal' })) },
  { additionalProperties: false },
);
