import type { Portal } from '@hirehall/shared/accounts';
import { roles, type Access, type Role } from '../../platform/auth/actor.ts';

/**
 * Who may do what in the accounts module. Everything else here is public (sign-in,
 * registration, activation, SMS codes) and guarded by throttles, captchas and codes instead.
 */
export const accountsPolicy = {
  /** the roles each sign-in entry admits; any other account answers like a wrong password */
  portalRoles: {
    seeker: ['seeker'],
    graduate: ['seeker'],
    certified: ['seeker'],
    employer: ['employer'],
    staff: ['institution', 'school', 'college', 'admin'],
  } satisfies Record<Portal, readonly Role[]>,
  /** me, logout, change password: every signed-in role, also while the first change is due */
  selfService: { roles, duringPasswordChange: true } satisfies Access,
} as const;

export function mayUsePortal(portal: Portal, role: Role): boolean {
  return (accountsPolicy.portalRoles[portal] as readonly Role[]).includes(role);
}
