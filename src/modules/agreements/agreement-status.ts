/**
 * The agreement state machine, written down once. Services check transitions against it, the
 * schema exposes it (Agreement.allowedTransitions), and the README documents it.
 *
 *   NEGOTIATING -> SIGNED | STALLED | ABANDONED
 *   STALLED     -> NEGOTIATING | SIGNED | ABANDONED
 *   SIGNED, ABANDONED: final
 */
import type { AgreementStatus } from '../../db/enums';

export const TRANSITIONS: Readonly<Record<AgreementStatus, readonly AgreementStatus[]>> = {
  NEGOTIATING: ['SIGNED', 'STALLED', 'ABANDONED'],
  STALLED: ['NEGOTIATING', 'SIGNED', 'ABANDONED'],
  SIGNED: [],
  ABANDONED: [],
};

export const canTransition = (from: AgreementStatus, to: AgreementStatus) => TRANSITIONS[from].includes(to);
