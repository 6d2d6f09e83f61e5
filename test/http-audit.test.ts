import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serverAudits, type Audit } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_KEYS, startStack, type Stack } from './helpers.js';

/*
 * GraphQL over HTTP conformance: graphql-http's server audit (the suite the spec's authors maintain),
 * run against both front-ends. The combined handler is what we serve: the fast lane answers plain JSON
 * POSTs and hands the rest to yoga, so it must not answer anything differently from yoga alone, which
 * is audited too as the reference. Each front-end is audited with an x-api-key and without one: the
 * audit only asks `{ __typename }`-like questions, which need no HeyGen call, so a missing key must not
 * change an answer.
 *
 * Every MUST and SHOULD audit passes. MAY audits pass too, except where the gateway refuses on purpose:
 * - Without a credential header, every GET is refused with 403 by the CSRF prevention plugin (a cross-site
 *   <img> or <script> can send a GET but not a header), so these MAY audits fail on both keyless targets:
 *   "MAY accept application/x-www-form-urlencoded formatted GET requests",
 *   "MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/graphql-response+json",
 *   "MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/json".
 *   (With a key they pass. "MAY NOT allow executing mutations on GET requests" passes either way: the
 *   schema has no mutations, and a keyless GET gets 403 before that matters.)
 * The table below pins exactly these, so a fix or a new refusal shows up as a failing test to look at.
 */

/** MAY audits the gateway refuses on purpose, by audit id, on targets without a credential. */
const REFUSED_WITHOUT_CREDENTIAL: Readonly<Record<string, string>> = {
  '5A70': 'GET without a credential header is refused (CSRF prevention)',
  D6D5: 'GET without a credential header is refused (CSRF prevention)',
  '6A70': 'GET without a credential header is refused (CSRF prevention)',
};

interface Target {
  name: string;
  /** The base URL to audit (its /graphql), known once the stack is up. */
  url: () => string;
  withKey: boolean;
}

/**
 * fetch with the demo key added (when `withKey`), and each answer's body read to the end before the
 * audit sees it, so no audit leaves a socket waiting on an unread body.
 */
const auditFetch =
  (withKey: boolean): typeof fetch =>
  async (input, init = {}) => {
    const headers = new Headers(init.headers);
    if (withKey) headers.set('x-api-key', SIMULATOR_KEYS.demo);
    const response = await fetch(input, { ...init, headers });
    const body = await response.arrayBuffer();
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };

/** An audit's result as one comparable line: `ok`, or the status with the audit's reason. */
const outcomeOf = async (audit: Audit) => {
  const result = await audit.fn();
  return result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`;
};

let stack: Stack;
let yogaAlone: Server;
let yogaUrl: string;

beforeAll(async () => {
  stack = await startStack();
  yogaAlone = createServer(stack.gateway.gateway.yoga);
  await new Promise<void>((resolve, reject) => {
    yogaAlone.once('error', reject);
    yogaAlone.listen(0, '127.0.0.1', () => resolve());
  });
  yogaUrl = `http://127.0.0.1:${(yogaAlone.address() as AddressInfo).port}`;
});

afterAll(async () => {
  if (yogaAlone) {
    const closed = new Promise<void>((resolve) => yogaAlone.close(() => resolve()));
    yogaAlone.closeAllConnections();
    await closed;
  }
  await stack?.close();
});

const TARGETS: Target[] = [
  { name: 'fast lane and yoga (the served handler), with a key', url: () => stack.gateway.url, withKey: true },
  { name: 'fast lane and yoga (the served handler), without a key', url: () => stack.gateway.url, withKey: false },
  { name: 'yoga alone, with a key', url: () => yogaUrl, withKey: true },
  { name: 'yoga alone, without a key', url: () => yogaUrl, withKey: false },
];

/** `[name, item]` rows, so test names show in full (`$name` would cut them at 40 characters). */
const named = <T extends { name: string }>(items: T[]) => items.map((item) => [item.name, item] as const);

describe.each(named(TARGETS))('GraphQL over HTTP audit: %s', (_, target) => {
  const audits = serverAudits({ url: () => `${target.url()}/graphql`, fetchFn: auditFetch(target.withKey) });
  const required = audits.filter((audit) => !audit.name.startsWith('MAY'));
  const optional = audits.filter((audit) => audit.name.startsWith('MAY'));

  it.each(named(required))('%s', async (_, audit) => {
    expect(await outcomeOf(audit)).toBe('ok');
  });

  it.each(named(optional))('%s', async (_, audit) => {
    const refused = target.withKey ? undefined : REFUSED_WITHOUT_CREDENTIAL[audit.id];
    const outcome = await outcomeOf(audit);
    if (refused === undefined) expect(outcome).toBe('ok');
    else expect(outcome, refused).toBe('notice: Response status code is not 200');
  });
});
