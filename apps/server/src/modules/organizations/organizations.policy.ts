import { AppError } from '../../platform/errors.ts';
import type { Access, Actor, Role } from '../../platform/auth/actor.ts';

/**
 * Who may do what in the organizations module: role × action × ownership × state.
 * Routes take their declared access from `accessOf(action)`; services call `authorize`
 * with the minimal row before loading or changing anything else. A failed ownership check
 * answers 404 (the record "does not exist" for that tenant); a wrong state answers CONFLICT.
 */
interface Rule<R> {
  roles: readonly Role[];
  /** does the actor own / may the actor see this record? */
  owns?: (actor: Actor, record: R) => boolean;
  /** states from which the action is allowed */
  states?: readonly string[];
  /** the state the record is in (when `states` is given) */
  stateOf?: (record: R) => string;
}

const rule = <R = never>(r: Rule<R>) => r;

const ownOrganization = (a: Actor, r: { organizationId: string | null }) =>
  !!a.organizationId && r.organizationId === a.organizationId;

export const organizationsPolicy = {
  // employers
  applyForAdmission: rule({ roles: ['employer'] }),
  listOwnAdmissions: rule({ roles: ['employer'] }),
  chooseNotificationChannel: rule({ roles: ['employer'] }),
  switchContext: rule({ roles: ['employer'] }),
  readOwnProfile: rule({ roles: ['employer'] }),
  editOwnProfile: rule({ roles: ['employer'] }),
  requestCertificationChange: rule({ roles: ['employer'] }),

  // schools
  listSchoolAdmissions: rule({ roles: ['school'] }),
  reviewAdmission: rule<{ schoolId: string; status: string }>({
    roles: ['school'],
    owns: (a, r) => !!a.organizationId && r.schoolId === a.organizationId,
    states: ['pending'],
    stateOf: (r) => r.status,
  }),

  // files: the owner organization, school staff where the employer applied, the admin
  readFile: rule<{
    organizationId: string | null;
    ownerAccountId: string | null;
    appliedSchoolIds: string[];
  }>({
    roles: ['employer', 'institution', 'school', 'admin'],
    owns: (a, r) =>
      a.role === 'admin' ||
      ownOrganization(a, r) ||
      (!!r.ownerAccountId && r.ownerAccountId === a.accountId) ||
      (a.role === 'school' && !!a.organizationId && r.appliedSchoolIds.includes(a.organizationId)),
  }),

  // platform administration
  listOrganizations: rule({ roles: ['admin'] }),
  createSchool: rule({ roles: ['admin'] }),
  addCollege: rule<{ schoolId: string }>({
    roles: ['admin', 'school'],
    owns: (a, r) => a.role === 'admin' || r.schoolId === a.organizationId,
  }),
  createInstitution: rule({ roles: ['admin'] }),
  /** school staff create college staff of their own colleges only */
  createStaff: rule<{ role: string; organizationId: string | null }>({
    roles: ['admin', 'school'],
    owns: (a, r) =>
      a.role === 'admin' || (r.role === 'college' && r.organizationId === a.organizationId),
  }),
  listStaff: rule({ roles: ['admin', 'school'] }),
  importRegistry: rule({ roles: ['admin'] }),
  reviewCertificationChange: rule<{ status: string }>({
    roles: ['admin'],
    states: ['pending'],
    stateOf: (r) => r.status,
  }),
  listCertificationChanges: rule({ roles: ['admin'] }),
} as const;

export type OrganizationsAction = keyof typeof organizationsPolicy;

/** The `config.access` a route declares for an action. */
export function accessOf(action: OrganizationsAction): Access {
  return { roles: organizationsPolicy[action].roles };
}

type RecordOf<A extends OrganizationsAction> =
  (typeof organizationsPolicy)[A] extends Rule<infer R> ? R : never;

/** Throws NOT_FOUND when the actor may not see the record, CONFLICT when its state forbids. */
export function authorize<A extends OrganizationsAction>(
  actor: Actor,
  action: A,
  record?: RecordOf<A>,
): void {
  const r = organizationsPolicy[action] as Rule<RecordOf<A>>;
  if (!r.roles.includes(actor.role)) throw new AppError('FORBIDDEN');
  if (r.owns && (record === undefined || !r.owns(actor, record))) throw new AppError('NOT_FOUND');
  if (r.states && r.stateOf && record !== undefined && !r.states.includes(r.stateOf(record))) {
    throw new AppError('CONFLICT');
  }
}

/** Pure check for tests and UI hints. */
export function can<A extends OrganizationsAction>(
  actor: Actor,
  action: A,
  record?: RecordOf<A>,
): boolean {
  try {
    authorize(actor, action, record);
    return true;
  } catch {
    return false;
  }
}
