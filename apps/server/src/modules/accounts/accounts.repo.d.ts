import { type Queryable } from '../../platform/db/database.ts';
import { accounts, signInIdentifiers } from './accounts.tables.ts';
export type IdentifierKind = (typeof signInIdentifiers.$inferInsert)['kind'];
export type AccountRole = (typeof accounts.$inferInsert)['role'];
/** Identifiers are stored trimmed and upper-cased so look-ups ignore case. */
export declare const normalizeIdentifier: (value: string) => string;
export declare function insertAccount(q: Queryable, input: {
    role: AccountRole;
    displayName: string;
    passwordHash: string | null;
    mustChangePassword?: boolean;
    phone?: string | null;
    identifiers: {
        kind: IdentifierKind;
        value: string;
    }[];
}): Promise<{
    id: string;
}>;
export declare function findAccountIdByIdentifier(q: Queryable, kind: IdentifierKind, value: string): Promise<string | null>;
export interface SignInAccount {
    id: string;
    role: AccountRole;
    passwordHash: string | null;
    status: 'active' | 'disabled';
}
/** The first of `candidates` (in order) that names an account. */
export declare function findAccountByIdentifiers(q: Queryable, candidates: {
    kind: IdentifierKind;
    value: string;
}[]): Promise<SignInAccount | null>;
export declare function findAccountByPhone(q: Queryable, phone: string): Promise<{
    id: string;
    role: "seeker" | "employer" | "institution" | "school" | "college" | "admin";
    passwordHash: string | null;
    status: "active" | "disabled";
} | null>;
export declare function findAccountById(q: Queryable, accountId: string): Promise<{
    id: string;
    role: "seeker" | "employer" | "institution" | "school" | "college" | "admin";
    passwordHash: string | null;
    status: "active" | "disabled";
    phone: string | null;
} | null>;
/** Adds a sign-in identifier unless that kind+value already exists; true when added. */
export declare function addIdentifier(q: Queryable, accountId: string, kind: IdentifierKind, value: string): Promise<boolean>;
/** Replaces the password; a chosen password ends the forced change and any lock. */
export declare function setPassword(q: Queryable, accountId: string, passwordHash: string): Promise<void>;
/** Gives an account a phone (and the phone identifier) when nobody else holds it. */
export declare function attachPhone(q: Queryable, accountId: string, phone: string): Promise<void>;
export declare function findSeekerProfile(q: Queryable, accountId: string): Promise<{
    accountId: string;
    name: string;
    documentKind: "permit" | "id_card" | "none";
    idNumber: string | null;
    gender: "male" | "female" | null;
    birthDate: string | null;
    verificationMethod: "bank_card" | "alipay" | "face" | null;
    verifiedAt: Date | null;
    createdAt: Date;
} | null>;
export interface SessionAccountRow {
    id: string;
    role: AccountRole;
    display_name: string;
    must_change_password: boolean;
    org_id: string | null;
    org_name: string | null;
    org_kind: 'company' | 'institution' | 'school' | null;
    college_id: string | null;
    is_public: boolean;
    is_graduate: boolean;
    is_certified: boolean;
}
export declare function findSessionAccountRow(q: Queryable, accountId: string): Promise<SessionAccountRow | null>;
