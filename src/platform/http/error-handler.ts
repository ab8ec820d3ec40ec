import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { translator, type MessageKey } from '../i18n/index.js';
import { ErrorPage } from '../pages/error-page.js';
import { renderPage } from '../pages/layout.js';
import { isApiRequest } from './context.js';
import { AppError, errorCodes, type FieldError } from './errors.js';

/** Turns whatever was thrown into the one error vocabulary; unknown errors become "internal" and are logged. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as FastifyError & { validation?: SchemaError[] };
  if (e.validation) return schemaProblem(e, (_field, keyword, params) => validationMessage(keyword, params));
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('malformed_json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('bad_request');
  }
  if (e instanceof SyntaxError && (e as { statusCode?: number }).statusCode === 400)
    return new AppError('malformed_json');
  if (e.statusCode === 429) return new AppError('rate_limited');
  if (e.statusCode === 413) return new AppError('payload_too_large');
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500)
    return new AppError('bad_request', e.message);
  return new AppError('internal');
}

/** One failed check of a route schema, as ajv reports it. */
export interface SchemaError {
  keyword?: string;
  instancePath?: string;
  params?: Record<string, unknown>;
}

/** Says what is wrong with a field: `field` is a dotted path ("members.0.birth_date"). */
export type ExplainField = (field: string, keyword: string, params: Record<string, unknown>) => string;

function schemaProblem(
  err: Error & { validation?: SchemaError[]; validationContext?: string },
  explain: ExplainField,
): AppError {
  const fields: FieldError[] = [];
  for (const v of err.validation ?? []) {
    // A missing or an unknown property is named by the error's params, not by its path.
    const params = v.params ?? {};
    const named = (params.missingProperty ?? params.additionalProperty) as string | undefined;
    const path = (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    const field = named ? (path ? `${path}.${named}` : named) : path || (err.validationContext ?? 'body');
    const keyword = params.additionalProperty ? 'additionalProperties' : (v.keyword ?? '');
    // One message per field: a union (e.g. text or null) fails once per branch; the first is the most specific.
    if (!fields.some((f) => f.field === field))
      fields.push({ field, message: explain(field, keyword, params) });
  }
  return new AppError('validation', err.message, fields);
}

/**
 * For routes with `attachValidation`: the request's schema errors as one validation problem, each field with
 * the module's own words for it (in the reader's language), or undefined when the request passed its schema.
 */
export function explainSchemaErrors(req: FastifyRequest, explain: ExplainField): AppError | undefined {
  const err = req.validationError as (Error & { validation?: SchemaError[] }) | undefined;
  return err ? schemaProblem(err, explain) : undefined;
}

function validationMessage(keyword: string, params: Record<string, unknown>): MessageKey {
  switch (keyword) {
    case 'required':
      return 'field.required';
    case 'format':
      return params.format === 'email' ? 'field.email' : 'field.invalid';
    case 'maxLength':
      return 'field.tooLong';
    case 'minLength':
      return 'field.required';
    default:
      return 'field.invalid';
  }
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (err, req, reply) => {
    const appErr = toAppError(err);
    if (appErr.code === 'internal') {
      req.log.error({ err, reference: req.id }, 'unhandled error');
    } else if (appErr.status >= 500) {
      req.log.warn({ code: appErr.code, reference: req.id }, appErr.detail ?? appErr.code);
    }
    return sendError(req, reply, appErr);
  });
  app.setNotFoundHandler(async (req, reply) => sendError(req, reply, new AppError('not_found')));
}

export function sendError(req: FastifyRequest, reply: FastifyReply, err: AppError): FastifyReply {
  const t = req.ctx?.t ?? translator('nl');
  const spec = errorCodes[err.code];
  const title = err.code === 'locked' ? t('error.locked', { minutes: err.detail ?? '15' }) : t(spec.message);
  if (err.headers) reply.headers(err.headers);
  const wantsHtml = !isApiRequest(req) && (req.headers.accept ?? '').includes('text/html');
  if (!wantsHtml) {
    // RFC 9457 problem details; 5xx details stay in the log, the reference finds them.
    return reply
      .status(spec.status)
      .type('application/problem+json; charset=utf-8')
      .send({
        type: `urn:wijkkracht:problem:${err.code}`,
        title,
        status: spec.status,
        detail: spec.status >= 500 || err.code === 'locked' ? undefined : err.detail,
        instance: req.url.split('?')[0],
        code: err.code,
        reference: req.id,
        errors: err.fields?.map((f) => ({ field: f.field, message: t(f.message as MessageKey) })),
      });
  }
  if (err.code === 'unauthenticated' && req.method === 'GET') {
    return reply.redirect(`/inloggen?next=${encodeURIComponent(req.url)}`, 303);
  }
  if (!req.ctx)
    return reply.status(spec.status).type('text/plain; charset=utf-8').send(`${title} (${req.id})`);
  return reply
    .status(spec.status)
    .type('text/html; charset=utf-8')
    .send(renderPage(h(ErrorPage, { ctx: req.ctx, title, reference: req.id, status: spec.status })));
}
