import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { validationFailed, type FieldProblem } from './problem.js';

/** Flatten class-validator errors into `{ field, rule, message }` entries. */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const field = parent ? `${parent}.${e.property}` : e.property;
    if (e.value === undefined && e.constraints && !e.constraints.whitelistValidation) {
      out.push({ field, rule: 'required', message: `${field} is required` });
      continue;
    }
    for (const [rule, message] of Object.entries(e.constraints ?? {})) {
      out.push({ field, rule, message: rule === 'whitelistValidation' ? `${field} is not an accepted field` : message });
      break; // the first failing rule per field is the one worth reading
    }
    if (e.children?.length) out.push(...fieldProblems(e.children, field));
  }
  return out;
}

/** The global pipe: unknown fields refused, values transformed, errors as problem+json. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => validationFailed(fieldProblems(errors)),
  });
}
