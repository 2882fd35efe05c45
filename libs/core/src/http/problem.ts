import { HttpException, HttpStatus } from '@nestjs/common';

/** A field-level validation message in a problem document. */
export interface FieldProblem {
  /** Dotted path of the field, e.g. `adminEmail` or `parties.0.email`. */
  field: string;
  /** The rule that failed, e.g. `isEmail`, `minLength`, `unique`. */
  rule: string;
  message: string;
}

/** RFC 9457 problem details as Portico sends them. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export function problemTitle(status: number): string {
  return TITLES[status] ?? HttpStatus[status]?.toString().toLowerCase().replace(/_/g, ' ') ?? 'Error';
}

/**
 * Throw this from anywhere to answer with a problem document.
 * `type` is a short slug; it is published as `https://portico.dev/problems/<slug>`.
 */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly slug: string,
    detail: string,
    readonly errors?: FieldProblem[],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail, status);
  }
}

export const notFound = (what = 'resource') => new ProblemException(404, 'not-found', `The ${what} was not found.`);
export const validationFailed = (errors: FieldProblem[], detail?: string) =>
  new ProblemException(400, 'validation-failed', detail ?? describeFields(errors), errors);
export const conflict = (slug: string, detail: string, errors?: FieldProblem[]) => new ProblemException(409, slug, detail, errors);
export const forbidden = (slug: string, detail: string) => new ProblemException(403, slug, detail);

function describeFields(errors: FieldProblem[]): string {
  if (errors.length === 1) return errors[0].message;
  const fields = [...new Set(errors.map((e) => e.field))];
  return `${fields.length} fields are invalid: ${fields.join(', ')}.`;
}
