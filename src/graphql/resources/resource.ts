import type { ListQuery } from '../../heygen/types.js';
import type { LoadableResource } from '../../loaders.js';
import { InputError } from '../errors.js';

/*
 * A resource (groups, looks, voices, …) is declared once, in a module of this folder named after its
 * GraphQL type (`AvatarGroup` → avatar-group.ts, exporting `resource`). The declaration gives HeyGen's
 * routes and which answers are public (for the client and the cache), the model class (for the
 * loaders), and the GraphQL side: the type, its id field, its `Query` lookup and connection. Everything
 * else follows from it: codegen lists every type that implements Node as a resource
 * (__generated__/resources.ts), and from that list come the `Query` fields, `node`, global ids, the
 * federation entry points and the upstream-cost plan. createSchema refuses to start when the schema and
 * the declarations disagree.
 */

/** Settings a connection's filters may depend on (the request's context has them). */
export interface FilterSettings {
  /** The `avatar_type` sent for DIGITAL_TWIN. */
  readonly digitalTwinAvatarType: 'digital_twin' | 'video_avatar';
}

/** The upstream query of a connection, less the page (`limit`, `token`), which paging adds. */
export type Filters<Query extends ListQuery> = Omit<Query, 'limit' | 'token'>;

/** One resource: see the top of this file. */
export interface Resource<Type extends string, Query extends ListQuery, Item, Model, Args> extends LoadableResource<Query, Item, Model> {
  /** The GraphQL type, which implements Node; global ids of its items carry this name. */
  readonly typeName: Type;
  /** HeyGen's id as a field of the type and the argument of its lookup, e.g. `groupId`; also a federation key. */
  readonly idField: string;
  /** The `Query` field that fetches one item by `idField`, e.g. `avatarGroup`. */
  readonly lookupField: string;
  readonly connection: {
    /** The `Query` connection field, e.g. `avatarGroups`; its cursors are bound to this name. */
    readonly name: string;
    /**
     * The upstream filters for the field's arguments. Keep their order: it is part of the cursors'
     * scope and of cache keys. An argument may throw an InputError naming it.
     */
    filters(args: Args, settings: FilterSettings): Filters<Query>;
  };
}

/** A resource of any shape, as the generic wiring (resolvers, `node`, cost) sees it. */
export type AnyResource = Resource<string, any, any, unknown, any>;

/** Declares a resource, keeping its type name as a literal (the registry checks it against the schema's). */
export const defineResource = <const Type extends string, Query extends ListQuery, Item, Model, Args>(
  resource: Resource<Type, Query, Item, Model, Args>,
): Resource<Type, Query, Item, Model, Args> => resource;

/** The longest free-text filter (a voice's `language`, `engine`, `gender`), characters. */
export const MAX_FILTER_LENGTH = 64;

/**
 * A free-text filter argument as a connection sends it: absent, or at most MAX_FILTER_LENGTH characters
 * (it becomes part of a URL, a cache key and a cursor's scope). A longer one is an InputError naming it.
 */
export function textFilter(value: string | null | undefined, argument: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value.length > MAX_FILTER_LENGTH) throw new InputError(`${argument} must be at most ${MAX_FILTER_LENGTH} characters, got ${value.length}`);
  return value;
}
