/**
 * The one error mapper of the web app: every answer of the API that is not 2xx becomes an `ApiError` with the
 * HTTP status, a stable code and the per-field `details` of the API's one error shape
 * `{statusCode, error, message, details[{field, code, message}]}` (docs/api-contract.md), so forms can put each
 * error on its own field and `ui/errors.ts` words it in the reader's language.
 */

export type ApiErrorDetail = { field: string; code: string; message: string };

export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly details: ApiErrorDetail[];
  readonly body: unknown;

  constructor(statusCode: number, code: string, message: string, details: ApiErrorDetail[] = [], body?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = statusCode;
    this.code = code;
    this.details = details;
    this.body = body;
  }

  /** The first detail whose field matches (exactly or as a suffix after a dot). */
  detailFor(field: string): ApiErrorDetail | undefined {
    return this.details.find((d) => d.field === field || d.field.endsWith(`.${field}`));
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

const CODE_PATTERN = /^[a-z][a-z0-9_]*$/;

function statusCode(status: number): string {
  switch (status) {
    case 400:
      return 'validation';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
      return 'file_too_large';
    case 415:
      return 'file_type';
    case 429:
      return 'too_many_requests';
    default:
      return status >= 500 ? 'server' : 'unknown';
  }
}

function parseDetails(raw: unknown): ApiErrorDetail[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((d): d is Record<string, unknown> => typeof d === 'object' && d !== null)
    .map((d) => ({
      field: typeof d.field === 'string' ? d.field : '',
      code: typeof d.code === 'string' ? d.code : 'invalid',
      message: typeof d.message === 'string' ? d.message : '',
    }));
}

/**
 * Work out the stable error code. The contract puts codes in `details[].code`;
 * an explicit top-level `code` wins, then a single shared detail code, then a
 * snake_case `message`, then the HTTP status.
 */
function pickCode(status: number, body: Record<string, unknown>, details: ApiErrorDetail[]): string {
  if (typeof body.code === 'string' && body.code) return body.code;
  if (details.length > 0) {
    const codes = new Set(details.map((d) => d.code));
    if (codes.size === 1) return details[0].code;
    return 'validation';
  }
  if (typeof body.message === 'string' && CODE_PATTERN.test(body.message)) return body.message;
  return statusCode(status);
}

export async function toApiError(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    const text = await res.text();
    if (text) {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
    }
  } catch {
    body = {};
  }
  const details = parseDetails(body.details);
  const code = pickCode(res.status, body, details);
  const message =
    typeof body.message === 'string'
      ? body.message
      : Array.isArray(body.message)
        ? body.message.join('; ')
        : res.statusText || `HTTP ${res.status}`;
  return new ApiError(res.status, code, message, details, body);
}
