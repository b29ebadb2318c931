import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ProblemDto } from './openapi.js';

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

/** The OpenAPI document, deterministic (sorted keys) so that the committed copy diffs cleanly. */
export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('SiteDesk API')
    .setVersion('1.0.0')
    .setDescription(
      [
        'The operations back-office of sales sites and their service desks.',
        '',
        '**Authentication.** Staff sign in at `POST /api/v1/auth/login` and send `Authorization: Bearer <accessToken>`.',
        'Partner agencies may instead use an API key issued by an admin: `Authorization: Bearer sdk_…` or `X-Api-Key: sdk_…`.',
        '',
        '**Errors** are RFC 9457 `application/problem+json` documents with a stable machine `code` (see each response).',
        'An object on a site you hold no role on answers 404.',
        '',
        '**Idempotency.** Every POST accepts an `Idempotency-Key` header (1–200 visible ASCII characters). Repeating the',
        'same request with the same key replays the first response (header `Idempotent-Replayed: true`); the same key',
        'with another body answers 422 `IDEMPOTENCY_KEY_REUSED`. Keys are kept 24 hours.',
        '',
        '**Money** is integer fen (1 yuan = 100 fen), CNY. **Times** are ISO 8601 instants in UTC; rules are evaluated in the site time zone.',
      ].join('\n'),
    )
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }, 'apiKey')
    .addServer('/')
    .build();
  const doc = SwaggerModule.createDocument(app, config, {
    extraModels: [ProblemDto],
    operationIdFactory: (_controller, method) => method,
  });
  return sortKeys(doc) as OpenAPIObject;
}
