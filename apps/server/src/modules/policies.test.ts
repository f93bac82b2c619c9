import { describe, expect, it } from 'vitest';
import { roles, type Actor, type Role } from '../platform/auth/actor.ts';
import { AppError } from '../platform/errors.ts';
import {
  accessOf,
  authorize,
  can,
  organizationsPolicy,
  type OrganizationsAction,
} from './organizations/organizations.policy.ts';
import { accountsPolicy, mayUsePortal } from './accounts/accounts.policy.ts';
import { assertSees, canSee, partyOf, staffSchoolOf } from './agreements/agreements.policy.ts';
import type { AgreementHead } from './agreements/agreements.repo.ts';
import { isStaff, sideOf } from './chat/chat.policy.ts';
import { collegeScopeOf, schoolOf } from './graduates/graduates.policy.ts';
import { assertEmployerOf, assertSeekerOf, viewerOf } from './interviews/interviews.policy.ts';
import type { InterviewRow } from './interviews/interviews.repo.ts';
import { assertOwnsJob, postingRoles, reviewerRoles } from './jobs/jobs.policy.ts';
import type { JobRow } from './jobs/jobs.repo.ts';

/**
 * Unit tests of the declarative policies: every role against every action, with a record
 * of the actor's own tenant and of another, and (where the rule has one) in each state.
 */
const ORG_A = 'org-a';
const ORG_B = 'org-b';

function actor(role: Role, over: Partial<Actor> = {}): Actor {
  const staffOrg = role === 'seeker' || role === 'admin' ? null : ORG_A;
  return {
    accountId: `${role}-account`,
    role,
    displayName: role,
    organizationId: staffOrg,
    organizationKind: null,
    collegeId: role === 'college' ? 'college-1' : null,
    mustChangePassword: false,
    csrfToken: 'csrf',
    tokenHash: 'hash',
    context: {},
    ...over,
  };
}

/** The error code a policy call throws, or 'ok'. */
function outcome(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

describe('organizations policy: role × action × ownership × state', () => {
  /** A record owned by `org` (in every shape the rules read), in state `status`. */
  const recordOf = (org: string, status = 'pending') => ({
    schoolId: org,
    organizationId: org,
    ownerAccountId: null,
    appliedSchoolIds: [] as string[],
    role: 'college',
    status,
  });

  it('the declared access of each action is exactly its roles', () => {
    for (const action of Object.keys(organizationsPolicy) as OrganizationsAction[]) {
      expect(accessOf(action)).toEqual({ roles: organizationsPolicy[action].roles });
    }
  });

  it('refuses roles outside the rule with FORBIDDEN, before looking at the record', () => {
    for (const action of Object.keys(organizationsPolicy) as OrganizationsAction[]) {
      for (const role of roles) {
        const allowed = (organizationsPolicy[action].roles as readonly Role[]).includes(role);
        const result = outcome(() => authorize(actor(role), action, recordOf(ORG_A) as never));
        if (!allowed) expect(result, `${role} ${action}`).toBe('FORBIDDEN');
        else expect(result, `${role} ${action}`).not.toBe('FORBIDDEN');
      }
    }
  });

  const table: {
    action: OrganizationsAction;
    role: Role;
    own: string;
    other: string;
    states?: Record<string, string>;
  }[] = [
    {
      action: 'reviewAdmission',
      role: 'school',
      own: 'ok',
      other: 'NOT_FOUND',
      states: { pending: 'ok', approved: 'CONFLICT', rejected: 'CONFLICT' },
    },
    { action: 'addCollege', role: 'school', own: 'ok', other: 'NOT_FOUND' },
    { action: 'addCollege', role: 'admin', own: 'ok', other: 'ok' },
    { action: 'createStaff', role: 'school', own: 'ok', other: 'NOT_FOUND' },
    { action: 'createStaff', role: 'admin', own: 'ok', other: 'ok' },
    { action: 'readFile', role: 'employer', own: 'ok', other: 'NOT_FOUND' },
    { action: 'readFile', role: 'institution', own: 'ok', other: 'NOT_FOUND' },
    { action: 'readFile', role: 'school', own: 'ok', other: 'NOT_FOUND' },
    { action: 'readFile', role: 'admin', own: 'ok', other: 'ok' },
    {
      action: 'reviewCertificationChange',
      role: 'admin',
      own: 'ok',
      other: 'ok',
      states: { pending: 'ok', approved: 'CONFLICT', rejected: 'CONFLICT' },
    },
  ];

  it.each(table)('$role $action: own → $own, another tenant → $other', (row) => {
    expect(outcome(() => authorize(actor(row.role), row.action, recordOf(ORG_A) as never))).toBe(
      row.own,
    );
    expect(outcome(() => authorize(actor(row.role), row.action, recordOf(ORG_B) as never))).toBe(
      row.other,
    );
    for (const [state, expected] of Object.entries(row.states ?? {})) {
      const record = recordOf(ORG_A, state) as never;
      expect(
        outcome(() => authorize(actor(row.role), row.action, record)),
        state,
      ).toBe(expected);
    }
  });

  it('an ownership rule without a record answers NOT_FOUND; can() mirrors authorize()', () => {
    expect(outcome(() => authorize(actor('school'), 'reviewAdmission'))).toBe('NOT_FOUND');
    expect(can(actor('school'), 'reviewAdmission', { schoolId: ORG_A, status: 'pending' })).toBe(
      true,
    );
    expect(can(actor('school'), 'reviewAdmission', { schoolId: ORG_B, status: 'pending' })).toBe(
      false,
    );
    expect(can(actor('employer'), 'applyForAdmission')).toBe(true);
    expect(can(actor('school'), 'applyForAdmission')).toBe(false);
  });

  it('school staff create college staff of their own school only, never school staff', () => {
    const school = actor('school');
    expect(can(school, 'createStaff', { role: 'college', organizationId: ORG_A })).toBe(true);
    expect(can(school, 'createStaff', { role: 'school', organizationId: ORG_A })).toBe(false);
    expect(can(school, 'createStaff', { role: 'college', organizationId: ORG_B })).toBe(false);
  });

  it('a school reads the files of employers that applied there; the uploader reads its own', () => {
    const file = {
      organizationId: ORG_B,
      ownerAccountId: 'uploader',
      appliedSchoolIds: [ORG_A],
    };
    expect(can(actor('school'), 'readFile', file)).toBe(true);
    expect(can(actor('employer'), 'readFile', file)).toBe(false);
    expect(
      can(actor('employer', { accountId: 'uploader', organizationId: null }), 'readFile', file),
    ).toBe(true);
    expect(can(actor('seeker'), 'readFile', file)).toBe(false);
  });
});

describe('accounts policy', () => {
  it('each sign-in entry admits exactly its roles', () => {
    const expected: Record<string, Role[]> = {
      seeker: ['seeker'],
      graduate: ['seeker'],
      certified: ['seeker'],
      employer: ['employer'],
      staff: ['institution', 'school', 'college', 'admin'],
    };
    for (const [portal, admitted] of Object.entries(expected)) {
      for (const role of roles) {
        expect(mayUsePortal(portal as never, role), `${portal} ${role}`).toBe(
          admitted.includes(role),
        );
      }
    }
  });

  it('self-service (me, logout, change password) is every role, also during a forced change', () => {
    expect([...accountsPolicy.selfService.roles].sort()).toEqual([...roles].sort());
    expect(accountsPolicy.selfService.duringPasswordChange).toBe(true);
  });
});

describe('agreements policy', () => {
  const head = (over: Partial<AgreementHead> = {}) =>
    ({
      employerId: ORG_B,
      schoolId: ORG_A,
      graduateAccountId: 'seeker-account',
      graduateCollegeId: 'college-1',
      status: 'sent',
      reviewStatus: null,
      ...over,
    }) as AgreementHead;

  const cases: { who: Actor; over: Partial<AgreementHead>; sees: boolean; label: string }[] = [
    {
      label: 'employer, own offer',
      who: actor('employer', { organizationId: ORG_B }),
      over: {},
      sees: true,
    },
    { label: 'employer, another employer', who: actor('employer'), over: {}, sees: false },
    { label: 'graduate, sent', who: actor('seeker'), over: {}, sees: true },
    { label: 'graduate, draft', who: actor('seeker'), over: { status: 'draft' }, sees: false },
    {
      label: 'graduate, discarded',
      who: actor('seeker'),
      over: { status: 'discarded' },
      sees: false,
    },
    { label: 'another seeker', who: actor('seeker', { accountId: 'x' }), over: {}, sees: false },
    { label: 'college, before review', who: actor('college'), over: {}, sees: false },
    {
      label: 'college, in review',
      who: actor('college'),
      over: { reviewStatus: 'college_pending' },
      sees: true,
    },
    {
      label: 'college, another college',
      who: actor('college', { collegeId: 'college-2' }),
      over: { reviewStatus: 'college_pending' },
      sees: false,
    },
    { label: 'school, before review', who: actor('school'), over: {}, sees: false },
    {
      label: 'school, in review',
      who: actor('school'),
      over: { reviewStatus: 'school_pending' },
      sees: true,
    },
    {
      label: 'school, another school',
      who: actor('school', { organizationId: ORG_B }),
      over: { reviewStatus: 'approved' },
      sees: false,
    },
    { label: 'admin', who: actor('admin'), over: { reviewStatus: 'approved' }, sees: false },
    {
      label: 'institution',
      who: actor('institution', { organizationId: ORG_B }),
      over: {},
      sees: false,
    },
  ];

  it.each(cases)('$label → sees: $sees', ({ who, over, sees }) => {
    expect(canSee(who, head(over))).toBe(sees);
    expect(outcome(() => assertSees(who, head(over)))).toBe(sees ? 'ok' : 'NOT_FOUND');
  });

  it('only the two parties act as parties; a missing agreement is NOT_FOUND', () => {
    expect(partyOf(actor('employer', { organizationId: ORG_B }), head())).toBe('employer');
    expect(partyOf(actor('seeker'), head())).toBe('graduate');
    const school = actor('school');
    expect(outcome(() => partyOf(school, head({ reviewStatus: 'school_pending' })))).toBe(
      'NOT_FOUND',
    );
    expect(outcome(() => partyOf(actor('seeker'), null))).toBe('NOT_FOUND');
  });

  it('staffSchoolOf: school and college staff only', () => {
    for (const role of roles) {
      const expected = role === 'school' || role === 'college' ? 'ok' : 'FORBIDDEN';
      expect(
        outcome(() => staffSchoolOf(actor(role))),
        role,
      ).toBe(expected);
    }
    expect(outcome(() => staffSchoolOf(actor('school', { organizationId: null })))).toBe(
      'FORBIDDEN',
    );
  });
});

describe('chat policy', () => {
  const conversation = { organizationId: ORG_A, seekerAccountId: 'seeker-account' };
  it('employer side for the organization staff, seeker side for the seeker, null otherwise', () => {
    const expected: Record<Role, 'employer' | 'seeker' | null> = {
      employer: 'employer',
      institution: 'employer',
      seeker: 'seeker',
      school: null,
      college: null,
      admin: null,
    };
    for (const role of roles) expect(sideOf(actor(role), conversation), role).toBe(expected[role]);
    expect(sideOf(actor('employer', { organizationId: ORG_B }), conversation)).toBeNull();
    expect(sideOf(actor('seeker', { accountId: 'other' }), conversation)).toBeNull();
    expect(isStaff(actor('employer'))).toBe(true);
    expect(isStaff(actor('employer', { organizationId: null }))).toBe(false);
    expect(isStaff(actor('school'))).toBe(false);
  });
});

describe('graduates policy', () => {
  it('school scope for school and college staff, college scope for college staff only', () => {
    for (const role of roles) {
      const school = role === 'school' || role === 'college' ? 'ok' : 'FORBIDDEN';
      expect(
        outcome(() => schoolOf(actor(role))),
        role,
      ).toBe(school);
      expect(
        outcome(() => collegeScopeOf(actor(role))),
        role,
      ).toBe(role === 'college' ? 'ok' : 'FORBIDDEN');
    }
    expect(collegeScopeOf(actor('college'))).toEqual({ schoolId: ORG_A, collegeId: 'college-1' });
    expect(outcome(() => collegeScopeOf(actor('college', { collegeId: null })))).toBe('FORBIDDEN');
  });
});

describe('interviews policy', () => {
  const row = { organization_id: ORG_A, seeker_account_id: 'seeker-account' } as InterviewRow;
  it('the posting organization sees as employer, the invited seeker as seeker, others 404', () => {
    const expected: Record<Role, string> = {
      employer: 'employer',
      institution: 'employer',
      seeker: 'seeker',
      school: 'NOT_FOUND',
      college: 'NOT_FOUND',
      admin: 'NOT_FOUND',
    };
    for (const role of roles) {
      const got = outcome(() => viewerOf(actor(role), row));
      expect(got === 'ok' ? viewerOf(actor(role), row) : got, role).toBe(expected[role]);
    }
    expect(outcome(() => viewerOf(actor('employer', { organizationId: ORG_B }), row))).toBe(
      'NOT_FOUND',
    );
    expect(outcome(() => viewerOf(actor('seeker'), null))).toBe('NOT_FOUND');
    expect(outcome(() => assertEmployerOf(actor('seeker'), row))).toBe('NOT_FOUND');
    expect(outcome(() => assertSeekerOf(actor('employer'), row))).toBe('NOT_FOUND');
    expect(assertEmployerOf(actor('employer'), row)).toBe(row);
    expect(assertSeekerOf(actor('seeker'), row)).toBe(row);
  });
});

describe('jobs policy', () => {
  it('postings belong to companies and institutions; schools and the admin review', () => {
    expect([...postingRoles]).toEqual(['employer', 'institution']);
    expect([...reviewerRoles]).toEqual(['school', 'admin']);
  });

  it('a posting of another organization, or none, is NOT_FOUND', () => {
    const job = { organizationId: ORG_A } as JobRow;
    expect(outcome(() => assertOwnsJob(actor('employer'), job))).toBe('ok');
    expect(outcome(() => assertOwnsJob(actor('institution'), job))).toBe('ok');
    expect(outcome(() => assertOwnsJob(actor('employer', { organizationId: ORG_B }), job))).toBe(
      'NOT_FOUND',
    );
    expect(outcome(() => assertOwnsJob(actor('seeker'), job))).toBe('NOT_FOUND');
    expect(outcome(() => assertOwnsJob(actor('employer'), undefined))).toBe('NOT_FOUND');
  });
});
