/**
 * Who may be registered into a group: the training's public (professions), the employer's
 * membership (active, a member of the training's funder), the prerequisites between modules
 * and the declarative prerequisites the funder verifies. Problems are French sentences that
 * say why and what to do; any problem refuses the whole request (nothing is written).
 */
import { professionLabel, type Profession } from './professions.js';

export interface PastRegistration {
  trainingId: string;
  status: string;
  /** Last day of the group, ISO date. */
  lastDate: string | null;
}

/**
 * The required trainings a person has not followed. Until attendance is recorded (delivery),
 * a module counts as followed when the person is confirmed in one of its groups that ends
 * before the target group starts.
 */
export function missingPrerequisites(requiredTrainingIds: readonly string[], history: readonly PastRegistration[], targetFirstDate: string | null): string[] {
  return requiredTrainingIds.filter(
    (requiredId) =>
      !history.some(
        (past) => past.trainingId === requiredId && past.status === 'confirmed' && past.lastDate !== null && (targetFirstDate === null || past.lastDate < targetFirstDate),
      ),
  );
}

export interface EligibilityFacts {
  traineeName: string;
  traineeActive: boolean;
  profession: string;
  eligibleProfessions: readonly Profession[] | null;
  employerActive: boolean;
  /** The employer is a member of the funder that publishes the training. */
  employerIsMember: boolean;
  /** Titles of the prerequisite modules the person has not followed. */
  missingPrerequisiteTitles: readonly string[];
  requiresJustification: boolean;
  /** What the employer wrote: justification, or a module followed elsewhere. */
  declaration: string | null;
}

export type EligibilityProblemCode = 'NOT_ELIGIBLE' | 'PREREQUISITE_MISSING';

export interface EligibilityProblem {
  code: EligibilityProblemCode;
  message: string;
}

export function eligibilityProblems(facts: EligibilityFacts): EligibilityProblem[] {
  const problems: EligibilityProblem[] = [];
  const who = facts.traineeName;
  if (!facts.employerActive || !facts.employerIsMember) {
    problems.push({ code: 'NOT_ELIGIBLE', message: 'Votre établissement n’est pas (ou plus) adhérent du financeur de cette formation : contactez le financeur pour mettre à jour votre adhésion.' });
  }
  if (!facts.traineeActive) {
    problems.push({ code: 'NOT_ELIGIBLE', message: `${who} ne fait plus partie de votre personnel dans Relais : réactivez sa fiche avant de l’inscrire.` });
  }
  if (facts.eligibleProfessions !== null && !facts.eligibleProfessions.includes(facts.profession as Profession)) {
    const allowed = facts.eligibleProfessions.map(professionLabel).join(', ');
    problems.push({
      code: 'NOT_ELIGIBLE',
      message: `${who} (${professionLabel(facts.profession)}) ne fait pas partie du public de cette formation (${allowed}). Si sa fonction a changé, corrigez sa fiche ; sinon, choisissez une autre formation.`,
    });
  }
  const declared = facts.declaration !== null && facts.declaration.trim() !== '';
  if (facts.missingPrerequisiteTitles.length > 0 && !declared) {
    const titles = facts.missingPrerequisiteTitles.map((title) => `« ${title} »`).join(', ');
    problems.push({
      code: 'PREREQUISITE_MISSING',
      message: `${who} n’a pas suivi ${titles}, prérequis de cette formation : inscrivez-le·la d’abord à ce module, ou, s’il a été suivi ailleurs, décrivez-le dans la justification (le financeur la vérifiera).`,
    });
  }
  if (facts.requiresJustification && !declared) {
    problems.push({
      code: 'PREREQUISITE_MISSING',
      message: `Cette formation demande un prérequis que le financeur vérifie : décrivez l’expérience de ${who} dans le champ « Justification ».`,
    });
  }
  return problems;
}

/** The funder must look at the registration before it is confirmed. */
export function needsReview(input: { requiresApproval: boolean; requiresJustification: boolean; missingPrerequisites: number; declaration: string | null }): boolean {
  const declared = input.declaration !== null && input.declaration.trim() !== '';
  return input.requiresApproval || input.requiresJustification || (input.missingPrerequisites > 0 && declared);
}
