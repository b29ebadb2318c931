/** PostgreSQL's SQLSTATE of a failed statement, from pg's error or TypeORM's wrapper around it. */
export const pgCode = (e: unknown): string | undefined => (e as { code?: string })?.code ?? (e as { driverError?: { code?: string } })?.driverError?.code;

/** A unique constraint refused the row (23505): the database decided a race or a duplicate. */
export const isUniqueViolation = (e: unknown) => pgCode(e) === '23505';
