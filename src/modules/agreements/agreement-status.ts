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
