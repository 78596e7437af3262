/**
 * The agreement state machine, written down once. Services check transitions against it, the
 * schema exposes it (Agreement.allowedTransitions), and the README documents it.
 *
 *   NEGOTIATING -> SIGNED | STALLED | ABANDONED
 *   STALLED     -> NEGOTIATING | SIGNED | ABANDONED
 *   SIGNED, ABANDONED: final
 */
export const AGREEMENT_STATUSES = ['NEGOTIATING', 'STALLED', 'SIGNED', 'ABANDONED'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const TRANSITIONS: Readonly<Record<AgreementStatus, readonly AgreementStatus[]>> = {
  NEGOTIATING: ['SIGNED', 'STALLED', 'ABANDONED'],
  STALLED: ['NEGOTIATING', 'SIGNED', 'ABANDONED'],
  SIGNED: [],
  ABANDONED: [],
};

export const canTransition = (from: AgreementStatus, to: AgreementStatus) => TRANSITIONS[from].includes(to);

/** Areas of cooperation: the seed report's controlled vocabulary (a CHECK in the first migration). */
export const AREAS = [
  'accountability',
  'air_force_air_defence',
  'cbrn',
  'children_return',
  'compensation',
  'consultation_mechanism_24h',
  'critical_infrastructure',
  'cultural_heritage',
  'cyber',
  'defence_industry',
  'demining',
  'disinformation',
  'economic',
  'energy',
  'eu_nato_integration',
  'financial',
  'humanitarian',
  'hybrid_threats',
  'intelligence',
  'maritime',
  'medical',
  'military',
  'organized_crime',
  'peace_formula',
  'reconstruction',
  'reforms',
  'sanctions',
  'training',
  'veterans',
] as const;
