import { describe, expect, it } from 'vitest';
import {
  agreementEvents,
  agreementStatuses,
  agreementTransitions,
  reviewStatuses,
  reviewTransitions,
  terminationStatuses,
  terminationTransitions,
  type AgreementEvent,
  type AgreementStatus,
  type ReviewEvent,
  type ReviewStatus,
  type TerminationEvent,
  type TerminationStatus,
} from './agreements.ts';
import {
  graduateRecordStatuses,
  graduateRecordTransitions,
  type GraduateReviewEvent,
} from './graduates.ts';
import { nextState } from './workflow.ts';

/** Every (state, event) pair: the expected next state, or undefined where it is not allowed. */
function table<S extends string, E extends string>(
  states: readonly S[],
  events: readonly E[],
  allowed: Record<string, S>,
) {
  return states.flatMap((s) => events.map((e) => [s, e, allowed[`${s}.${e}`]] as const));
}

describe('agreement (offer) workflow', () => {
  const allowed: Record<string, AgreementStatus> = {
    'draft.send': 'sent',
    'draft.discard': 'discarded',
    'sent.withdraw': 'draft',
    'sent.accept': 'accepted',
    'sent.reject': 'rejected',
    'sent.expire': 'expired',
    'sent.supersede': 'superseded',
    'accepted.return': 'draft',
    'accepted.terminate': 'terminated',
  };
  it.each(table(agreementStatuses, agreementEvents, allowed))('%s --%s--> %s', (s, e, to) => {
    expect(nextState(agreementTransitions, s, e as AgreementEvent)).toBe(to);
  });
  it('final states have no way out', () => {
    for (const s of ['rejected', 'expired', 'superseded', 'terminated', 'discarded'] as const) {
      expect(Object.keys(agreementTransitions[s])).toEqual([]);
    }
  });
});

describe('review workflow', () => {
  const events: ReviewEvent[] = ['college_approve', 'school_approve', 'return', 'resubmit'];
  const allowed: Record<string, ReviewStatus> = {
    'college_pending.college_approve': 'school_pending',
    'college_pending.return': 'returned',
    'school_pending.school_approve': 'approved',
    'school_pending.return': 'returned',
    'returned.resubmit': 'college_pending',
  };
  it.each(table(reviewStatuses, events, allowed))('%s --%s--> %s', (s, e, to) => {
    expect(nextState(reviewTransitions, s, e)).toBe(to);
  });
});

describe('termination workflow', () => {
  const events: TerminationEvent[] = ['consent', 'refuse', 'withdraw', 'approve', 'reject'];
  const allowed: Record<string, TerminationStatus> = {
    'requested.consent': 'consented',
    'requested.refuse': 'refused',
    'requested.withdraw': 'withdrawn',
    'consented.approve': 'approved',
    'consented.reject': 'rejected',
  };
  it.each(table(terminationStatuses, events, allowed))('%s --%s--> %s', (s, e, to) => {
    expect(nextState(terminationTransitions, s, e)).toBe(to);
  });
});

describe('graduate record review', () => {
  const events: GraduateReviewEvent[] = ['approve', 'reject', 'reimport'];
  const allowed: Record<string, string> = {
    'imported.approve': 'approved',
    'imported.reject': 'rejected',
    'approved.reimport': 'imported',
    'rejected.approve': 'approved',
    'rejected.reimport': 'imported',
  };
  it.each(table(graduateRecordStatuses, events, allowed))('%s --%s--> %s', (s, e, to) => {
    expect(nextState(graduateRecordTransitions, s, e)).toBe(to);
  });
});
