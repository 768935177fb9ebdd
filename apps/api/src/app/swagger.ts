import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Env } from './env';
import { ErrorBodyDto } from './error-body.dto';
import { finishDocument } from './openapi-document';

export const SWAGGER_PATH = 'api/docs';

/** Swagger UI at /api/docs and the OpenAPI document at /api/docs-json, under the base path. */
export function setupSwagger(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Redtail')
    .setDescription(
      'Privacy-first live log monitor: logs are masked at ingest, encrypted in memory and streamed live.',
    )
    .setVersion('0.1.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    // Relative: the document is served by the server it describes, under its base path.
    .addServer('/', 'This Redtail server')
    // addSecurity, not addBearerAuth: that one claims `bearerFormat: JWT`, and keys are opaque.
    .addSecurity('bearer', {
      type: 'http',
      scheme: 'bearer',
      description: 'An API key: `Authorization: Bearer <key>`.',
    })
    .addSecurity('api-key', {
      type: 'apiKey',
      in: 'header',
      name: 'X-API-Key',
      description: 'The same key in its own header.',
    })
    .build();
  const document = finishDocument(
    SwaggerModule.createDocument(app, config, { extraModels: [ErrorBodyDto] }),
    app.get(Env),
  );
  SwaggerModule.setup(SWAGGER_PATH, app, document, {
    jsonDocumentUrl: `${SWAGGER_PATH}-json`,
    customSiteTitle: 'Redtail API',
    swaggerOptions: { persistAuthorization: false },
    useGlobalPrefix: true,
  });
}
