import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from '../../../test/test-app.ts';
import type { Database } from '../db/database.ts';
import { OUTBOX_CHANNEL } from './dispatcher.ts';

const MARKER_CHANNEL = 'hirehall_test_marker';

/**
 * The outbox trigger NOTIFYs only for statements that add events. A NOTIFY serializes commits
 * (one database-wide lock until the commit is flushed), and the chat writer's statements carry
 * an outbox INSERT that most messages leave empty.
 */
describe('outbox NOTIFY', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let stopListening: () => Promise<void>;
  const heard = { outbox: 0, markers: 0 };
  let markerWaiters: (() => void)[] = [];

  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase());
    const onOutbox = () => void heard.outbox++;
    const onMarker = () => {
      heard.markers++;
      for (const w of markerWaiters) w();
      markerWaiters = [];
    };
    if (database.pglite) {
      const a = await database.pglite.listen(OUTBOX_CHANNEL, onOutbox);
      const b = await database.pglite.listen(MARKER_CHANNEL, onMarker);
      stopListening = async () => {
        await a();
        await b();
      };
    } else {
      const client = await database.pool!.connect();
      client.on('notification', (n) => (n.channel === OUTBOX_CHANNEL ? onOutbox() : onMarker()));
      await client.query(`listen ${OUTBOX_CHANNEL}`);
      await client.query(`listen ${MARKER_CHANNEL}`);
      stopListening = async () => client.release();
    }
  });

  afterAll(async () => {
    await stopListening();
    await drop();
  });

  /**
   * Notifications reach a listener in commit order: once the marker sent after a statement
   * arrives, any notification of that statement has arrived too.
   */
  async function afterMarker() {
    const arrived = new Promise<void>((resolve) => markerWaiters.push(resolve));
    await database.db.execute(sql`select pg_notify(${MARKER_CHANNEL}, '')`);
    await arrived;
    return heard.outbox;
  }

  const appendEvents = (rows: number) =>
    database.db.execute(
      sql`with e as (
            insert into outbox_events (kind, recipient_account_ids, payload)
            select 'test.event', '{}', '{}'::jsonb from generate_series(1, ${rows}::int)
            returning id
          )
          select count(*) from e`,
    );

  it('a statement that inserts no event does not notify', async () => {
    await appendEvents(0);
    expect(await afterMarker()).toBe(0);
  });

  it('a statement that inserts events notifies once', async () => {
    await appendEvents(3);
    expect(await afterMarker()).toBe(1);
    await appendEvents(1);
    expect(await afterMarker()).toBe(2);
  });
});
