import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { from, type Observable, switchMap } from 'rxjs';
import { Env } from '../app/env';
import { bodyLimit } from './body-limit';
import { readBody } from './body-reader';
import { BODY_SPEC, type BodySpec } from './read-body.decorator';

/**
 * Interceptors run after every guard, so the body of a request is read only once its key has
 * been checked, its role allowed and its rate counted. What the route declared with `@ReadBody`
 * lands in `request.body`, where `@Body()` finds it.
 */
@Injectable()
export class ReadBodyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly env: Env,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const spec = this.reflector.get<BodySpec | undefined>(BODY_SPEC, context.getHandler());
    if (!spec) return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    return from(readBody(request, spec, bodyLimit(this.env, spec.limit))).pipe(
      switchMap((body) => {
        request.body = body;
        return next.handle();
      }),
    );
  }
}
