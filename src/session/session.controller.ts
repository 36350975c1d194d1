/**
 * Who am I? The principal a key or token stands for, so that a client (the console) can show it and
 * offer only what its roles may do. The sign-in options are public: a sign-in page asks them before
 * it has any credential, and whether JWTs are accepted is no secret.
 */
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { JWT_ACTOR_PREFIX } from '../auth/jwt-identity';
import type { Principal } from '../auth/principal-directory';
import { PublicRoute } from '../auth/public-route.decorator';
import type { AppConfig } from '../config/config';
import { Refuses } from '../http/route-refusals';
import { APP_CONFIG } from '../infrastructure/tokens';
import { SESSION_SCHEMA, SIGN_IN_OPTIONS_SCHEMA } from './session.schema';

export interface SessionView {
  id: string;
  name: string;
  unitId: string | null;
  roles: readonly string[];
  credential: 'api_key' | 'jwt';
}

@ApiTags('session')
@Controller('session')
export class SessionController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The calling principal: name, unit and roles' })
  @ApiOkResponse({ schema: SESSION_SCHEMA })
  @Refuses({})
  whoAmI(@CurrentPrincipal() principal: Principal): SessionView {
    const { id, name, unitId, roles } = principal;
    // A token's holder is named `jwt:<issuer>:<sub>` (jwt-identity.ts); a key principal's id never has a colon.
    return { id, name, unitId, roles: [...roles], credential: id.startsWith(`${JWT_ACTOR_PREFIX}:`) ? 'jwt' : 'api_key' };
  }

  @Get('sign-in-options')
  @PublicRoute()
  @ApiOperation({ summary: 'Which credentials the service accepts (no key needed)' })
  @ApiOkResponse({ schema: SIGN_IN_OPTIONS_SCHEMA })
  signInOptions(): { apiKey: boolean; jwt: boolean } {
    return { apiKey: true, jwt: this.config.jwtIssuers.length > 0 };
  }
}
