import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { createLimitedParse, createLimitRules, createRequestCheck, type Limits, type RequestCheck } from '../graphql/limits.js';

/**
 * The request limits on yoga's path: the token limit while parsing, the depth, alias, directive and
 * introspection rules while validating (cached by yoga per document), and the check of each request's
 * variables (well-formed strings, upstream cost) before executing. Put it after the plugins whose `onExecuteDone` must still
 * run for a refused request (the upstream-cost report, the request log).
 */
export function useLimits(schema: GraphQLSchema, limits: Limits): Plugin {
  const parse = createLimitedParse(limits.maxTokens);
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
    onValidate: ({ addValidationRule }) => rules.forEach((rule) => addValidationRule(rule)),
    onExecute: ({ args, setResultAndStopExecution }) => {
      const error = checkFor(args.document, args.operationName ?? undefined)(args.variableValues as Record<string, unknown> | undefined);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
