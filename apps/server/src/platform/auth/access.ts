import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { Db } from '../db/database.ts';
import type { Actor, Access } from './actor.ts';
import { CSRF_COOKIE, SESSION_COOKIE, loadActor } from './sessions.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RouteAccessEntry {
  method: string;
  url: string;
  access: Access;
}

/**
 * Every /api route must declare `config.access`; a route without one fails start-up.
 * The hook loads the actor from the session cookie, checks the role, forces the first
 * password change, and checks the CSRF header on state changes made with the cookie.
 */
export function registerAccessControl(app: FastifyInstance, db: Db, table: RouteAccessEntry[]) {
  app.decorateRequest('actor', null);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const access = route.config?.access;
    if (!access)
      throw new AppError('INTERNAL', `route ${route.method} ${route.url} declares no access`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method !== 'HEAD') table.push({ method, url: route.url, access });
    }
  });
  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    request.actor = token ? await loadActor(db, token) : null;
    if (token && !request.actor) clearSessionCookies(reply);
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') return;
    const actor = request.actor;
    if (!actor) throw new AppError(token ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    if (UNSAFE.has(request.method)) checkCsrf(request, actor);
    if (actor.mustChangePassword && !access.duringPasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    }
    if (!access.roles.includes(actor.role)) throw new AppError('FORBIDDEN');
  });
}

function checkCsrf(request: FastifyRequest, actor: Actor) {
  const header = request.headers['x-csrf-token'];
  const sent = Buffer.from(typeof header === 'string' ? header : '');
  const expected = Buffer.from(actor.csrfToken);
  if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
    throw new AppError('CSRF_FAILED');
  }
}

export function clearSessionCookies(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

/** The acting user on a route that declared roles: never null there. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return request.actor;
}
