import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import {
  callIdSchema,
  callSocketEvents as ev,
  signalSchema,
  startCallSchema,
  type CallJoin,
  type CallSummary,
} from '@hirehall/shared/interviews';
import { AppError } from '../../platform/errors.ts';
import type { AppContext } from '../../platform/context.ts';
import { accountRoom, type AppSocket } from '../../platform/realtime/realtime.ts';
import { activeCallsOf, findInterview, toCall } from './interviews.repo.ts';
import { assertEmployerOf, isEmployerSide } from './interviews.policy.ts';
import { iceServersFor } from './interviews.ice.ts';
import { findCall, insertCall, isStaleRinging, transitionCall } from './interviews.calls.ts';

export const callRoom = (id: string) => `call:${id}`;

type Answer<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** Validation and errors as coded answers; a handler never throws at the socket. */
function handle<I, T>(log: FastifyBaseLogger, schema: z.ZodType<I>, fn: (input: I) => Promise<T>) {
  return (payload: unknown, ack?: (answer: Answer<T>) => void) => {
    const reply = typeof ack === 'function' ? ack : () => undefined;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      return reply({ ok: false, error: { code: 'VALIDATION_FAILED', message: '参数有误' } });
    }
    fn(parsed.data).then(
      (data) => reply({ ok: true, data }),
      (err: unknown) => {
        if (err instanceof AppError) {
          return reply({ ok: false, error: { code: err.code, message: err.message } });
        }
        log.error({ err: (err as Error).message }, 'call handler failed');
        reply({ ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } });
      },
    );
  };
}

/**
 * Signalling of one-to-one interview calls. Only the employer who started a call and the
 * seeker who accepted it join its room; offers, answers and candidates are relayed only
 * between sockets in that room, and only while the call is connected.
 */
export function callSocketHandlers(ctx: AppContext, log: FastifyBaseLogger) {
  const { db, realtime, config } = ctx;
  const ringSeconds = config.interviews.ringSeconds;
  const timers = new Map<string, NodeJS.Timeout>();

  function announce(call: CallSummary, interviewId: string, seekerAccountId: string) {
    realtime.io
      .to([callRoom(call.id), accountRoom(seekerAccountId)])
      .emit(ev.status, { callId: call.id, interviewId, status: call.status, call });
  }

  /** Ends a call in `event` if it is still in `from`; a lost race is not an error. */
  async function settle(
    callId: string,
    from: CallSummary['status'],
    event: Parameters<typeof transitionCall>[3],
  ) {
    const call = await findCall(db, callId);
    if (!call || call.status !== from) return null;
    try {
      const row = await transitionCall(db, callId, from, event);
      announce(toCall(row), call.interview_id, call.seeker_account_id);
      return row;
    } catch (err) {
      if (err instanceof AppError && err.code === 'CONFLICT') return null;
      throw err;
    }
  }

  function armTimeout(callId: string) {
    const timer = setTimeout(() => {
      timers.delete(callId);
      settle(callId, 'ringing', 'timeout').catch((err: unknown) =>
        log.warn({ err: (err as Error).message }, 'call timeout failed'),
      );
    }, ringSeconds * 1000);
    timer.unref();
    timers.set(callId, timer);
  }

  return (socket: AppSocket) => {
    const actor = socket.data.actor;
    /** calls this socket is a party to: it started or accepted them */
    const mine = new Set<string>();

    const join = (callId: string) => {
      mine.add(callId);
      void socket.join(callRoom(callId));
    };

    socket.on(
      ev.start,
      handle(log, startCallSchema, async ({ interviewId }): Promise<CallJoin> => {
        if (!isEmployerSide(actor)) throw new AppError('FORBIDDEN');
        const row = assertEmployerOf(actor, await findInterview(db, interviewId));
        if (row.status !== 'confirmed' || row.mode !== 'video') {
          throw new AppError('CONFLICT', '只能对已确认的视频面试发起呼叫');
        }
        const online = await realtime.onlineAmong([row.seeker_account_id]);
        if (!online.has(row.seeker_account_id)) throw new AppError('CANDIDATE_OFFLINE');
        const active = (await activeCallsOf(db, [row.id])).get(row.id);
        if (active && isStaleRinging(active, ringSeconds)) {
          await settle(active.id, 'ringing', 'timeout');
        } else if (active?.status === 'ringing') {
          throw new AppError('CONFLICT', '正在呼叫该求职者，请稍候');
        } else if (active?.status === 'connected') {
          // the employer's page lost the call without a clean hang-up: record the drop
          await settle(active.id, 'connected', 'drop');
        }
        const call = await insertCall(db, row.id, actor.accountId);
        join(call.id);
        armTimeout(call.id);
        realtime.toAccount(row.seeker_account_id, ev.ringing, {
          callId: call.id,
          interviewId: row.id,
          organizationName: row.organization_name,
          jobTitle: row.job_title,
          ringSeconds,
        });
        return {
          call: toCall(call),
          interviewId: row.id,
          iceServers: iceServersFor(config.ice, call.id),
        };
      }),
    );

    socket.on(
      ev.accept,
      handle(log, callIdSchema, async ({ callId }): Promise<CallJoin> => {
        const call = await findCall(db, callId);
        if (!call || actor.role !== 'seeker' || call.seeker_account_id !== actor.accountId) {
          throw new AppError('NOT_FOUND');
        }
        if (isStaleRinging(call, ringSeconds)) {
          await settle(callId, 'ringing', 'timeout');
          throw new AppError('CONFLICT', '呼叫已超时，请等待单位重新呼叫');
        }
        if (call.status !== 'ringing') throw new AppError('CONFLICT', '呼叫已结束');
        const row = await transitionCall(db, callId, 'ringing', 'accept');
        clearTimeout(timers.get(callId));
        timers.delete(callId);
        join(callId);
        announce(toCall(row), call.interview_id, call.seeker_account_id);
        return {
          call: toCall(row),
          interviewId: call.interview_id,
          iceServers: iceServersFor(config.ice, callId),
        };
      }),
    );

    socket.on(
      ev.decline,
      handle(log, callIdSchema, async ({ callId }) => {
        const call = await findCall(db, callId);
        if (!call || actor.role !== 'seeker' || call.seeker_account_id !== actor.accountId) {
          throw new AppError('NOT_FOUND');
        }
        const row = await settle(callId, 'ringing', 'decline');
        if (!row) throw new AppError('CONFLICT', '呼叫已结束');
        return toCall(row);
      }),
    );

    socket.on(
      ev.hangup,
      handle(log, callIdSchema, async ({ callId }) => {
        if (!mine.has(callId)) throw new AppError('NOT_FOUND');
        const call = await findCall(db, callId);
        if (!call) throw new AppError('NOT_FOUND');
        const row =
          call.status === 'connected' || call.status === 'ringing'
            ? await settle(callId, call.status, 'hangup')
            : null;
        mine.delete(callId);
        void socket.leave(callRoom(callId));
        return row ? toCall(row) : toCall(call);
      }),
    );

    socket.on(
      ev.signal,
      handle(log, signalSchema, async (payload) => {
        if (!mine.has(payload.callId)) throw new AppError('NOT_FOUND');
        const call = await findCall(db, payload.callId);
        if (!call || call.status !== 'connected') throw new AppError('CONFLICT', '通话未接通');
        socket.to(callRoom(payload.callId)).emit(ev.signal, {
          ...payload,
          from: actor.role === 'seeker' ? 'seeker' : 'employer',
        });
        return true;
      }),
    );

    // a page closed or reloaded mid-call: the call is interrupted and recorded (seed 001 §3.3)
    socket.on('disconnect', () => {
      for (const callId of mine) {
        void (async () => {
          const call = await findCall(db, callId);
          if (call?.status === 'connected') await settle(callId, 'connected', 'drop');
          else if (call?.status === 'ringing' && actor.role !== 'seeker') {
            await settle(callId, 'ringing', 'hangup');
          }
        })().catch((err: unknown) => log.warn({ err: (err as Error).message }, 'call drop failed'));
      }
    });
  };
}
