import { Controller, Get, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES, type Identity } from '@redtail/contracts';
import type { AuthenticatedRequest } from './authenticated-request';
import { Roles } from './roles.decorator';

@ApiTags('auth')
@ApiBearerAuth('bearer')
@Controller('auth')
export class AuthController {
  @Get('me')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Who the presented key belongs to: name, role, bound service' })
  me(@Req() request: AuthenticatedRequest): Identity {
    return request.identity;
  }
}
