import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import type { EventDispatcher } from '../../platform/events/dispatcher.ts';
import type { RealtimeHub } from '../../platform/realtime/realtime.ts';
import { notificationRoutes } from './notifications.routes.ts';
import { notificationConsumer } from './notifications.consumer.ts';
import { deliveryWorker } from './notifications.deliveries.ts';

/** Notification centre routes, the outbox consumer and the external delivery worker. */
export async function registerNotifications(app: FastifyInstance, ctx: AppContext) {
  ctx.events.addConsumer('notifications', notificationConsumer(ctx.realtime));
  ctx.events.addWorker(
    'deliveries',
    deliveryWorker(
      ctx.db,
      { mailer: ctx.mailer, sms: ctx.sms, wechat: ctx.wechat, publicUrl: ctx.config.publicUrl },
      app.log,
    ),
  );
  // tests and the bench reach the dispatcher and the hub through the instance
  app.decorate('dispatcher', ctx.events);
  app.decorate('realtime', ctx.realtime);
  await app.register(notificationRoutes(ctx));
}

declare module 'fastify' {
  interface FastifyInstance {
    dispatcher: EventDispatcher;
    realtime: RealtimeHub;
  }
}
