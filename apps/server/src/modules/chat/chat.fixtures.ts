/** Test helpers: an employer, a seeker and an application between them. */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { io as connect, type Socket } from 'socket.io-client';
import type { ChatAck } from '@hirehall/shared/chat';
import type { Db } from '../../platform/db/database.ts';
import { applications } from '../applications/applications.tables.ts';
import { createJob } from '../applications/applications.fixtures.ts';
import { signInAs, type SignedIn } from '../../../test/fixtures.ts';

export async function createApplication(
  db: Db,
  employer: SignedIn,
  seeker: SignedIn,
  fairId?: string,
) {
  const job = await createJob(db, employer.organizationId!);
  const [app] = await db
    .insert(applications)
    .values({
      seekerAccountId: seeker.accountId,
      jobId: job.id,
      organizationId: employer.organizationId!,
      fairId: fairId ?? null,
      resumeSnapshot: {},
    })
    .returning();
  return { application: app!, job };
}

export async function openedConversation(app: FastifyInstance, db: Db) {
  const employer = await signInAs(db, 'employer');
  const seeker = await signInAs(db, 'seeker');
  const { application } = await createApplication(db, employer, seeker);
  const res = await app.inject({
    method: 'POST',
    url: '/api/chat/conversations',
    headers: employer.headers,
    payload: { applicationId: application.id },
  });
  return { employer, seeker, application, conversationId: res.json().id as string };
}

export function baseUrlOf(app: FastifyInstance) {
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

export async function socketFor(baseUrl: string, who: SignedIn): Promise<Socket> {
  const socket = connect(baseUrl, {
    transports: ['websocket'],
    extraHeaders: { cookie: who.headers.cookie! },
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

export function call<T>(socket: Socket, event: string, payload: unknown): Promise<ChatAck<T>> {
  return socket.timeout(10_000).emitWithAck(event, payload) as Promise<ChatAck<T>>;
}

export const text = (conversationId: string, body: string, clientId: string = randomUUID()) => ({
  conversationId,
  clientId,
  kind: 'text' as const,
  body,
});
