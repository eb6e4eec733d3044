/**
 * The public register of processing purposes (RGPD art. 30, shown to the people concerned as
 * art. 13 asks): what Relais does with personal data, why, on which legal basis, for how long
 * and who receives it; then the rights and how to use them. The durations of the evidence
 * come from the retention settings the funder administrators keep.
 */
import { Layout } from '../layout/Layout.js';
import type { PageContext } from '../pageContext.js';

export interface RetentionYears {
  certificates: number;
  evidence: number;
  cofundedEvidence: number;
}

interface Purpose {
  purpose: string;
  data: string;
  legalBasis: string;
  retention: string;
  recipients: string;
}

function years(count: number): string {
  return `${count} an${count > 1 ? 's' : ''}`;
}

function purposes(retention: RetentionYears): Purpose[] {
  const evidence = `${years(retention.evidence)} après la fin de la session (${years(retention.cofundedEvidence)} pour les actions cofinancées, notamment par le FSE+)`;
  return [
    {
      purpose: 'Gestion des comptes et des habilitations',
      data: 'Nom, adresse électronique professionnelle, organisation et rôle, empreinte du mot de passe (jamais le mot de passe lui-même), sessions de connexion (date, adresse IP, navigateur), jetons d’API (empreinte, nom, autorisations).',
      legalBasis: 'Exécution d’une mission d’intérêt public confiée aux financeurs de la formation professionnelle (art. 6-1-e du RGPD).',
      retention:
        'Tant que le compte est actif ; le compte est anonymisé sur demande ou à la fin de la relation avec l’organisation. Sessions de connexion : 12 heures au plus. Liens d’invitation : 7 jours ; liens de réinitialisation : 1 heure.',
      recipients: 'Les administrateur·rices du financeur concerné ; l’hébergeur, en sous-traitance.',
    },
    {
      purpose: 'Inscriptions aux formations',
      data: 'Identité et coordonnées professionnelles des stagiaires, établissement employeur, fonction, formation et session choisies, éventuels besoins d’adaptation signalés.',
      legalBasis: 'Exécution d’une mission d’intérêt public (financement des actions collectives de formation, art. 6-1-e du RGPD).',
      retention: evidence,
      recipients: 'Le financeur, l’organisme de formation qui réalise la session, l’établissement employeur du ou de la stagiaire, les cofinanceurs pour les actions qu’ils financent.',
    },
    {
      purpose: 'Émargement et preuves de réalisation',
      data: 'Présences par demi-journée, signatures, convocations, certificats de réalisation et attestations.',
      legalBasis: 'Obligation légale : justification de la réalisation des actions financées (Code du travail, art. L. 6353-1 et R. 6332-26) (art. 6-1-c du RGPD).',
      retention: `Certificats et attestations : ${years(retention.certificates)} après la fin de la session. Autres pièces justificatives : ${evidence}.`,
      recipients: 'Le financeur, l’organisme de formation, les cofinanceurs et les autorités de contrôle qui le demandent.',
    },
    {
      purpose: 'Évaluations des formations',
      data: 'Réponses aux questionnaires de satisfaction et d’évaluation des acquis, rattachées à la session.',
      legalBasis: 'Mission d’intérêt public : suivi de la qualité des actions financées (art. 6-1-e du RGPD).',
      retention: evidence,
      recipients: 'Le financeur et l’organisme de formation ; les résultats ne sont communiqués aux autres qu’agrégés.',
    },
    {
      purpose: 'Pilotage statistique',
      data: 'Données agrégées issues des inscriptions et des présences (effectifs, taux de remplissage, répartition par territoire ou secteur), sans identification des personnes.',
      legalBasis: 'Mission d’intérêt public : pilotage et évaluation de la politique de formation (art. 6-1-e du RGPD).',
      retention: 'Les statistiques ne contiennent pas de données personnelles ; les données sources suivent leur propre durée de conservation.',
      recipients: 'Le financeur, les cofinanceurs (chiffres de leurs actions), les instances paritaires.',
    },
    {
      purpose: 'Traçabilité et sécurité (journal d’audit)',
      data: 'Qui a fait quoi et quand : auteur de l’action, date, adresse IP, nature de l’action ; tentatives de connexion.',
      legalBasis: 'Intérêt légitime à sécuriser le service et obligation de pouvoir prouver les décisions prises (art. 6-1-c et 6-1-f du RGPD).',
      retention: `Journal d’audit : ${years(retention.evidence)}, comme les pièces justificatives qu’il permet de prouver ; il n’est pas modifié par un effacement. Tentatives de connexion : quelques heures, le temps de la protection contre les essais répétés.`,
      recipients: 'Les administrateur·rices du financeur ; l’équipe technique en cas d’incident de sécurité.',
    },
  ];
}

export function PersonalDataPage({ context, retention }: { context: PageContext; retention: RetentionYears }) {
  return (
    <Layout title="Données personnelles" description="Comment Relais utilise vos données personnelles et comment exercer vos droits." page={context}>
      <div class="page-intro">
        <h1>Données personnelles</h1>
        <p class="lead">
          Relais aide les financeurs de la formation professionnelle (OPCO et leurs partenaires) à organiser des actions collectives de formation. Voici quelles données personnelles sont
          utilisées, pourquoi, pendant combien de temps et par qui.
        </p>
      </div>

      <section aria-labelledby="registre" class="account-section">
        <h2 id="registre">Registre des traitements</h2>
        <p>Le responsable de traitement est le financeur qui organise la formation concernée ; Relais est l’outil qu’il utilise.</p>
        <div class="table-scroll" role="region" aria-label="Registre des traitements" tabIndex={0}>
          <table class="account-table register-table">
            <caption>Finalités des traitements de Relais</caption>
            <thead>
              <tr>
                <th scope="col">Finalité</th>
                <th scope="col">Données</th>
                <th scope="col">Base légale</th>
                <th scope="col">Durée de conservation</th>
                <th scope="col">Destinataires</th>
              </tr>
            </thead>
            <tbody>
              {purposes(retention).map((row) => (
                <tr>
                  <th scope="row">{row.purpose}</th>
                  <td>{row.data}</td>
                  <td>{row.legalBasis}</td>
                  <td>{row.retention}</td>
                  <td>{row.recipients}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          À la fin de leur durée de conservation, les données sont supprimées ou rendues anonymes automatiquement. Aucune donnée n’est transférée hors de l’Union européenne ni utilisée
          pour une décision automatisée.
        </p>
      </section>

      <section aria-labelledby="droits" class="account-section">
        <h2 id="droits">Vos droits</h2>
        <p>Pour les données qui vous concernent, vous pouvez demander :</p>
        <ul class="bullets">
          <li>
            <strong>l’accès</strong> : savoir quelles données sont conservées et en obtenir une copie ;
          </li>
          <li>
            <strong>la rectification</strong> : corriger une donnée inexacte ou incomplète ;
          </li>
          <li>
            <strong>l’effacement</strong> : supprimer vos données, sauf celles que la loi oblige à conserver (preuves de réalisation, journal d’audit) ;
          </li>
          <li>
            <strong>la limitation</strong> : geler l’utilisation de vos données le temps d’examiner une contestation ;
          </li>
          <li>
            <strong>l’opposition</strong> : vous opposer, pour des raisons tenant à votre situation, à un traitement fondé sur l’intérêt public ou l’intérêt légitime.
          </li>
        </ul>
      </section>

      <section aria-labelledby="exercer" class="account-section">
        <h2 id="exercer">Exercer vos droits</h2>
        <p>
          Adressez votre demande au financeur qui organise votre formation (son contact figure sur chaque fiche formation du catalogue), ou à son délégué à la protection des données. Il
          vous répondra dans un délai d’un mois.
        </p>
        <p>
          Si vous avez un compte, vous pouvez télécharger vous-même vos données depuis <a href="/mon-compte">Mon compte</a>, et y corriger votre adresse électronique et votre mot de
          passe.
        </p>
        <p>
          Si vous estimez que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la CNIL (<a href="https://www.cnil.fr/fr/plaintes">www.cnil.fr/fr/plaintes</a>).
        </p>
      </section>
    </Layout>
  );
}
