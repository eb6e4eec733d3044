import type { FastifyPluginAsync } from 'fastify';
import { readRetention, RETENTION_KINDS, type RetentionKind } from '../../../use-cases/personal-data/retention.js';
import { PersonalDataPage } from '../../../views/accounts/PersonalDataPage.js';
import { repositoriesOn } from '../../../use-cases/repositories.js';
import type { AppContext } from '../../context.js';
import { pageContextOf } from '../pageContext.js';
import { sendPage } from './sendPage.js';

/** The public page on personal data: the register of purposes and the rights. */
export const personalDataRoutes: FastifyPluginAsync<{ context: AppContext }> = async (app, { context }) => {
  app.get('/donnees-personnelles', async (request, reply) => {
    // The register describes the platform's funder; with several, the legal defaults are shown.
    const funders = await repositoriesOn(context.database.db, context.database.dialect).organisations.listFunders();
    const settings = await readRetention(context.database, funders.length === 1 ? (funders[0]?.id ?? null) : null);
    const yearsOf = (kind: RetentionKind) => settings.find((setting) => setting.kind === kind)?.years ?? RETENTION_KINDS[kind].legalMinimumYears;
    const retention = { certificates: yearsOf('certificates'), evidence: yearsOf('evidence'), cofundedEvidence: yearsOf('cofunded_evidence') };
    return sendPage(reply, PersonalDataPage({ context: pageContextOf(request, reply), retention }), { noStore: false });
  });
};
