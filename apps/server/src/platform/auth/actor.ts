export const roles = ['seeker', 'employer', 'institution', 'school', 'college', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Who is acting: loaded from the session on every request. */
export interface Actor {
  accountId: string;
  role: Role;
  displayName: string;
  organizationId: string | null;
  organizationKind: 'company' | 'institution' | 'school' | null;
  collegeId: string | null;
  mustChangePassword: boolean;
  csrfToken: string;
  tokenHash: string;
  /** Employer's working context: the school and graduation year chosen at the top bar. */
  context: { schoolId?: string; graduationYear?: number };
}

/** Declared on every API route as `config.access`. */
export type Access =
  | 'public'
  | {
      roles: readonly Role[];
      /** reachable while the account must still replace its initial password */
      duringPasswordChange?: boolean;
    };

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}
