import type { Queryable } from '../db/database.ts';
import { outboxEvents } from './outbox.tables.ts';

export interface OutboxEvent {
  /** e.g. `admission.reviewed`, `agreement.accepted`, `interview.invited` */
  kind: string;
  recipientAccountIds?: string[];
  recipientOrganizationIds?: string[];
  /** what a notification needs to render: titles, names, ids — no secrets */
  payload: Record<string, unknown>;
}

/** Appends an event; call it inside the transaction of the change it announces. */
export async function appendEvent(q: Queryable, event: OutboxEvent): Promise<void> {
  await q.insert(outboxEvents).values({
    kind: event.kind,
    recipientAccountIds: event.recipientAccountIds ?? [],
    recipientOrganizationIds: event.recipientOrganizationIds ?? [],
    payload: event.payload,
  });
}
