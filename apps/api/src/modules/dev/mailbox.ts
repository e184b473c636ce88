import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import { secondFactorSettled } from '@grants/domain';
import type { AuthUser } from '../../common/auth-user';
import { AppError } from '../../common/errors';
import { secondFactorOf } from '../../common/second-factor';
import type { Env } from '../../config/env.dto';
import { EmailEntity } from '../mail/entities/email.entity';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-forwarded-host', 'via'];

/**
 * A request from the machine the portal runs on: its socket comes from a loopback address and no proxy header says it
 * was passed on from elsewhere (a reverse proxy on the same machine connects from loopback too).
 */
export function fromThisMachine(req: Request): boolean {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return false;
  return PROXY_HEADERS.every((h) => req.headers[h] === undefined);
}

/**
 * The demo mailbox holds every e-mail the portal "sent", reset and invitation links included, so it is shown only to
 * a logged-in Secretariat admin or to a visitor on the machine itself (the newcomer who ran `npm start`); to anyone
 * else, and always in production, it does not exist (404).
 */
export async function readMailbox(ds: DataSource, env: Env, req: Request) {
  if (env.isProduction) throw AppError.notFound('route');
  const user = req.user as AuthUser | undefined;
  // an admin who has not passed the second factor yet is not one here: the mailbox holds reset links
  const admin = user?.active === true && user.role === 'secretariat_admin' && secondFactorSettled(secondFactorOf(user).state);
  if (!admin && !fromThisMachine(req)) throw AppError.notFound('route');
  const enabled = env.demoMode && !env.SMTP_URL;
  if (!enabled) return { enabled: false, items: [] };
  const rows = await ds.getRepository(EmailEntity).find({ order: { createdAt: 'DESC' }, take: 100 });
  return {
    enabled,
    items: rows.map((e) => ({ id: e.id, to: e.toAddress, subject: e.subject, text: e.textBody, html: e.htmlBody, status: e.status, createdAt: e.createdAt.toISOString() })),
  };
}
