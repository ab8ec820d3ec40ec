// The context a signals use case runs in, built from the request, and the schema errors of a route in the
// reporter's language. An anonymous report's context carries no user, IP address or request id: the audit entry
// it writes can then not be tied to an account, a connection, a log line or a person.
import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { actorOf, requireTenant } from '../../platform/http/context.js';
import { explainSchemaErrors as explainSchema } from '../../platform/http/error-handler.js';
import type { AppError } from '../../platform/http/errors.js';
import { fieldCipher } from '../../platform/privacy/crypto.js';
import { caseworkSealer } from '../casework/index.js';
import { signalTexts, type SignalMessage, type Texts } from './messages.js';
import type { SignalContext } from './service.js';

export type ContextOf = (req: FastifyRequest, opts?: { anonymous?: boolean }) => SignalContext;

/** The keys of signals: the field cipher, the keyed address hash, and casework's sealer for triage. */
export function signalKeys(
  config: Pick<Config, 'secretKey' | 'publicUrl'>,
): Pick<SignalContext, 'cipher' | 'subjectKey' | 'casework'> {
  const key = crypto.createHash('sha256').update(`wijkkracht-signal-subject-v1:${config.secretKey}`).digest();
  return {
    cipher: fieldCipher(config.secretKey),
    subjectKey: (address) => crypto.createHmac('sha256', key).update(address).digest('base64url'),
    casework: { sealer: caseworkSealer(config.secretKey), publicUrl: config.publicUrl },
  };
}

export function signalContexts(config: Pick<Config, 'secretKey' | 'publicUrl'>): ContextOf {
  const keys = signalKeys(config);
  return (req, opts = {}) => {
    const actor = actorOf(req);
    return {
      // Not even a logged-in reporter's account: anonymous means no one can trace the report back.
      actor: opts.anonymous ? { ...actor, userId: null, roles: [], ip: null, requestId: null } : actor,
      tenant: requireTenant(req),
      locale: req.ctx.locale,
      texts: signalTexts(req.ctx.locale),
      now: new Date(),
      ...keys,
    };
  };
}

/** The context of a signals use case that does not start from a request, e.g. another module's demo. */
export function signalContext(
  config: Pick<Config, 'secretKey' | 'publicUrl'>,
  by: Pick<SignalContext, 'actor' | 'tenant' | 'locale' | 'now'>,
): SignalContext {
  return { ...by, texts: signalTexts(by.locale), ...signalKeys(config) };
}

function schemaMessage(texts: Texts, field: string, keyword: string): string {
  const say = (key: SignalMessage) => texts(key);
  if (keyword === 'additionalProperties') return say('field.unknown');
  const last = field.split('.').pop() ?? field;
  switch (last) {
    case 'description':
      return say(keyword === 'maxLength' ? 'field.descriptionTooLong' : 'field.description');
    case 'category':
      return say('field.category');
    case 'about':
      return say('field.about');
    case 'urgency':
      return say('field.urgency');
    case 'postcode':
      return say('field.postcode');
    case 'house_number':
      return say('field.houseNumber');
    case 'decision':
      return say('field.decision');
    case 'email':
      return say('field.email');
    case 'assign_to':
    case 'household_id':
      return say('field.uuid');
  }
  if (keyword === 'maxLength') return say('field.tooLong');
  return say(keyword === 'required' ? 'field.required' : 'field.invalid');
}

/** The route's schema errors (attachValidation) as one validation problem with a message per field. */
export const explainSchemaErrors = (req: FastifyRequest, texts: Texts): AppError | undefined =>
  explainSchema(req, (field, keyword) => schemaMessage(texts, field, keyword));
