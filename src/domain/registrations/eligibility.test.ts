import { describe, expect, it } from 'vitest';
import { eligibilityProblems, missingPrerequisites, needsReview, type EligibilityFacts } from './eligibility.js';

const facts: EligibilityFacts = {
  traineeName: 'Hélène Dupont',
  traineeActive: true,
  profession: 'educateur_specialise',
  eligibleProfessions: null,
  employerActive: true,
  employerIsMember: true,
  missingPrerequisiteTitles: [],
  requiresJustification: false,
  declaration: null,
};

describe('eligibility', () => {
  it('accepts an eligible person', () => {
    expect(eligibilityProblems(facts)).toEqual([]);
  });

  it('explains a profession outside the public', () => {
    const [problem] = eligibilityProblems({ ...facts, eligibleProfessions: ['assistant_service_social', 'cesf'] });
    expect(problem?.code).toBe('NOT_ELIGIBLE');
    expect(problem?.message).toContain('Éducateur·rice spécialisé·e');
  });

  it('refuses an employer that is not a member', () => {
    expect(eligibilityProblems({ ...facts, employerIsMember: false })[0]?.code).toBe('NOT_ELIGIBLE');
  });

  it('asks for the missing module, or a declaration the funder verifies', () => {
    expect(eligibilityProblems({ ...facts, missingPrerequisiteTitles: ['Module 1'] })[0]?.code).toBe('PREREQUISITE_MISSING');
    expect(eligibilityProblems({ ...facts, missingPrerequisiteTitles: ['Module 1'], declaration: 'Suivi en 2024 avec un autre OPCO' })).toEqual([]);
    expect(needsReview({ requiresApproval: false, requiresJustification: false, missingPrerequisites: 1, declaration: 'Suivi ailleurs' })).toBe(true);
  });

  it('asks for a justification when the training requires one', () => {
    expect(eligibilityProblems({ ...facts, requiresJustification: true })[0]?.message).toContain('Justification');
    expect(needsReview({ requiresApproval: false, requiresJustification: true, missingPrerequisites: 0, declaration: 'x' })).toBe(true);
    expect(needsReview({ requiresApproval: false, requiresJustification: false, missingPrerequisites: 0, declaration: null })).toBe(false);
  });

  it('counts a module as followed when confirmed in a group that ends before the target starts', () => {
    const history = [{ trainingId: 'M1', status: 'confirmed', lastDate: '2027-03-11' }];
    expect(missingPrerequisites(['M1'], history, '2027-05-20')).toEqual([]);
    expect(missingPrerequisites(['M1'], history, '2027-03-11')).toEqual(['M1']);
    expect(missingPrerequisites(['M1'], [{ ...history[0]!, status: 'cancelled' }], '2027-05-20')).toEqual(['M1']);
  });
});
