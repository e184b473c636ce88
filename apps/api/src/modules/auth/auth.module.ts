import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LocalStrategy, SessionSerializer } from './local.strategy';
import { SecondFactorController } from './second-factor/second-factor.controller';
import { SecondFactorService } from './second-factor/second-factor.service';

@Module({
  imports: [PassportModule.register({ session: true })],
  controllers: [AuthController, SecondFactorController],
  providers: [AuthService, LocalStrategy, SessionSerializer, SecondFactorService],
  exports: [AuthService],
})
export class AuthModule {}
