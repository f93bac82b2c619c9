import {
  agreementTransitions,
  reviewTransitions,
  terminationTransitions,
  type Agreement,
  type AgreementEvent,
  type ReviewEvent,
  type Termination,
  type TerminationEvent,
} from '@hirehall/shared/agreements';
import { allowedEvents, nextState } from '@hirehall/shared/workflow';

/**
 * One Idempotency-Key per user action, made when the action starts (a button press, or a
 * dialog opening) and sent with every retry of it, so a retry never acts twice. Works on
 * plain HTTP too, where `crypto.randomUUID` is missing.
 */
export function newActionKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The buttons come from the shared transition tables, the same the server enforces. */
export const canAgreement = (a: Agreement, event: AgreementEvent) =>
  nextState(agreementTransitions, a.status, event) !== undefined;

export const canReview = (a: Agreement, event: ReviewEvent) =>
  a.status === 'accepted' &&
  a.reviewStatus !== null &&
  nextState(reviewTransitions, a.reviewStatus, event) !== undefined;

export const canTermination = (t: Termination, event: TerminationEvent) =>
  nextState(terminationTransitions, t.status, event) !== undefined;

/** The termination still waiting for someone (the other party or the school), if any. */
export const openTerminationOf = (a: Agreement) =>
  a.terminations.find((t) => allowedEvents(terminationTransitions, t.status).length > 0);

/** 申请解约 is offered on a signed agreement without an open termination. */
export const mayApplyTermination = (a: Agreement) =>
  canAgreement(a, 'terminate') && a.reviewStatus === 'approved' && !openTerminationOf(a);

/** A reason dialog's target and the key of that one action. */
export interface KeyedTarget {
  id: string;
  key: string;
}
export const keyed = (id: string): KeyedTarget => ({ id, key: newActionKey() });
