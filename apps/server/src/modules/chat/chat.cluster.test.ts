import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Socket } from 'socket.io-client';
import type { ChatMessage } from '@hirehall/shared/chat';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../platform/config.ts';
import { migrateDatabase, openPostgres, type Database } from '../../platform/db/database.ts';
import { baseUrlOf, call, openedConversation, socketFor, text } from './chat.fixtures.ts';

const url = process.env.DATABASE_URL;
const name = `hirehall_cluster_${randomBytes(5).toString('hex')}`;
const servers: { app: FastifyInstance; database: Database }[] = [];
const sockets: Socket[] = [];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hirehall-cluster-'));

/**
 * Two server instances, each with its own connection pool, listening on two ports, sharing one
 * PostgreSQL database: the postgres adapter carries socket.io emits between them.
 */
describe.skipIf(!url)(
  'two server processes on one PostgreSQL database (runs under npm run test:pg; skipped without DATABASE_URL)',
  () => {
    beforeAll(async () => {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(
        `create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`,
      );
      await admin.end();
      const dbUrl = new URL(url!);
      dbUrl.pathname = `/${name}`;
      for (let i = 0; i < 2; i++) {
        const database = await openPostgres(dbUrl.toString());
        if (i === 0) await migrateDatabase(database);
        const config = loadConfig({
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          HIREHALL_DATA_DIR: dataDir,
          HIREHALL_DEMO: '0',
          DATABASE_URL: dbUrl.toString(),
        });
        const app = await buildApp({ config, database });
        await app.listen({ host: '127.0.0.1', port: 0 });
        servers.push({ app, database });
      }
    });

    afterAll(async () => {
      for (const s of sockets) s.close();
      for (const { app, database } of servers) {
        await app.close();
        await database.close();
      }
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('a message sent through one server reaches a client of the other, with presence across both', async () => {
      const [a, b] = servers;
      const { employer, seeker, conversationId } = await openedConversation(a!.app, a!.database.db);
      const es = await socketFor(baseUrlOf(a!.app), employer);
      const ss = await socketFor(baseUrlOf(b!.app), seeker);
      sockets.push(es, ss);
      const got = new Promise<ChatMessage>((resolve) => ss.on('chat:message', resolve));
      // give the adapters' LISTEN connections a moment after start
      await new Promise((r) => setTimeout(r, 500));
      const ack = await call<ChatMessage>(es, 'chat:send', text(conversationId, '跨进程的消息'));
      expect(ack.ok).toBe(true);
      const received = await got;
      expect(received).toMatchObject({ conversationId, seq: 1, body: '跨进程的消息' });

      // server A sees the seeker connected to server B as online
      const hall = await a!.app.inject({
        method: 'GET',
        url: '/api/chat/hall',
        headers: employer.headers,
      });
      expect(hall.json().candidates[0]).toMatchObject({
        seekerAccountId: seeker.accountId,
        online: true,
      });

      // and the reply goes the other way
      const back = new Promise<ChatMessage>((resolve) =>
        es.on('chat:message', (m: ChatMessage) => m.senderSide === 'seeker' && resolve(m)),
      );
      await call(ss, 'chat:send', text(conversationId, '收到'));
      expect(await back).toMatchObject({ seq: 2, body: '收到' });
    });
  },
);
