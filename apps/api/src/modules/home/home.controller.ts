import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth-user';
import { Authenticated, CurrentUser } from '../../common/decorators';
import { TodoResponseDto } from './dtos/todo-response.dto';
import { HomeService } from './home.service';

@ApiTags('home')
@Controller()
export class HomeController {
  constructor(private readonly home: HomeService) {}

  /** The reader's to-do list for their home page: what waits on them, by kind, counted and oldest first. */
  @Get('home/todo') @Authenticated() @ApiOkResponse({ type: TodoResponseDto })
  todo(@CurrentUser() user: AuthUser): Promise<TodoResponseDto> {
    return this.home.todo(user);
  }
}
