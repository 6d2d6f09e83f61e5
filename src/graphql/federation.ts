import { GraphQLScalarType, Kind, parse, print, valueFromASTUntyped, visit, type DocumentNode, type GraphQLResolveInfo } from 'graphql';
import type { Context } from './context.js';
import { InputError } from './errors.js';
import { assertResourceId } from './global-id.js';
import { decodeNodeId } from './nodes.js';
import { Node } from './resolvers/Node.js';

/*
 * Apollo Federation v2 subgraph support, written to the subgraph spec, which is small: @apollo/subgraph
 * would bring Elastic-licensed code (and, from 2.15, Node 22) into this package. schema.graphql
 * carries the federation part of the contract (`@link`, `@key`, `@shareable`); this module adds what a
 * subgraph serves beside it: the directive definitions (so the schema also builds standalone),
 * `_Any`, `_Entity`, `_Service`, `Query._service` and `Query._entities`. Entities are the object types
 * with `@key`s of one field each; each resolves through its `__resolveReference`, which hands off to the
 * request's loaders, so one `_entities` call is batched and deduplicated like any other query.
 *
 * Every entity has two keys: HeyGen's id (`groupId`), which other subgraphs store, and the global `id`,
 * so that a subgraph owning the supergraph's `node` can hand a HeyGen object over by its global id.
 */

/**
 * How the subgraph SDL presents `Query.node` and `Query.nodes` to a supergraph. `shareable` keeps them
 * (marked `@shareable`, as in schema.graphql); `omit` leaves them out for a supergraph where another
 * subgraph owns `node`. The fields are served either way. See README "Federation".
 */
export type NodeFieldMode = 'shareable' | 'omit';

export const NODE_FIELD_MODES: readonly NodeFieldMode[] = ['shareable', 'omit'];

const NODE_FIELDS: ReadonlySet<string> = new Set(['node', 'nodes']);

/** The SDL a schema registry or `_service { sdl }` gets: schema.graphql, less `node`/`nodes` in `omit` mode. */
export function toSubgraphSdl(typeDefs: string, nodeField: NodeFieldMode): string {
  if (nodeField === 'shareable') return typeDefs;
  const document = visit(parse(typeDefs), {
    ObjectTypeDefinition: (type) =>
      type.name.value === 'Query' ? Object.assign({}, type, { fields: type.fields?.filter((field) => !NODE_FIELDS.has(field.name.value)) }) : undefined,
  });
  return `${print(document)}\n`;
}

/** Entity type name → its key fields, one per `@key(fields: "…")` directive. Compound keys are refused. */
export function readEntityKeys(document: DocumentNode): ReadonlyMap<string, readonly string[]> {
  const keys = new Map<string, string[]>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    for (const key of definition.directives?.filter((directive) => directive.name.value === 'key') ?? []) {
      const fields = key.arguments?.find((argument) => argument.name.value === 'fields')?.value;
      if (fields?.kind !== Kind.STRING || !/^[_A-Za-z]\w*$/.test(fields.value)) {
        throw new Error(`@key on ${definition.name.value} must name one field, got ${fields ? print(fields) : 'nothing'}`);
      }
      keys.set(definition.name.value, [...(keys.get(definition.name.value) ?? []), fields.value]);
    }
  }
  return keys;
}

/**
 * The HeyGen id a representation names: its HeyGen key (`field`, e.g. `groupId`) or else its global
 * `id`, which must be one of a `type`. Throws an InputError naming what is wrong.
 */
export function toReferenceId(reference: object, type: string, field: string): string {
  const own = (reference as Record<string, unknown>)[field];
  if (typeof own === 'string') return assertResourceId(own, field);
  const global = decodeNodeId(String((reference as Record<string, unknown>).id), 'id');
  if (global.type !== type) throw new InputError(`id must be a global id of type ${type}, got one of type ${global.type}`);
  return global.id;
}

type ReferenceResolver = (reference: Record<string, unknown>, context: Context, info: GraphQLResolveInfo) => unknown;

export interface Subgraph {
  /** Federation definitions to build beside schema.graphql. */
  typeDefs: string;
  /** `_Any`, `_Entity`, `Query._service` and `Query._entities`. */
  resolvers: {
    Query: {
      _service: () => { sdl: string };
      _entities: (parent: unknown, args: { representations: unknown[] }, context: Context, info: GraphQLResolveInfo) => Promise<unknown>[];
    };
    _Any: GraphQLScalarType;
    _Entity: Pick<typeof Node, '__resolveType'>;
  };
}

/**
 * The federation half of the executable schema for `typeDefs`. Throws at start-up when an entity has
 * no `__resolveReference` in `resolvers`.
 */
export function createSubgraph(typeDefs: string, resolvers: object, nodeField: NodeFieldMode): Subgraph {
  const keys = readEntityKeys(parse(typeDefs));
  const references = new Map<string, ReferenceResolver>();
  for (const type of keys.keys()) {
    const resolve = (resolvers as Record<string, { __resolveReference?: ReferenceResolver } | undefined>)[type]?.__resolveReference;
    if (!resolve) throw new Error(`${type} has a @key but no __resolveReference resolver`);
    references.set(type, resolve);
  }
  const service = { sdl: toSubgraphSdl(typeDefs, nodeField) };

  const resolveEntity = async (representation: unknown, index: number, context: Context, info: GraphQLResolveInfo) => {
    const at = `representations[${index}]`;
    const typename = isRecord(representation) ? representation.__typename : undefined;
    const resolve = typeof typename === 'string' ? references.get(typename) : undefined;
    if (!isRecord(representation) || !resolve) {
      throw new InputError(`${at}.__typename must be one of ${[...keys.keys()].join(', ')}, got ${describe(typename)}`);
    }
    const fields = keys.get(typename as string) ?? [];
    if (!fields.some((field) => typeof representation[field] === 'string')) {
      throw new InputError(`${at} must have a string ${fields.join(' or ')}, got ${describe(representation)}`);
    }
    return resolve(representation, context, info);
  };

  return {
    typeDefs: federationTypeDefs([...keys.keys()]),
    resolvers: {
      Query: {
        _service: () => service,
        // Each representation settles on its own: a bad or unknown one nulls its slot, not the list.
        _entities: (_: unknown, { representations }: { representations: unknown[] }, context: Context, info: GraphQLResolveInfo) =>
          representations.map((representation, index) => resolveEntity(representation, index, context, info)),
      },
      _Any: AnyScalar,
      // Entities stay in HeyGen's wire shape, like nodes, so the same field test tells their type.
      _Entity: { __resolveType: Node.__resolveType },
    },
  };
}

function federationTypeDefs(entities: string[]): string {
  return /* GraphQL */ `
    "Links a specification, such as Apollo Federation, into this schema."
    directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA
    "Makes a type an entity that other subgraphs can reference and extend by these fields."
    directive @key(fields: federation__FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
    "Lets other subgraphs resolve this field (or every field of this type) too."
    directive @shareable repeatable on OBJECT | FIELD_DEFINITION
    "A name imported by @link."
    scalar link__Import
    "What a linked specification is for."
    enum link__Purpose {
      "Access control."
      SECURITY
      "Execution of queries."
      EXECUTION
    }
    "A selection of fields, such as a key."
    scalar federation__FieldSet
    scalar _Any
    "Every type that has a @key."
    union _Entity = ${entities.join(' | ')}
    "This subgraph, as a federation router sees it."
    type _Service {
      "The subgraph SDL, with its federation directives."
      sdl: String!
    }
    extend type Query {
      "Entities by representation, in the order asked; null for each one that does not exist. Used by federation routers."
      _entities("Representations from another subgraph." representations: [_Any!]!): [_Entity]!
      "This subgraph's SDL. Used by federation routers and schema registries."
      _service: _Service!
    }
  `;
}

/** Representations pass through as sent; a literal in a query is read as plain JSON. */
const AnyScalar = new GraphQLScalarType({
  name: '_Any',
  description: 'An entity representation: `__typename` and the key field, e.g. `groupId` for an AvatarGroup.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (node, variables) => valueFromASTUntyped(node, variables),
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : String(JSON.stringify(value)).slice(0, 64);
}
