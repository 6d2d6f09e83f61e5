import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { DEFAULT_FIRST, MAX_FIRST } from '../pagination/connection.js';
import { RESOURCES } from './__generated__/resources.js';
import { account } from './account.js';
import type { AnyResource } from './resources/resource.js';

/** Variables as a request sent them (not yet coerced). */
export type Variables = Readonly<Record<string, unknown>> | null | undefined;

/** What one field may cost upstream, for one parent item. */
export type FieldCost =
  /** ceil(first / pageSize) calls (at least one) for `first` items. */
  | { readonly kind: 'connection'; readonly pageSize: number }
  /** One call for one item. */
  | { readonly kind: 'lookup' }
  /** One call per id in the list `argument`. */
  | { readonly kind: 'ids'; readonly argument: string };

const isConnectionType = (type: GraphQLNamedType): type is GraphQLObjectType => isObjectType(type) && 'edges' in type.getFields() && 'pageInfo' in type.getFields();
const isEdgeType = (type: GraphQLNamedType) => isObjectType(type) && 'node' in type.getFields() && 'cursor' in type.getFields();
const isNodeType = (type: GraphQLObjectType) => type.getInterfaces().some((item) => item.name === 'Node');

/**
 * The cost of every field that may call HeyGen, by `Type.field`, read from the schema: a mutation field
 * is one call (its write); a field that returns a Node type (or an interface or union of them), or one
 * of `lookupTypes` (fetched by one call though no Node, as the account), is a lookup, or one per id when it returns a list (its one list
 * argument holds the ids); a field that returns a connection pages at its node type's `pageSizeOf`.
 * Fields of connections and edges cost nothing: their items came with the page. Throws, naming the
 * field, when its cost cannot be told, so no field is ever counted as free by omission.
 */
export function createCostTable(
  schema: GraphQLSchema,
  pageSizeOf: (typeName: string) => number | undefined,
  lookupTypes: ReadonlySet<string> = new Set(),
): ReadonlyMap<string, FieldCost> {
  const costs = new Map<string, FieldCost>();
  const isLookedUp = (type: GraphQLNamedType) =>
    lookupTypes.has(type.name) || (isObjectType(type) && isNodeType(type)) || (isAbstractType(type) && schema.getPossibleTypes(type).some(isNodeType));
  const mutation = schema.getMutationType();
  const costOf = (key: string, field: GraphQLField<unknown, unknown>, parent: GraphQLNamedType): FieldCost | undefined => {
    // Each mutation field makes one write; what its payload links to is counted below it.
    if (parent === mutation) return { kind: 'lookup' };
    const type = getNamedType(field.type);
    if (isConnectionType(type)) {
      const edge = getNamedType(type.getFields().edges!.type);
      const node = isObjectType(edge) ? getNamedType(edge.getFields().node?.type) : undefined;
      const pageSize = node && pageSizeOf(node.name);
      if (pageSize === undefined) throw new Error(`${key} is a connection of ${node?.name ?? 'no node type'}, which no resource pages, so its upstream cost is unknown`);
      return { kind: 'connection', pageSize };
    }
    if (!isLookedUp(type)) return undefined;
    if (!isListType(getNullableType(field.type))) return { kind: 'lookup' };
    const lists = field.args.filter((argument) => isListType(getNullableType(argument.type)));
    if (lists.length !== 1) throw new Error(`${key} returns a list of ${type.name}, but has ${lists.length} list arguments instead of one that holds the ids, so its upstream cost is unknown`);
    return { kind: 'ids', argument: lists[0]!.name };
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(isObjectType(type) || isInterfaceType(type)) || type.name.startsWith('__') || isConnectionType(type) || isEdgeType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const key = `${type.name}.${field.name}`;
      const cost = costOf(key, field, type);
      if (cost !== undefined) costs.set(key, cost);
    }
  }
  return costs;
}

const costTables = new WeakMap<GraphQLSchema, ReadonlyMap<string, FieldCost>>();
const resources: Readonly<Record<string, AnyResource | undefined>> = RESOURCES;

/** The cost table of `schema` with the resources' page sizes, made once per schema (createSchema makes it at start-up). */
export function costTableOf(schema: GraphQLSchema): ReadonlyMap<string, FieldCost> {
  let table = costTables.get(schema);
  if (table === undefined) costTables.set(schema, (table = createCostTable(schema, (type) => resources[type]?.list.maxLimit, new Set([account.typeName]))));
  return table;
}

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
  const costs = costTableOf(schema);

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
    const cost = costs.get(key);
    const argument = (name: string) => field.arguments?.find((item) => item.name.value === name)?.value;
    switch (cost?.kind) {
      case undefined:
        return undefined;
      case 'connection':
        return (variables) => {
          // Out-of-range values fail in the resolver before any call; clamping keeps its message.
          const first = Math.min(Math.max(integer(valueOf(argument('first'), variables)) ?? DEFAULT_FIRST, 0), MAX_FIRST);
          return [Math.max(1, Math.ceil(first / cost.pageSize)), first];
        };
      case 'lookup':
        return () => [1, 1];
      case 'ids':
        return (variables) => {
          const length = listLength(valueOf(argument(cost.argument), variables));
          return [length, length];
        };
    }
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
