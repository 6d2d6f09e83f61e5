import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { boundMessage } from '../graphql/errors.js';
import { createLimitedParse, createLimitRules, createRequestCheck, type Limits, type RequestCheck } from '../graphql/limits.js';

/**
 * The request limits on yoga's path: the token and field limits while parsing, the depth, alias,
 * directive, operation name and introspection rules while validating (cached per document), and the
 * check of each request's variables (well-formed strings, upstream cost) before executing. Validation
 * errors, which yoga answers unmasked, get bounded messages: they quote names and literals as sent. Put it
 * after the plugins whose `onExecuteDone` must still run for a refused request (the upstream-cost
 * report, the request log).
 */
export function useLimits(schema: GraphQLSchema, limits: Limits): Plugin {
  const parse = createLimitedParse(limits);
  const rules = createLimitRules(limits);
  const requestCheck = createRequestCheck(schema, limits.maxUpstreamCost);
  const checks = new WeakMap<DocumentNode, Map<string | undefined, RequestCheck>>();
  const checkFor = (document: DocumentNode, operationName: string | undefined): RequestCheck => {
    let byName = checks.get(document);
    if (!byName) checks.set(document, (byName = new Map()));
    let check = byName.get(operationName);
    if (!check) byName.set(operationName, (check = requestCheck(document, operationName)));
    return check;
  };
  return {
    onParse: ({ setParseFn }) => setParseFn(parse),
    onValidate: ({ addValidationRule, validateFn, setValidationFn }) => {
      rules.forEach((rule) => addValidationRule(rule));
      setValidationFn((...args) => validateFn(...args).map(withBoundMessage));
    },
    onExecute: ({ args, setResultAndStopExecution }) => {
      const error = checkFor(args.document, args.operationName ?? undefined)(args.variableValues as Record<string, unknown> | undefined);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}

/** `error`, or a copy whose message quotes less of what the client sent. */
function withBoundMessage(error: GraphQLError): GraphQLError {
  const message = boundMessage(error.message);
  if (message === error.message) return error;
  return new GraphQLError(message, { nodes: error.nodes, source: error.source, positions: error.positions, originalError: error.originalError, extensions: error.extensions });
}
