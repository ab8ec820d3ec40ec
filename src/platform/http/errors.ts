import type { MessageKey } from '../i18n/index.js';

/** The one error vocabulary: each code has one HTTP status and one message for people. */
export const errorCodes = {
  validation: { status: 400, message: 'error.validation' },
  bad_request: { status: 400, message: 'error.badRequest' },
  malformed_json: { status: 400, message: 'error.malformedJson' },
  unauthenticated: { status: 401, message: 'error.unauthenticated' },
  invalid_credentials: { status: 401, message: 'error.invalidCredentials' },
  two_factor_required: { status: 401, message: 'error.twoFactorRequired' },
  invalid_totp: { status: 401, message: 'error.invalidTotp' },
  locked: { status: 429, message: 'error.locked' },
  csrf: { status: 403, message: 'error.csrf' },
  forbidden: { status: 403, message: 'error.forbidden' },
  not_found: { status: 404, message: 'error.notFound' },
  unknown_tenant: { status: 404, message: 'error.unknownTenant' },
  conflict: { status: 409, message: 'error.conflict' },
  reset_link_invalid: { status: 410, message: 'error.resetLinkInvalid' },
  payload_too_large: { status: 413, message: 'error.payloadTooLarge' },
  unsupported_media_type: { status: 415, message: 'error.unsupportedMediaType' },
  rate_limited: { status: 429, message: 'error.rateLimited' },
  oidc_failed: { status: 502, message: 'error.oidcFailed' },
  internal: { status: 500, message: 'error.internal' },
} satisfies Record<string, { status: number; message: MessageKey }>;

export type ErrorCode = keyof typeof errorCodes;

export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    public readonly detail?: string,
    public readonly fields?: FieldError[],
    public readonly headers?: Record<string, string>,
  ) {
    super(detail ?? code);
  }
  get status(): number {
    return errorCodes[this.code].status;
  }
}
