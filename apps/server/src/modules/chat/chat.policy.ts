import type { Actor } from '../../platform/auth/actor.ts';

export type Side = 'employer' | 'seeker';

/** Staff of an organization that recruits: companies and institutions. */
export const staffRoles = ['employer', 'institution'] as const;
export const chatRoles = ['employer', 'institution', 'seeker'] as const;

/**
 * Which side of the conversation the actor is on, or null when it is not theirs (the caller
 * answers 404, never 403).
 */
export function sideOf(
  actor: Actor,
  conversation: { organizationId: string; seekerAccountId: string },
): Side | null {
  if (
    (staffRoles as readonly string[]).includes(actor.role) &&
    actor.organizationId !== null &&
    actor.organizationId === conversation.organizationId
  ) {
    return 'employer';
  }
  if (actor.role === 'seeker' && actor.accountId === conversation.seekerAccountId) return 'seeker';
  return null;
}

export const isStaff = (actor: Actor) =>
  (staffRoles as readonly string[]).includes(actor.role) && actor.organizationId !== null;
