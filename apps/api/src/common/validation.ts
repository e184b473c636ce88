import { ValidationPipe } from '@nestjs/common';
import { validationException } from './errors';

/** whitelist + forbidNonWhitelisted: an unknown field is an error that names it, never silently dropped. */
export function createValidationPipe() {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: validationException,
  });
}
