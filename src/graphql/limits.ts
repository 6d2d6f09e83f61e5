import {
  GraphQLError,
  Kind,
  Lexer,
  NoSchemaIntrospectionCustomRule,
  parse,
  Source,
  TokenKind,
  type DocumentNode,
  type GraphQLSchema,
  type ParseOptions,
  type SelectionNode,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import type { Config } from '../config.js';
import { planUpstreamCost, type Variables } from './upstream-cost.js';

/*
 * Limits on what one request may ask, the same on the fast lane and in yoga. Depth, aliases,
 * directives and operation names are validation rules, so both paths run them once per distinct
 * document. Tokens are counted by graphql's parser, which stops at the limit instead of building a huge
 * tree first. Fields are counted right after parsing, before validation: graphql's rule that fields
 * with one response name can merge (OverlappingFieldsCanBeMergedRule) compares them pairwise, so a
 * 21 KB document of 1,249 `_service { sdl }` costs it 0.1 to 0.5 s of CPU, while 200 selections cost
 * a few milliseconds. A refusal there is a parse error, which the document cache keeps like any other. The
 * upstream cost depends on variables (`first: $count` is how Relay clients page), so it is planned once
 * per document (upstream-cost.ts) and the plan is evaluated with each request's variables: a Relay
 * query is judged by the page sizes it asks for, not by the worst case of 100 everywhere. Every refusal
 * has one code.
 */

/** `extensions.code` of every refusal by a limit. */
export const LIMIT_CODE = 'QUERY_TOO_COMPLEX';

/** The settings the limits read. */
export type Limits = Pick<Config, 'maxQueryDepth' | 'maxAliases' | 'maxDirectives' | 'maxTokens' | 'maxFields' | 'maxUpstreamCost' | 'maxMutations' | 'introspection'>;

/** Longest operation name, characters: a longer one is refused (BAD_USER_INPUT) before it can reach a log or a metric. */
export const MAX_OPERATION_NAME_LENGTH = 200;

const limitError = (message: string, http = false) =>
  // Marked like yoga's validation errors: 400 for graphql-response+json clients, 200 for plain JSON ones.
  new GraphQLError(message, { extensions: { code: LIMIT_CODE, ...(http && { http: { spec: true, status: 400 } }) } });

/**
 * The validation rules for depth, aliases, directives, mutation fields and operation names, plus
 * graphql's NoSchemaIntrospectionCustomRule when introspection is off. Run them after `specifiedRules`.
 */
export function createLimitRules(limits: Limits): ValidationRule[] {
  const rules = [
    maxDepthRule(limits.maxQueryDepth),
    maxCountRule('alias', limits.maxAliases),
    maxCountRule('directive', limits.maxDirectives),
    maxMutationsRule(limits.maxMutations),
    MaxOperationNameLengthRule,
  ];
  return limits.introspection ? rules : [...rules, NoSchemaIntrospectionCustomRule];
}

/*
 * Why these rules rather than graphql-armor's max-depth 2.4, max-aliases 2.6 and max-directives 2.3,
 * which were tried against this file's contract:
 * - Their error is always `Syntax Error: … limit of N exceeded, found M.` with no code. onReject gets only
 *   that error, so QUERY_TOO_COMPLEX and our messages need either parsing M out of their text or turning
 *   their limit off (n: Infinity) to read the count in onAccept.
 * - max-depth's ignoreIntrospection skips `__schema` only: `{ __type(name: "AvatarGroup") { ...FullType } }`
 *   with graphql's own introspection fragments is 14 deep to it, and refused.
 * - max-aliases and max-directives count a fragment again at each spread: one fragment of 10 aliases
 *   spread twice is "found 20", and 60 levels of fragments each spreading the next twice is
 *   "found 1152921504606847000" (more levels: "Infinity"). Ours count each fragment once, as written.
 *   (Their memo does keep it fast: no slowdown was measured.)
 * - max-aliases skips `__typename` aliases unless allowList is emptied; max-directives skips directives
 *   on variable definitions.
 * - The rule functions are anonymous, and yoga caches validation by rule names.
 */

/** Introspection nesting is left to graphql's MaxIntrospectionDepthRule (in specifiedRules), so GraphiQL's query passes. */
const INTROSPECTION_FIELDS: ReadonlySet<string> = new Set(['__schema', '__type']);

function maxDepthRule(max: number): ValidationRule {
  return function MaxQueryDepthRule(context) {
    // Depth per fragment, counted once however often it is spread: no blow-up on fragments of fragments.
    const fragmentDepths = new Map<string, number>();
    const depthOf = (set: SelectionSetNode | undefined): number => {
      let deepest = 0;
      for (const selection of set?.selections ?? []) {
        if (selection.kind === Kind.FIELD) {
          if (!INTROSPECTION_FIELDS.has(selection.name.value)) deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet));
        } else {
          deepest = Math.max(deepest, fragmentDepth(selection.name.value));
        }
      }
      return deepest;
    };
    const fragmentDepth = (name: string): number => {
      let depth = fragmentDepths.get(name);
      if (depth === undefined) {
        fragmentDepths.set(name, 0); // a cycle, which NoFragmentCyclesRule reports
        depth = depthOf(context.getFragment(name)?.selectionSet);
        fragmentDepths.set(name, depth);
      }
      return depth;
    };
    return {
      OperationDefinition: (operation) => {
        const depth = depthOf(operation.selectionSet);
        if (depth > max) context.reportError(limitError(`query is ${depth} fields deep; the limit is ${max} (nest fewer fields)`));
      },
    };
  };
}

/**
 * Mutation fields in each mutation operation, counted by response key (fields sharing one run once),
 * through fragments and whatever their @skip or @include: each may spend credits, so aliases must not
 * order fifteen videos in one request. `__typename` is free.
 */
function maxMutationsRule(max: number): ValidationRule {
  return function MaxMutationsRule(context) {
    return {
      OperationDefinition: (operation) => {
        if (operation.operation !== 'mutation') return;
        const keys = new Set<string>();
        const spread = new Set<string>();
        const collect = (set: SelectionSetNode | undefined): void => {
          for (const selection of set?.selections ?? []) {
            if (selection.kind === Kind.FIELD) {
              if (selection.name.value !== '__typename') keys.add(selection.alias?.value ?? selection.name.value);
            } else if (selection.kind === Kind.INLINE_FRAGMENT) {
              collect(selection.selectionSet);
            } else if (!spread.has(selection.name.value)) {
              spread.add(selection.name.value);
              collect(context.getFragment(selection.name.value)?.selectionSet);
            }
          }
        };
        collect(operation.selectionSet);
        if (keys.size > max) context.reportError(limitError(`mutation has ${keys.size} mutation fields; the limit is ${max} (send one mutation per request)`));
      },
    };
  };
}

/** Counts aliases or directives in the whole document, each as written. */
function maxCountRule(what: 'alias' | 'directive', max: number): ValidationRule {
  const plural = what === 'alias' ? 'aliases' : 'directives';
  const rule: ValidationRule = (context) => {
    let count = 0;
    return {
      Field: (field) => void (what === 'alias' && field.alias && count++),
      Directive: () => void (what === 'directive' && count++),
      Document: {
        leave: () => {
          if (count > max) context.reportError(limitError(`query has ${count} ${plural}; the limit is ${max}`));
        },
      },
    };
  };
  // yoga caches validation by rule names, so each rule needs its own.
  return Object.defineProperty(rule, 'name', { value: what === 'alias' ? 'MaxAliasesRule' : 'MaxDirectivesRule' });
}

/** Refuses an operation named longer than MAX_OPERATION_NAME_LENGTH, echoing only the start of the name. */
const MaxOperationNameLengthRule: ValidationRule = (context) => ({
  OperationDefinition: (operation) => {
    const name = operation.name?.value;
    if (name === undefined || name.length <= MAX_OPERATION_NAME_LENGTH) return;
    const message = `operation name must be at most ${MAX_OPERATION_NAME_LENGTH} characters, got ${name.length} ("${name.slice(0, 20)}…")`;
    context.reportError(new GraphQLError(message, { nodes: operation.name, extensions: { code: 'BAD_USER_INPUT' } }));
  },
});

/**
 * graphql's `parse` with the token limit, then the field limit; a document over either fails with a
 * QUERY_TOO_COMPLEX error (other syntax errors stay graphql's). Both counts stop at their limit, so a
 * huge document costs little, and validation never sees one over them.
 */
export function createLimitedParse(limits: Pick<Limits, 'maxTokens' | 'maxFields'>): (source: string | Source, options?: ParseOptions) => DocumentNode {
  const { maxTokens, maxFields } = limits;
  return (source, options) => {
    let document: DocumentNode;
    try {
      document = parse(source, Object.assign({}, options, { maxTokens }));
    } catch (error) {
      if (countTokens(source, maxTokens) > maxTokens) throw limitError(`query has more than ${maxTokens} tokens; the limit is ${maxTokens}`, true);
      throw error;
    }
    if (countSelections(document, maxFields) > maxFields) throw limitError(`query has more than ${maxFields} fields and fragments; the limit is ${maxFields}`, true);
    return document;
  };
}

/**
 * Field selections, fragment spreads and inline fragments in the whole document, each as written (a
 * fragment is counted once however often it is spread), up to `stopAfter` + 1. Iterative, for any nesting.
 */
function countSelections(document: DocumentNode, stopAfter: number): number {
  const pending: SelectionSetNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) pending.push(definition.selectionSet);
  }
  let count = 0;
  while (pending.length > 0 && count <= stopAfter) {
    const selections: readonly SelectionNode[] = (pending.pop() as SelectionSetNode).selections;
    count += selections.length;
    for (const selection of selections) if (selection.kind !== Kind.FRAGMENT_SPREAD && selection.selectionSet) pending.push(selection.selectionSet);
  }
  return count;
}

/** Tokens as graphql's parser counts them (comments and the end excluded), up to `stopAfter` + 1. */
function countTokens(source: string | Source, stopAfter: number): number {
  const lexer = new Lexer(typeof source === 'string' ? new Source(source) : source);
  let count = 0;
  try {
    while (count <= stopAfter && lexer.advance().kind !== TokenKind.EOF) count++;
  } catch {
    // A lexing error ends the count; the parser reports it.
  }
  return count;
}

/** Per request: the refusal of these variables, or null when the request may run. */
export type RequestCheck = (variables: Variables) => GraphQLError | null;

/**
 * Builds, once per document and operation, the check of each request's variables: every string must be
 * well-formed Unicode (BAD_USER_INPUT; a lone surrogate cannot be percent-encoded into a HeyGen URL,
 * and only variables can hold one, since graphql's lexer refuses them in literals), and the upstream
 * cost must be within `maxUpstreamCost` (QUERY_TOO_COMPLEX).
 */
export function createRequestCheck(schema: GraphQLSchema, maxUpstreamCost: number) {
  return (document: DocumentNode, operationName?: string | null): RequestCheck => {
    const estimate = planUpstreamCost(schema, document, operationName);
    return (variables) => {
      const malformed = malformedVariable(variables);
      if (malformed !== undefined) {
        const extensions = { code: 'BAD_USER_INPUT', http: { spec: true, status: 400 } };
        return new GraphQLError(`$${malformed} must be well-formed Unicode, but it holds a lone surrogate`, { extensions });
      }
      const calls = estimate(variables);
      return calls > maxUpstreamCost
        ? limitError(`query could cost up to ${calls} upstream calls; the limit is ${maxUpstreamCost} (lower first, or nest fewer lists)`, true)
        : null;
    };
  };
}

const LONE_SURROGATE = /\p{Cs}/u;

/** The name of the first variable with a string (or key) that is not well-formed; iterative, for any nesting. */
function malformedVariable(variables: Variables): string | undefined {
  for (const [name, value] of Object.entries(variables ?? {})) {
    const pending: unknown[] = [name, value];
    while (pending.length > 0) {
      const item = pending.pop();
      if (typeof item === 'string') {
        if (LONE_SURROGATE.test(item)) return name.replace(/\p{Cs}/gu, '\uFFFD');
      } else if (Array.isArray(item)) {
        for (const element of item) pending.push(element);
      } else if (typeof item === 'object' && item !== null) {
        for (const [key, element] of Object.entries(item)) pending.push(key, element);
      }
    }
  }
  return undefined;
}
