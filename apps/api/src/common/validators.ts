import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, Max, Min, ValidateBy, ValidationOptions } from 'class-validator';
import { isIsoDate, isSaneDate, isSaneInstant, MAX_AMOUNT_CENTS, SANE_DATE_MAX, SANE_DATE_MIN } from '@grants/domain';

/** No list has a million pages; anything above is a probe, refused before it becomes an OFFSET. */
export const MAX_PAGE = 1_000_000;

/** A calendar date written YYYY-MM-DD that exists (no 2027-02-30). */
export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: { validate: (v: unknown) => typeof v === 'string' && isIsoDate(v), defaultMessage: (a) => `${a?.property} must be a date written YYYY-MM-DD` },
  }, options);

/**
 * A date (YYYY-MM-DD) or an ISO instant with its zone, between 2000-01-01 and 2100-12-31: year 0 or
 * 9999 is a typing mistake that would otherwise be stored and break every page that shows it.
 */
export const IsSaneDate = (options?: ValidationOptions & { kind?: 'date' | 'instant' }) =>
  ValidateBy({
    name: 'isSaneDate',
    validator: {
      validate: (v: unknown) => (options?.kind === 'date' ? isSaneDate(v) : isSaneInstant(v)),
      defaultMessage: (a) => `${a?.property} must be a ${options?.kind === 'date' ? 'date written YYYY-MM-DD' : 'date and time with its time zone'} between ${SANE_DATE_MIN} and ${SANE_DATE_MAX}`,
    },
  }, options);

/** A required text that holds more than white space (a question of three spaces is no question). */
export const IsNotBlank = (options?: ValidationOptions) =>
  ValidateBy({
    name: 'isNotBlank',
    validator: { validate: (v: unknown) => typeof v === 'string' && v.trim().length > 0, defaultMessage: (a) => `${a?.property} must not be empty or only spaces` },
  }, options);

/** An object whose every value is a string (e.g. comments by section id): a number or an object is refused, never coerced. */
export const IsStringRecord = (options?: ValidationOptions & { maxKeys?: number; maxLength?: number }) =>
  ValidateBy({
    name: 'isStringRecord',
    validator: {
      validate: (v: unknown) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
        const entries = Object.entries(v);
        if (options?.maxKeys !== undefined && entries.length > options.maxKeys) return false;
        return entries.every(([, x]) => typeof x === 'string' && (options?.maxLength === undefined || x.length <= options.maxLength));
      },
      defaultMessage: (a) => `${a?.property} must map each key to a text`,
    },
  }, options);

/** An amount in integer euro cents, 0 to €100 billion: always a safe integer, so sums stay exact. */
export const IsCents = (options?: ValidationOptions) =>
  applyDecorators(IsInt(options), Min(0, options), Max(MAX_AMOUNT_CENTS, options));

/** A page number in a query string (`?page=2`); 1e18 or 1e308 are refused, not sent to the database as an offset. */
export const IsPage = () => applyDecorators(Type(() => Number), IsInt(), Min(1), Max(MAX_PAGE));

/** A page size in a query string, 1 to `max`. */
export const IsPageSize = (max: number) => applyDecorators(Type(() => Number), IsInt(), Min(1), Max(max));

/**
 * On a unit cost: quantity × unit cost stays within MAX_AMOUNT_CENTS, so a budget of a few hundred lines
 * (and its indirect costs) always adds up exactly (1,000,000 × €100,000,000 would pass 2^53 cents).
 */
export const IsLineTotalWithinLimit = (quantityField = 'quantity', options?: ValidationOptions) =>
  ValidateBy({
    name: 'isLineTotalWithinLimit',
    validator: {
      validate: (v: unknown, args) => {
        const q = (args?.object as Record<string, unknown> | undefined)?.[quantityField];
        if (typeof v !== 'number' || typeof q !== 'number' || !Number.isFinite(q)) return true; // the type checks name those
        return Math.abs(v * q) <= MAX_AMOUNT_CENTS;
      },
      defaultMessage: () => `quantity × unit cost must not exceed ${MAX_AMOUNT_CENTS} cents`,
    },
  }, options);
