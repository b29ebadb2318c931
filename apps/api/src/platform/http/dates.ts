import { isCalendarDate } from '@sitedesk/domain';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/** `YYYY-MM-DD` that exists on the calendar (refuses 2026-02-30). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a calendar date YYYY-MM-DD`, ...options },
      validator: { validate: (v: unknown) => typeof v === 'string' && isCalendarDate(v) },
    });
}
