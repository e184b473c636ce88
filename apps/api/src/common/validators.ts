import { ValidateBy, ValidationOptions } from 'class-validator';
import { isIsoDate } from '@grants/domain';

/** A calendar date written YYYY-MM-DD that exists (no 2027-02-30). */
export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: { validate: (v: unknown) => typeof v === 'string' && isIsoDate(v), defaultMessage: (a) => `${a?.property} must be a date written YYYY-MM-DD` },
  }, options);
