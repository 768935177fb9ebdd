import type { ExecutionContext } from '@nestjs/common';
import { isIngestRoute } from './rate-limit.guard';
import { Roles } from './roles.decorator';

class IngestController {
  @Roles('ingest', 'admin')
  post(): void {
    return undefined;
  }

  @Roles('viewer', 'ingest')
  read(): void {
    return undefined;
  }

  open(): void {
    return undefined;
  }
}

@Roles('ingest')
class ShipperController {
  post(): void {
    return undefined;
  }
}

class ViewerController extends ShipperController {}

function contextOf(classRef: object, handler: object): ExecutionContext {
  return { getClass: () => classRef, getHandler: () => handler } as unknown as ExecutionContext;
}

describe('isIngestRoute', () => {
  it.each([
    ['an ingest-only handler', IngestController, IngestController.prototype.post, true],
    ['a handler viewers may call too', IngestController, IngestController.prototype.read, false],
    ['a handler without roles', IngestController, IngestController.prototype.open, false],
    [
      'a handler under an ingest-only class',
      ShipperController,
      ShipperController.prototype.post,
      true,
    ],
  ])('classifies %s the same on every call', (_label, classRef, handler, expected) => {
    expect(isIngestRoute(contextOf(classRef, handler))).toBe(expected);
    expect(isIngestRoute(contextOf(classRef, handler))).toBe(expected);
  });

  it('remembers the answer per class, so an inherited handler follows its own class', () => {
    Reflect.defineMetadata('redtail:roles', ['viewer'], ViewerController);
    const handler = ShipperController.prototype.post;
    expect(isIngestRoute(contextOf(ShipperController, handler))).toBe(true);
    expect(isIngestRoute(contextOf(ViewerController, handler))).toBe(false);
  });
});
