import type { TrainingDetail } from '../../use-cases/showTraining.js';
import { Layout } from '../layout/Layout.js';
import type { PageContext } from '../pageContext.js';
import { durationText, moduleLabel } from './format.js';
import { SessionCard } from './SessionCard.js';

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n{2,}/).map((paragraph) => (
        <p>{paragraph}</p>
      ))}
    </>
  );
}

function TrackModules({ training }: { training: TrainingDetail }) {
  if (training.trackModules.length < 2 || !training.trackTitle) return null;
  return (
    <nav class="track" aria-label="Modules du parcours">
      <p class="track__title">
        Parcours : <strong>{training.trackTitle}</strong>
      </p>
      <ol class="track__modules">
        {training.trackModules.map((module) => (
          <li>
            {module.slug === training.slug ? (
              <span aria-current="page" class="track__current">
                {moduleLabel(module.moduleNumber, null) ?? module.title} (cette formation)
              </span>
            ) : module.isPublished ? (
              <a href={`/formations/${module.slug}`}>{moduleLabel(module.moduleNumber, null) ?? module.title}</a>
            ) : (
              <span>{moduleLabel(module.moduleNumber, null) ?? module.title} (bientôt)</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** Every field of the fiche, in the fiche's order, then the groups. */
export function TrainingPage({ training, context }: { training: TrainingDetail; context?: PageContext }) {
  const duration = durationText(training.durationDays, training.durationMinutes);
  const module = moduleLabel(training.moduleNumber, training.moduleTitle);
  return (
    <Layout page={context} title={training.title} description={training.publicText ?? undefined}>
      <nav class="breadcrumb" aria-label="Fil d’Ariane">
        <ol>
          <li>
            <a href="/">Catalogue</a>
          </li>
          <li aria-current="page">{training.title}</li>
        </ol>
      </nav>
      <article class="training">
        <header class="training__header">
          {module ? <p class="eyebrow">{module}</p> : null}
          <h1>{training.title}</h1>
          <p class="training__funder">
            Proposée par {training.funderName}
            {training.regionName && !training.funderName.includes(training.regionName) ? ` — ${training.regionName}` : ''}
            {training.themeName ? ` — ${training.themeName}` : ''}
          </p>
          <TrackModules training={training} />
        </header>

        <section class="fiche" aria-labelledby="fiche-technique">
          <h2 id="fiche-technique">Fiche technique</h2>
          <dl class="facts">
            {training.sectors.length > 0 ? (
              <div>
                <dt>Secteurs</dt>
                <dd>{training.sectors.join(', ')}</dd>
              </div>
            ) : null}
            {training.publicText ? (
              <div>
                <dt>Public</dt>
                <dd>{training.publicText}</dd>
              </div>
            ) : null}
            {duration ? (
              <div>
                <dt>Durée</dt>
                <dd>{duration}</dd>
              </div>
            ) : null}
            {training.provider ? (
              <div>
                <dt>Organisme de formation</dt>
                <dd>
                  {training.provider.name}
                  {training.provider.siret ? (
                    <>
                      {' '}
                      <span class="facts__detail">SIRET {training.provider.siret}</span>
                    </>
                  ) : null}
                  {training.provider.nda ? (
                    <>
                      {' '}
                      <span class="facts__detail">Déclaration d’activité n° {training.provider.nda}</span>
                    </>
                  ) : null}
                </dd>
              </div>
            ) : null}
            {training.capacityMax !== null ? (
              <div>
                <dt>Effectif</dt>
                <dd>{training.capacityMax} personnes maximum par groupe</dd>
              </div>
            ) : null}
          </dl>
        </section>

        <section aria-labelledby="lieux-dates">
          <h2 id="lieux-dates">Lieux &amp; dates</h2>
          {training.sessions.length > 0 ? (
            <div class="sessions">
              {training.sessions.map((session) => (
                <SessionCard session={session} page={context} />
              ))}
            </div>
          ) : (
            <p>Aucun groupe n’est programmé pour l’instant.</p>
          )}
        </section>

        {training.contact ? (
          <section aria-labelledby="interlocuteur">
            <h2 id="interlocuteur">Interlocuteur {training.funderName}</h2>
            <p class="contact">
              <span class="contact__name">{training.contact.name}</span>
              {training.contact.email ? (
                <>
                  {' '}
                  <a class="contact__email" href={`mailto:${training.contact.email}`}>
                    {training.contact.email}
                  </a>
                </>
              ) : null}
              {training.contact.phone ? (
                <>
                  {' '}
                  <span class="contact__phone">{training.contact.phone}</span>
                </>
              ) : null}
            </p>
          </section>
        ) : null}

        {training.cofunders.length > 0 ? (
          <section aria-labelledby="partenariat">
            <h2 id="partenariat">Partenariat &amp; cofinancement</h2>
            <ul>
              {training.cofunders.map((name) => (
                <li>{name}</li>
              ))}
            </ul>
          </section>
        ) : null}

        {training.context ? (
          <section aria-labelledby="contexte">
            <h2 id="contexte">Contexte</h2>
            <Paragraphs text={training.context} />
          </section>
        ) : null}

        {training.objectives.length > 0 ? (
          <section aria-labelledby="objectifs">
            <h2 id="objectifs">Objectifs</h2>
            <ul class="bullets">
              {training.objectives.map((objective) => (
                <li>{objective}</li>
              ))}
            </ul>
          </section>
        ) : null}

        {training.prerequisites || training.requiredModules.length > 0 ? (
          <section aria-labelledby="prerequis">
            <h2 id="prerequis">Prérequis</h2>
            {training.prerequisites ? <Paragraphs text={training.prerequisites} /> : null}
            {training.requiredModules.length > 0 ? (
              <p>
                Module requis :{' '}
                {training.requiredModules.map((module, index) => (
                  <>
                    {index > 0 ? ', ' : ''}
                    <a href={`/formations/${module.slug}`}>{moduleLabel(module.moduleNumber, null) ?? module.title}</a>
                  </>
                ))}
              </p>
            ) : null}
          </section>
        ) : null}

        {training.content.length > 0 ? (
          <section aria-labelledby="contenu-formation">
            <h2 id="contenu-formation">Contenu</h2>
            <ul class="bullets">
              {training.content.map((item) => (
                <li>{item}</li>
              ))}
            </ul>
          </section>
        ) : null}

        {training.extraSections.map((section, index) => (
          <section aria-labelledby={`section-${index}`}>
            <h2 id={`section-${index}`}>{section.heading}</h2>
            <Paragraphs text={section.body} />
          </section>
        ))}
      </article>
    </Layout>
  );
}
