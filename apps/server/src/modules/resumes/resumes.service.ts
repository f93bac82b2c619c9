import {
  emptyResumeContent,
  parseResumeContent,
  MAX_RESUME_ATTACHMENTS,
  type ConfirmFactsInput,
  type Resume,
  type ResumeAttachment,
  type ResumeContent,
} from '@hirehall/shared/resumes';
import type { Queryable } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { FileStorage } from '../../platform/storage/storage.ts';
import {
  DOC,
  DOCX,
  JPEG,
  PDF,
  PNG,
  saveUpload,
  type ReceivedUpload,
} from '../../platform/storage/uploads.ts';
import type { Db } from '../../platform/db/database.ts';
import { syncCardFromResume } from '../talentpool/talentpool.cards.ts';
import {
  confirmFactsOnce,
  countAttachments,
  findKnownFacts,
  findResumeRow,
  insertAttachment,
  insertResumeIfMissing,
  overwriteFacts,
  updateResumeContent,
  type AttachmentRow,
  type ResumeRow,
} from './resumes.repo.ts';
import { assertCanCorrectFacts } from './resumes.policy.ts';

/** What an attachment resume may be, judged from its bytes (the client's name and type are ignored). */
export const resumeFileTypes = [PDF, DOC, DOCX, JPEG, PNG];
export const resumeFileUpload = {
  refusal: '附件简历仅支持 PDF、DOC、DOCX、JPG、PNG 格式',
  fallbackName: '简历',
};

export function toResume(row: ResumeRow): Resume {
  return {
    content: parseResumeContent(row.content),
    facts: factsOf(row),
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function factsOf(row: ResumeRow | null): Resume['facts'] {
  return {
    educationLevel: (row?.educationLevel ?? null) as Resume['facts']['educationLevel'],
    politicalStatus: (row?.politicalStatus ?? null) as Resume['facts']['politicalStatus'],
    confirmedAt: row?.factsConfirmedAt?.toISOString() ?? null,
  };
}

export function toAttachment(row: AttachmentRow): ResumeAttachment {
  return {
    id: row.id,
    fileName: row.fileName,
    mimeType: row.mimeType,
    sizeBytes: row.sizeBytes,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A first resume starts from what the platform knows: real-name profile, registry entry. */
async function prefilledContent(q: Queryable, accountId: string): Promise<ResumeContent> {
  const content = emptyResumeContent();
  const known = await findKnownFacts(q, accountId);
  if (!known) return content;
  content.basic.name = known.profileName ?? known.registryName ?? known.displayName;
  content.basic.gender = known.gender ?? '';
  content.basic.birthDate = /^\d{4}-\d{2}-\d{2}$/.test(known.birthDate ?? '')
    ? known.birthDate!
    : '';
  content.basic.phone = /^1\d{10}$/.test(known.phone ?? '') ? known.phone! : '';
  content.basic.city = known.region ?? '';
  if (known.domain) content.certificationDomains = [known.domain];
  content.positionLevel = known.positionLevel ?? '';
  return content;
}

/** The seeker's resume, created on first use. */
export async function getOrCreateResume(q: Queryable, accountId: string): Promise<ResumeRow> {
  const existing = await findResumeRow(q, accountId);
  if (existing) return existing;
  await insertResumeIfMissing(q, accountId, await prefilledContent(q, accountId));
  return (await findResumeRow(q, accountId))!;
}

export async function saveResume(
  q: Queryable,
  actor: Actor,
  input: { content: ResumeContent; version: number },
): Promise<Resume> {
  await getOrCreateResume(q, actor.accountId);
  const row = await updateResumeContent(q, actor.accountId, input.content, input.version);
  if (!row) throw new AppError('VERSION_CONFLICT');
  await syncCardFromResume(q, actor.accountId);
  return toResume(row);
}

export async function confirmFacts(
  q: Queryable,
  actor: Actor,
  facts: ConfirmFactsInput,
): Promise<Resume> {
  await getOrCreateResume(q, actor.accountId);
  const row = await confirmFactsOnce(q, actor.accountId, facts);
  if (!row) throw new AppError('FACTS_LOCKED');
  await recordAudit(q, {
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    action: 'resume.facts_confirmed',
    targetType: 'account',
    targetId: actor.accountId,
    details: { ...facts },
  });
  await syncCardFromResume(q, actor.accountId);
  return toResume(row);
}

export async function correctFacts(
  q: Queryable,
  actor: Actor,
  seekerAccountId: string,
  input: ConfirmFactsInput & { reason: string },
): Promise<Resume['facts']> {
  await assertCanCorrectFacts(q, actor, seekerAccountId);
  const before = await getOrCreateResume(q, seekerAccountId);
  const facts = { educationLevel: input.educationLevel, politicalStatus: input.politicalStatus };
  const row = await overwriteFacts(q, seekerAccountId, facts);
  await recordAudit(q, {
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    action: 'resume.facts_corrected',
    targetType: 'account',
    targetId: seekerAccountId,
    details: {
      before: { educationLevel: before.educationLevel, politicalStatus: before.politicalStatus },
      after: facts,
      reason: input.reason,
    },
  });
  await syncCardFromResume(q, seekerAccountId);
  return factsOf(row);
}

/**
 * Stores the bytes first (outside any transaction: the database storage has its own
 * connection), then records the file and the attachment in one transaction.
 */
export async function addAttachment(
  db: Db,
  storage: FileStorage,
  actor: Actor,
  upload: ReceivedUpload,
): Promise<ResumeAttachment> {
  if ((await countAttachments(db, actor.accountId)) >= MAX_RESUME_ATTACHMENTS) {
    throw new AppError(
      'QUOTA_EXCEEDED',
      `附件简历最多 ${MAX_RESUME_ATTACHMENTS} 份，请先删除旧的附件`,
    );
  }
  const { linked: id } = await saveUpload(
    db,
    storage,
    { upload, purpose: 'resume', ownerAccountId: actor.accountId },
    (tx, fileId) => insertAttachment(tx, { accountId: actor.accountId, fileId }),
  );
  return {
    id,
    fileName: upload.fileName,
    mimeType: upload.mime,
    sizeBytes: upload.bytes.length,
    createdAt: new Date().toISOString(),
  };
}
