// Assertions shared by the API and security tests: what a client of the API may rely on.
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { ErrorCode } from '../../src/platform/http/errors.js';
import { nl, type MessageKey } from '../../src/platform/i18n/nl.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: ErrorCode;
  reference: string;
  errors?: { field: string; message: string }[];
}

/**
 * An RFC 9457 problem with the given status and code, its title in Dutch (the default language) and a
 * reference that finds the request in the log.
 */
export function assertProblem(
  res: LightMyRequestResponse,
  status: number,
  code?: ErrorCode,
  title?: MessageKey,
): ProblemBody {
  assert.equal(res.statusCode, status, `expected ${status}, got ${res.statusCode}: ${res.body}`);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  const body = res.json<ProblemBody>();
  assert.equal(body.status, status);
  if (code) {
    assert.equal(body.code, code);
    assert.equal(body.type, `urn:wijkkracht:problem:${code}`);
  }
  if (title) assert.equal(body.title, nl[title]);
  assert.ok(body.title.length > 0, 'a problem has a title for people');
  assert.match(body.reference, UUID);
  return body;
}

/** A problem without its per-request parts, to compare two answers for sameness. */
export function problemShape(
  res: LightMyRequestResponse,
): Omit<ProblemBody, 'reference'> & { httpStatus: number } {
  const { reference: _reference, ...rest } = res.json<ProblemBody>();
  return { ...rest, httpStatus: res.statusCode };
}

/** Message of a database error, also when the driver wraps it (drizzle puts the server's error in cause). */
export function errorText(err: unknown): string {
  const parts: string[] = [];
  for (let e = err as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.message) parts.push(e.message);
  }
  return parts.join(' | ');
}

/** A form post as a browser sends it. */
export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export { nl };
