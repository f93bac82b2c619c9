import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';
import type { InterviewRow } from './interviews.repo.ts';

/** What the policy reads of an actor. */
export type PartyActor = Pick<Actor, 'accountId' | 'role' | 'organizationId'>;

/** Staff of an organization that recruits: companies and institutions post jobs. */
export const employerRoles = ['employer', 'institution'] as const;
export const partyRoles = ['employer', 'institution', 'seeker'] as const;

export function isEmployerSide(actor: Pick<Actor, 'role'>) {
  return (employerRoles as readonly string[]).includes(actor.role);
}

/** The employer of the interview's posting, or the seeker invited; anyone else gets 404. */
export function viewerOf(actor: PartyActor, row: InterviewRow | null): 'seeker' | 'employer' {
  if (row && actor.role === 'seeker' && row.seeker_account_id === actor.accountId) return 'seeker';
  if (row && isEmployerSide(actor) && actor.organizationId === row.organization_id) {
    return 'employer';
  }
  throw new AppError('NOT_FOUND');
}

export function assertEmployerOf(actor: PartyActor, row: InterviewRow | null): InterviewRow {
  if (viewerOf(actor, row) !== 'employer') throw new AppError('NOT_FOUND');
  return row!;
}

export function assertSeekerOf(actor: PartyActor, row: InterviewRow | null): InterviewRow {
  if (viewerOf(actor, row) !== 'seeker') throw new AppError('NOT_FOUND');
  return row!;
}
