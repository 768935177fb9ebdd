import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES, type AuthMode, type Identity } from '@redtail/contracts';
import { ApiKeyService } from './api-key.service';
import type { AuthenticatedRequest } from './authenticated-request';
import { AuthModeDto, IdentityDto } from './dto/auth-responses.dto';
import { Public, Roles } from './roles.decorator';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly keys: ApiKeyService) {}

  /**
   * Open: a sign-in screen asks before it has a key. It tells nothing a 401 would not: with
   * authentication on every route refuses a keyless call anyway.
   */
  @Get('mode')
  @Public()
  @ApiOperation({
    summary: 'Whether the server asks for keys (false) or runs with REDTAIL_AUTH=off',
  })
  @ApiOkResponse({ type: AuthModeDto })
  mode(): AuthMode {
    return { authDisabled: this.keys.authDisabled };
  }

  @Get('me')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Who the presented key belongs to: name, role, bound service' })
  @ApiOkResponse({ type: IdentityDto, description: 'The identity of the key that was sent.' })
  me(@Req() request: AuthenticatedRequest): Identity {
    return request.identity;
  }
}
