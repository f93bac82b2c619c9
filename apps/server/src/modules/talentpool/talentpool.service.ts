import { randomBytes } from 'node:crypto';
import { nextState } from '@hirehall/shared/workflow';
import {
  cardTransitions,
  type CardEvent,
  type MyCard,
  type PoolPage,
  type PoolQuery,
  type PointsLedger,
  type RevealResult,
  type PointsLedgerQuery,
  type ViewRecordPage,
} from '@hirehall/shared/talentpool';
import type { Queryable } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import {
  cardShareConsentReference,
  hasConsent,
  recordConsent,
} from '../privacy/privacy.consents.ts';
import { getOrCreateCard, syncCardFromResume, toCard } from './talentpool.cards.ts';
import {
  findLedgerEntries,
  findPoolPage,
  findPooledCard,
  findShares,
  findViewRecords,
  hasRevealed,
  insertLedgerEntry,
  insertReveal,
  insertShare,
  lockOrganizationPoints,
  pointsBalance,
  recordCardView,
  updateCardStatus,
} from './talentpool.repo.ts';

function organizationOf(actor: Actor): string {
  if (!actor.organizationId) throw new AppError('FORBIDDEN');
  return actor.organizationId;
}

export async function getMyCard(q: Queryable, actor: Actor): Promise<MyCard> {
  const card = await getOrCreateCard(q, actor.accountId);
  const shares = await findShares(q, card.id);
  return {
    ...toCard(card, true),
    status: card.status,
    pushedAt: card.pushedAt?.toISOString() ?? null,
    shares: shares.map((s) => ({
      token: s.token,
      showContact: s.showContact,
      createdAt: s.createdAt.toISOString(),
    })),
  };
}

/** push (推送到人才库) or withdraw (撤回): withdrawn cards leave the pool at once. */
export async function moveCard(q: Queryable, actor: Actor, event: CardEvent): Promise<MyCard> {
  const card = await getOrCreateCard(q, actor.accountId);
  const to = nextState(cardTransitions, card.status, event);
  if (!to) {
    throw new AppError('CONFLICT', event === 'push' ? '名片已在人才库中' : '名片不在人才库中');
  }
  if (event === 'push') {
    await syncCardFromResume(q, actor.accountId);
    // pushing is the separate consent to reveal the contacts to organizations paying points
    await recordConsent(q, { accountId: actor.accountId, purpose: 'contact_reveal' });
  }
  if (!(await updateCardStatus(q, card.id, card.status, to))) throw new AppError('CONFLICT');
  return getMyCard(q, actor);
}

export async function shareCard(q: Queryable, actor: Actor, showContact: boolean) {
  const card = await getOrCreateCard(q, actor.accountId);
  if (showContact) {
    await recordConsent(q, {
      accountId: actor.accountId,
      purpose: 'contact_reveal',
      reference: cardShareConsentReference(card.id),
    });
  }
  const row = await insertShare(q, randomBytes(18).toString('base64url'), card.id, showContact);
  return { token: row.token, showContact: row.showContact, createdAt: row.createdAt.toISOString() };
}

export async function listPool(q: Queryable, actor: Actor, query: PoolQuery): Promise<PoolPage> {
  const { rows, total } = await findPoolPage(q, organizationOf(actor), query);
  return {
    items: rows.map((r) => ({ ...toCard(r, r.revealed), revealed: r.revealed })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Opens a pooled card and writes the view record (人才查看记录). */
export async function viewCard(q: Queryable, actor: Actor, cardId: string) {
  const organizationId = organizationOf(actor);
  const card = await findPooledCard(q, cardId);
  if (!card) throw new AppError('NOT_FOUND');
  await recordCardView(q, organizationId, card.id);
  const revealed = await hasRevealed(q, organizationId, card.id);
  return { ...toCard(card, revealed), revealed };
}

/**
 * 查看联系方式. Locks the organization's points, then: an earlier reveal → free; no standing
 * contact_reveal consent of the card's owner → CONSENT_REQUIRED; too few
 * points → INSUFFICIENT_POINTS and nothing written; otherwise one reveal row (unique per
 * organization and card) and one ledger debit, in this transaction.
 */
export async function revealContact(
  q: Queryable,
  actor: Actor,
  cardId: string,
  cost: number,
): Promise<RevealResult> {
  const organizationId = organizationOf(actor);
  const card = await findPooledCard(q, cardId);
  if (!card) throw new AppError('NOT_FOUND');
  await lockOrganizationPoints(q, organizationId);
  let charged = 0;
  if (!(await hasRevealed(q, organizationId, card.id))) {
    // a reveal made before a withdrawal stays (it was lawful then); a new one needs the consent
    if (!(await hasConsent(q, card.accountId, 'contact_reveal'))) {
      throw new AppError('CONSENT_REQUIRED');
    }
    const balance = await pointsBalance(q, organizationId);
    if (balance < cost) {
      throw new AppError(
        'INSUFFICIENT_POINTS',
        `会员点数不足：查看联系方式需要 ${cost} 点，当前余额 ${balance} 点`,
        {
          balance,
          cost,
        },
      );
    }
    const inserted = await insertReveal(q, {
      organizationId,
      cardId: card.id,
      actorAccountId: actor.accountId,
      points: cost,
    });
    if (inserted && cost > 0) {
      await insertLedgerEntry(q, {
        organizationId,
        delta: -cost,
        reason: 'contact_reveal',
        reference: `card:${card.id}`,
        actorAccountId: actor.accountId,
      });
      charged = cost;
    }
    if (inserted) {
      await recordAudit(q, {
        actorAccountId: actor.accountId,
        actorRole: actor.role,
        action: 'talentpool.contact_revealed',
        targetType: 'talent_card',
        targetId: card.id,
        details: { organizationId, points: cost },
      });
    }
  }
  await recordCardView(q, organizationId, card.id);
  return {
    card: { ...toCard(card, true), revealed: true },
    charged,
    balance: await pointsBalance(q, organizationId),
  };
}

type LedgerRow = Awaited<ReturnType<typeof findLedgerEntries>>[number];

export const toPointsEntry = (e: LedgerRow): PointsLedger['entries'][number] => ({
  id: e.id,
  delta: e.delta,
  reason: e.reason,
  reference: e.reference,
  createdAt: e.createdAt.toISOString(),
});

/**
 * An organization's balance and one page of its ledger, newest first. `nextCursor` is the
 * `before` of the next, older page; null on the last.
 */
export async function pointsLedgerOf(
  q: Queryable,
  organizationId: string,
  paging: { before?: number; limit: number },
): Promise<Omit<PointsLedger, 'revealCost'>> {
  const rows = await findLedgerEntries(q, organizationId, { ...paging, limit: paging.limit + 1 });
  const page = rows.slice(0, paging.limit);
  return {
    balance: await pointsBalance(q, organizationId),
    entries: page.map(toPointsEntry),
    nextCursor: rows.length > paging.limit ? page[page.length - 1]!.id : null,
  };
}

export async function getLedger(
  q: Queryable,
  actor: Actor,
  cost: number,
  paging: PointsLedgerQuery,
): Promise<PointsLedger> {
  const ledger = await pointsLedgerOf(q, organizationOf(actor), paging);
  return { ...ledger, revealCost: cost };
}

export async function listViewRecords(
  q: Queryable,
  actor: Actor,
  paging: { page: number; pageSize: number },
): Promise<ViewRecordPage> {
  const { items, total } = await findViewRecords(q, organizationOf(actor), paging);
  return {
    items: items.map((r) => {
      // a withdrawn card stays in the record but shows no contact
      const visible = r.card.revealed && r.card.status === 'pooled';
      return {
        card: { ...toCard(r.card, visible), revealed: r.card.revealed },
        viewCount: r.viewCount,
        lastViewedAt: r.lastViewedAt.toISOString(),
      };
    }),
    total,
    page: paging.page,
    pageSize: paging.pageSize,
  };
}
