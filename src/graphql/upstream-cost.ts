import {
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { MAX_LIMIT } from '../heygen/types.js';
import { DEFAULT_FIRST, MAX_FIRST } from '../pagination/connection.js';

/** Variables as a request sent them (not yet coerced). */
export type Variables = Readonly<Record<string, unknown>> | null | undefined;

/** Connections: HeyGen's largest page for each, so `first` above it takes several calls. */
const PAGE_SIZES: Readonly<Record<string, number>> = {
  'Query.avatarGroups': MAX_LIMIT.avatarGroups,
  'Query.avatarLooks': MAX_LIMIT.avatarLooks,
  'Query.voices': MAX_LIMIT.voices,
  'AvatarGroup.looks': MAX_LIMIT.avatarLooks,
};

/** Fields that may cost one call each time they resolve. */
const LOOKUPS: ReadonlySet<string> = new Set([
  'Query.node',
  'Query.avatarGroup',
  'Query.avatarLook',
  'Query.voice',
  'AvatarGroup.defaultVoice',
  'AvatarLook.group',
  'AvatarLook.defaultVoice',
]);

/** Fields that may cost one call per id in a list argument. */
const ID_LISTS: Readonly<Record<string, string>> = { 'Query.nodes': 'ids', 'Query._entities': 'representations' };

/** Upstream calls of one selection set, for one parent item; `memo` holds fragments already counted. */
type Term = (variables: Readonly<Record<string, unknown>>, memo: Map<string, number>) => number;

/**
 * The most HeyGen calls an operation could make, as a function of its variables. A connection costs
 * ceil(first / page size) calls (at least one), a lookup one call, `nodes`/`_entities` one per id, and
 * each multiplies what is nested under it by the items it returns. Deduplication by the loaders is not
 * counted, nor are fields repeated under one response key merged, so this is an upper bound. Cost is
 * linear in the parent's item count, so each fragment is planned once.
 */
export function planUpstreamCost(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): (variables: Variables) => number {
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((item) => item.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return () => 0; // execution reports the missing operation
  const fragments = new Map(document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [])));
  const variableDefaults = new Map(operation.variableDefinitions?.map((definition) => [definition.variable.name.value, definition.defaultValue]));
  const fragmentTerms = new Map<string, Term>();

  const valueOf = (node: ValueNode | undefined, variables: Readonly<Record<string, unknown>>): unknown => {
    if (node?.kind !== Kind.VARIABLE) return node;
    const name = node.name.value;
    return Object.hasOwn(variables, name) ? variables[name] : variableDefaults.get(name);
  };
  const integer = (value: unknown): number | undefined => {
    const number = typeof value === 'number' ? value : (value as ValueNode | undefined)?.kind === Kind.INT ? Number((value as { value: string }).value) : NaN;
    return Number.isInteger(number) ? number : undefined;
  };
  const listLength = (value: unknown): number =>
    Array.isArray(value) ? value.length : (value as ValueNode | undefined)?.kind === Kind.LIST ? (value as { values: unknown[] }).values.length : value == null ? 0 : 1;

  /** Calls a field makes and the items it returns, per parent item; undefined for a field that calls nothing. */
  const fanout = (key: string, field: FieldNode): ((variables: Readonly<Record<string, unknown>>) => [number, number]) | undefined => {
    const argument = (name: string) => field.arguments?.find((item) => item.name.value === name)?.value;
    const pageSize = PAGE_SIZES[key];
    if (pageSize !== undefined) {
      return (variables) => {
        // Out-of-range values fail in the resolver before any call; clamping keeps its message.
        const first = Math.min(Math.max(integer(valueOf(argument('first'), variables)) ?? DEFAULT_FIRST, 0), MAX_FIRST);
        return [Math.max(1, Math.ceil(first / pageSize)), first];
      };
    }
    if (LOOKUPS.has(key)) return () => [1, 1];
    const list = ID_LISTS[key];
    if (list !== undefined) {
      return (variables) => {
        const length = listLength(valueOf(argument(list), variables));
        return [length, length];
      };
    }
    return undefined;
  };

  /** `spread` holds the fragments already in this selection set: execution runs a repeated spread once. */
  const planSelections = (type: GraphQLCompositeType, set: SelectionSetNode, spread = new Set<string>()): Term => {
    const terms: Term[] = [];
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const term = planField(type, selection);
        if (term) terms.push(term);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (isCompositeType(condition)) terms.push(planSelections(condition, selection.selectionSet, spread));
      } else if (!spread.has(selection.name.value)) {
        spread.add(selection.name.value);
        terms.push(planFragment(selection.name.value));
      }
    }
    return (variables, memo) => terms.reduce((sum, term) => sum + term(variables, memo), 0);
  };

  const planField = (type: GraphQLCompositeType, node: FieldNode): Term | undefined => {
    const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[node.name.value] : undefined;
    if (!field) return undefined;
    const named = getNamedType(field.type);
    const children = node.selectionSet && isCompositeType(named) ? planSelections(named, node.selectionSet) : undefined;
    const calls = fanout(`${type.name}.${field.name}`, node);
    if (!calls) return children;
    return (variables, memo) => {
      const [own, items] = calls(variables);
      return own + (items > 0 && children ? items * children(variables, memo) : 0);
    };
  };

  const planFragment = (name: string): Term => {
    let term = fragmentTerms.get(name);
    if (!term) {
      fragmentTerms.set(name, () => 0); // a cycle, which validation has refused
      const fragment = fragments.get(name);
      const condition = fragment && schema.getType(fragment.typeCondition.name.value);
      const body = fragment && isCompositeType(condition) ? planSelections(condition, fragment.selectionSet) : () => 0;
      term = (variables, memo) => {
        let cost = memo.get(name);
        if (cost === undefined) memo.set(name, (cost = body(variables, memo)));
        return cost;
      };
      fragmentTerms.set(name, term);
    }
    return term;
  };

  const plan = planSelections(root, operation.selectionSet);
  return (variables) => plan(variables ?? {}, new Map());
}
