/**
 * A new funder (a new catalogue tenant), created by an operator from the command line
 * (`relais funder create`): the operator has the server, so no policy applies; audited as
 * "Système". Its admins are then invited with `relais user create --org SLUG --role funder_admin`.
 */
import type { Database } from '../../db/database.js';
import type { Clock } from '../../domain/clock.js';
import { DomainError } from '../../domain/errors.js';
import { slugify } from '../../domain/text/slugify.js';
import { throwIfInvalid, validateName, type FieldErrors } from '../accounts/fieldValidation.js';
import { SYSTEM } from '../accounts/requestContext.js';
import { inTransaction } from '../repositories.js';

export interface CreateFunderInput {
  name: string;
  shortName: string;
  slug?: string;
  regionCode?: string;
  /** LHEO "dict-financeurs" code: 16 for an OPCO. */
  lheoCode?: string;
}

export async function createFunderAsOperator(database: Database, clock: Clock, input: CreateFunderInput): Promise<{ id: string; slug: string }> {
  const errors: FieldErrors = {};
  const name = validateName(input.name, errors, 'name', 'le nom du financeur');
  const shortName = validateName(input.shortName, errors, 'shortName', 'le nom court');
  const slug = slugify(input.slug?.trim() || name, 60);
  const lheoCode = input.lheoCode?.trim() || '16';
  if (!/^\d{1,2}$/.test(lheoCode)) errors.lheoCode = 'Code financeur LHEO invalide (1 ou 2 chiffres, 16 pour un OPCO).';
  throwIfInvalid(errors);
  const at = clock.now().toISOString();
  return inTransaction(database, async (repos) => {
    if (await repos.organisations.findFunderBySlug(slug)) throw new DomainError('CONFLICT', `Un financeur « ${slug} » existe déjà.`);
    let regionId: string | null = null;
    if (input.regionCode?.trim()) {
      regionId = (await repos.organisations.findRegionByCode(input.regionCode.trim()))?.id ?? null;
      if (!regionId) throw new DomainError('VALIDATION_FAILED', `Code région inconnu : « ${input.regionCode} » (code INSEE attendu, par exemple 32).`);
    }
    const id = await repos.organisations.insertFunder({
      slug,
      name,
      short_name: shortName,
      lheo_code: lheoCode,
      region_id: regionId,
      website: null,
      default_min_trainees: 8,
      default_max_trainees: 15,
    });
    await repos.audit.append(
      { actorUserId: null, actorLabel: SYSTEM.label, ip: null, action: 'organisation.created', entityType: 'funder', entityId: id, summary: `Financeur créé : ${name}`, funderId: id },
      at,
    );
    return { id, slug };
  });
}
