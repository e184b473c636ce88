import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard, PassportSerializer, PassportStrategy } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Strategy } from 'passport-local';
import type { AuthUser } from '../../common/auth-user';
import { validationException } from '../../common/errors';
import { AuthService } from './auth.service';
import { LoginDto } from './dtos/auth.dtos';
import { markLogin } from './session';

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password' });
  }
  validate(email: string, password: string): Promise<AuthUser> {
    return this.auth.validateLogin(email, password);
  }
}

/** Validates the body like a DTO (guards run before pipes), then logs in and so regenerates the session. */
@Injectable()
export class LoginGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest();
    const dto = plainToInstance(LoginDto, req.body ?? {});
    const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) throw validationException(errors);
    const ok = (await super.canActivate(context)) as boolean;
    await super.logIn(req);
    markLogin(req);
    return ok;
  }
}

@Injectable()
export class SessionSerializer extends PassportSerializer {
  constructor(private readonly auth: AuthService) {
    super();
  }
  serializeUser(user: AuthUser, done: (err: Error | null, id?: string) => void) {
    done(null, user.id);
  }
  deserializeUser(id: string, done: (err: Error | null, user?: AuthUser | false) => void) {
    this.auth.loadUser(id).then((u) => done(null, u ?? false), (e) => done(e));
  }
}
