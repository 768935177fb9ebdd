import 'reflect-metadata';
import {
  Body,
  type CanActivate,
  Controller,
  type ExecutionContext,
  HttpCode,
  Injectable,
  Module,
  Post,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { APP_GUARD, NestFactory, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ExpressServerAdapter } from '@redtail/express-server';
import { securityHeaders } from '@redtail/http-security';

/**
 * The framework's own ceiling: NestJS on Express with nothing but body
 * parsing and a 201, in the same shape as Redtail's ingest routes. No pipes,
 * guards, filters or middleware — whatever Redtail costs beyond this is ours.
 *
 * With BARE_SECURITY_FLOOR=1 it adds the least that the brief's security rules
 * demand of any NestJS ingest route, and nothing of Redtail's pipeline: the same
 * helmet headers, and one synchronous global guard that reads the route's role,
 * checks the bearer key (SHA-256, constant-time compare) and counts a
 * fixed-window rate limit. The gap between the two is what security costs
 * before a single entry is masked or sealed.
 */
const ROLE = 'role';
const securityFloor = process.env['BARE_SECURITY_FLOOR'] === '1';

@Controller('logs')
class BareLogsController {
  private seq = 0;

  @Post()
  @HttpCode(201)
  @SetMetadata(ROLE, 'ingest')
  ingest(@Body() body: Record<string, unknown>) {
    this.seq++;
    return { id: `0-${this.seq}`, seq: this.seq, masked: {}, level: body['level'] };
  }

  /** NDJSON in; every line parsed, as Redtail must. */
  @Post('batch')
  @HttpCode(201)
  @SetMetadata(ROLE, 'ingest')
  ingestBatch(@Body() body: string) {
    let accepted = 0;
    for (const line of body.split('\n')) {
      if (line.length === 0) continue;
      JSON.parse(line);
      accepted++;
    }
    this.seq += accepted;
    return { accepted, rejected: 0, ids: [], errors: [] };
  }
}

@Injectable()
class SecurityFloorGuard implements CanActivate {
  private readonly ingestDigest = digest(process.env['BARE_INGEST_KEY'] ?? '');
  private readonly window = new Map<string, number>();
  private windowStartedAt = Date.now();

  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const role = this.reflector.getAllAndOverride<string>(ROLE, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<Request>();
    const secret = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
    if (role !== 'ingest' || !timingSafeEqual(digest(secret), this.ingestDigest)) {
      throw new UnauthorizedException();
    }
    const now = Date.now();
    if (now - this.windowStartedAt >= 60_000) {
      this.window.clear();
      this.windowStartedAt = now;
    }
    this.window.set('ingest', (this.window.get('ingest') ?? 0) + 1);
    return true;
  }
}

function digest(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

@Module({
  controllers: [BareLogsController],
  providers: securityFloor ? [{ provide: APP_GUARD, useClass: SecurityFloorGuard }] : [],
})
class BareModule {}

async function bootstrap(): Promise<void> {
  // The same HTTP server as Redtail's (requests born with Express's prototypes), so the gap stays
  // what Redtail's own work costs.
  const app = await NestFactory.create<NestExpressApplication>(
    BareModule,
    new ExpressServerAdapter(),
    { logger: false, bodyParser: false },
  );
  if (securityFloor) app.use(securityHeaders());
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('text', { type: 'application/x-ndjson', limit: '1mb' });
  await app.listen(Number(process.env['PORT']), '127.0.0.1');
}

void bootstrap();
