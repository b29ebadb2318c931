import { ArgumentMetadata, Injectable, PipeTransform, ValidationError, ValidationPipe } from '@nestjs/common';
import { PlatformCodes } from '../errors/codes.js';
import { ProblemException, type FieldError } from '../errors/problem.js';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

export const validationFailed = (errors: FieldError[]) =>
  new ProblemException(400, PlatformCodes.VALIDATION_FAILED, errors.map((e) => `${e.field}: ${e.message}`).join('; ') || 'the request is not valid', { errors });

/** class-validator on every body and query: unknown fields are refused, types converted. */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => validationFailed(flatten(errors)),
});

// C0 controls but tab, line feed and carriage return, and DEL. NUL cannot be stored in PostgreSQL text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function findControl(value: unknown, path: string, depth = 0): string | null {
  if (depth > 32) return path || 'body';
  if (typeof value === 'string') return CONTROL.test(value) ? path || 'body' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const f = findControl(value[i], `${path}[${i}]`, depth + 1);
      if (f) return f;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (CONTROL.test(k)) return path ? `${path}.${k}` : k;
      const f = findControl(v, path ? `${path}.${k}` : k, depth + 1);
      if (f) return f;
    }
  }
  return null;
}

/** Refuses non-object bodies and control characters anywhere in a body, query or path parameter (runs before validation). */
@Injectable()
export class SafeInputPipe implements PipeTransform {
  transform(value: unknown, meta: ArgumentMetadata) {
    if (meta.type === 'custom') return value;
    if (meta.type === 'body' && meta.metatype && meta.metatype !== Object && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw validationFailed([{ field: 'body', message: 'must be a JSON object' }]);
    }
    const field = findControl(value, meta.type === 'param' ? (meta.data ?? 'param') : '');
    if (field) throw validationFailed([{ field, message: 'must not contain control characters' }]);
    return value;
  }
}
