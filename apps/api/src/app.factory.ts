import 'reflect-metadata';
import { ConsoleLogger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/config.js';
import { requestContext } from './platform/context/request-context.js';
import { setSpaIndex } from './platform/errors/problem.filter.js';
import { serveConsole } from './platform/http/console-static.js';
import { buildOpenApi } from './platform/http/openapi-document.js';
import { SafeInputPipe, validationPipe } from './platform/http/validation.js';

export interface CreateAppOptions {
  /** Swagger UI needs @fastify/static loaded the ESM way, which fails under jest; the JSON document works everywhere. */
  swaggerUi?: boolean;
}

const NEST_LEVELS: Record<string, LogLevel[]> = {
  silent: [],
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/** Builds the whole application (used by main, the tests, the OpenAPI generator and the benchmarks). */
export async function createApp(config: AppConfig, opts: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    // A client's X-Request-Id is kept when it is short visible ASCII; otherwise we make one.
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\x21-\x7e]{1,128}$/.test(given) ? given : randomUUID();
    },
    logger: config.LOG_LEVEL === 'silent' ? false : { level: config.LOG_LEVEL, redact: ['req.headers.authorization', 'req.headers["x-api-key"]'] },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new ConsoleLogger({ json: true, logLevels: NEST_LEVELS[config.LOG_LEVEL] }),
    abortOnError: false,
  });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(new SafeInputPipe(), validationPipe);
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (req, reply, done) => {
    void reply.header('x-request-id', req.id);
    requestContext.run({ requestId: String(req.id), ip: req.ip }, done);
  });

  const adminDist = config.ADMIN_DIST && fs.existsSync(path.join(config.ADMIN_DIST, 'index.html')) ? path.resolve(config.ADMIN_DIST) : null;
  // The console is a single-page app: unknown non-API GETs get its index.html (see ProblemFilter).
  setSpaIndex(fastify, adminDist ? serveConsole(fastify, adminDist) : null);

  const document = buildOpenApi(app);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/openapi.json',
    yamlDocumentUrl: 'api/openapi.yaml',
    swaggerUiEnabled: opts.swaggerUi ?? true,
    useGlobalPrefix: false,
    customSiteTitle: 'SiteDesk API',
  });
  await app.init();
  return app;
}
