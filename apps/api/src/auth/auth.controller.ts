import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES, type Identity } from '@redtail/contracts';
import type { AuthenticatedRequest } from './authenticated-request';
import { IdentityDto } from './dto/auth-responses.dto';
import { Roles } from './roles.decorator';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  @Get('me')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Who the presented key belongs to: name, role, bound service' })
  @ApiOkResponse({ type: IdentityDto, description: 'The identity of the key that was sent.' })
  me(@Req() request: AuthenticatedRequest): Identity {
    return request.identity;
  }
}
