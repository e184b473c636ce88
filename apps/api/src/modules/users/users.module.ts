import { Global, Module } from '@nestjs/common';
import { InvitationsService } from './invitations.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Global()
@Module({ controllers: [UsersController], providers: [UsersService, InvitationsService], exports: [InvitationsService] })
export class UsersModule {}
