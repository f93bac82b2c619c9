import { z } from 'zod';
import type { TransitionTable } from './workflow.ts';

/** 名片 state: private until first pushed; pooled ↔ withdrawn. */
export const cardStatuses = ['private', 'pooled', 'withdrawn'] as const;
export type CardStatus = (typeof cardStatuses)[number];
export type CardEvent = 'push' | 'withdraw';

export const cardTransitions = {
  private: { push: 'pooled' },
  pooled: { withdraw: 'withdrawn' },
  withdrawn: { push: 'pooled' },
} as const satisfies TransitionTable<CardStatus, CardEvent>;

export const cardStatusLabels: Record<CardStatus, string> = {
  private: '未推送',
  pooled: '已推送到人才库',
  withdrawn: '已撤回',
};

/** What a card shows. `phone`/`email` are masked unless the viewer may see them. */
export const talentCardSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  age: z.number().int().nullable(),
  city: z.string(),
  educationLevel: z.string().nullable(),
  certificationDomains: z.array(z.string()),
  positionLevel: z.string(),
  intention: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  contactVisible: z.boolean(),
});
export type TalentCard = z.infer<typeof talentCardSchema>;

export const myCardSchema = talentCardSchema.extend({
  status: z.enum(cardStatuses),
  pushedAt: z.string().nullable(),
  shares: z.array(z.object({ token: z.string(), showContact: z.boolean(), createdAt: z.string() })),
});
export type MyCard = z.infer<typeof myCardSchema>;

export const poolQuerySchema = z.object({
  region: z.string().trim().max(50).optional(),
  positionLevel: z.string().trim().max(50).optional(),
  certificationDomain: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});
export type PoolQuery = z.infer<typeof poolQuerySchema>;

export const poolCardSchema = talentCardSchema.extend({ revealed: z.boolean() });
export const poolPageSchema = z.object({
  items: z.array(poolCardSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type PoolPage = z.infer<typeof poolPageSchema>;

export const revealResultSchema = z.object({
  card: poolCardSchema,
  /** points taken by this request: 0 when the card was revealed before */
  charged: z.number().int(),
  balance: z.number().int(),
});
export type RevealResult = z.infer<typeof revealResultSchema>;

export const pointsEntrySchema = z.object({
  id: z.number().int(),
  delta: z.number().int(),
  reason: z.string(),
  reference: z.string().nullable(),
  createdAt: z.string(),
});
export const pointsLedgerSchema = z.object({
  balance: z.number().int(),
  revealCost: z.number().int(),
  /** newest first, one page */
  entries: z.array(pointsEntrySchema),
  /** pass as `before` for the next (older) page; null when this page is the last */
  nextCursor: z.number().int().nullable(),
});
export type PointsLedger = z.infer<typeof pointsLedgerSchema>;

/** Ledger paging by cursor: the ledger only grows, so `before` (an entry id) never shifts. */
export const pointsLedgerQuerySchema = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type PointsLedgerQuery = z.infer<typeof pointsLedgerQuerySchema>;

export const pointsReasonLabels: Record<string, string> = {
  contact_reveal: '查看联系方式',
  opening: '开户赠送',
  grant: '平台充值',
  adjustment: '平台调整',
};

export const viewRecordSchema = z.object({
  card: poolCardSchema,
  viewCount: z.number().int(),
  lastViewedAt: z.string(),
});
export type ViewRecord = z.infer<typeof viewRecordSchema>;

export const viewRecordsQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const viewRecordPageSchema = z.object({
  items: z.array(viewRecordSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ViewRecordPage = z.infer<typeof viewRecordPageSchema>;

export const shareCardSchema = z.object({ showContact: z.boolean() });
export const shareLinkSchema = z.object({
  token: z.string(),
  showContact: z.boolean(),
  createdAt: z.string(),
});

export function maskEmail(email: string | null | undefined): string | null {
  if (!email) return null;
  const [user, domain] = email.split('@');
  if (!user || !domain) return '****';
  return `${user.slice(0, 1)}***@${domain}`;
}
