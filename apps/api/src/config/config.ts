import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength, validateSync } from 'class-validator';

/** The environment, validated at boot. Defaults make `npm start` work; production must set secrets. */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @IsString()
  DATABASE_URL: string;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET: string;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(60)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(300)
  REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 256 * 1024;

  /** Where the built admin console lives; served at `/` when present. */
  @IsOptional()
  @IsString()
  ADMIN_DIST?: string;

  /** Run the background job worker in this process (every replica may; jobs run once). */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  JOBS_ENABLED = true;

  /** Trust X-Forwarded-For from a reverse proxy (docker compose behind a load balancer). */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  TRUST_PROXY = false;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const keys = new Set([...Object.keys(new AppConfig()), 'DATABASE_URL', 'JWT_SECRET', 'ADMIN_DIST']);
  const raw = Object.fromEntries(Object.entries(env).filter(([k, v]) => v !== undefined && v !== '' && keys.has(k)));
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length) {
    const lines = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`);
    throw new Error(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return config;
}
