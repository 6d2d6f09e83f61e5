import { isHeyGenError } from '../heygen/errors.js';
import type { ListQuery } from '../heygen/types.js';
import { loadConnection, type ConnectionArgs, type ConnectionModel } from '../pagination/connection.js';
import type { Context } from './context.js';
import type { Resource } from './resources/resource.js';

/** HeyGen answers 400 for a page token it no longer accepts: the cursor that held it went stale. */
const isTokenRefused = (error: unknown) => isHeyGenError(error) && error.code === 'bad_request';

/** Canonical `a=1;b=*` of the filters in their declared order (`*`: not given), for a cursor's scope. */
function filterKey(filters: object): string {
  return Object.entries(filters)
    .map(([name, value]) => `${name}=${value === undefined ? '*' : encodeURIComponent(String(value))}`)
    .join(';');
}

/**
 * A resource's connection for a field's arguments. Its filters name the cursor scope (connection plus
 * canonical filters) and the upstream query; paging itself is the one shared loadConnection.
 */
export function loadResourceConnection<Query extends ListQuery, Item, Model, Args>(
  context: Context,
  resource: Resource<string, Query, Item, Model, Args>,
  args: ConnectionArgs & Args,
): Promise<ConnectionModel<Model>> {
  const filters = resource.connection.filters(args, context);
  const scope = { connection: resource.connection.name, filters: filterKey(filters), maxPageSize: resource.list.maxLimit };
  const pages = context.loaders.of(resource).page;
  return loadConnection(args, scope, ({ token, limit }) => pages.load(Object.assign({}, filters, { limit, token: token ?? undefined }) as Query), isTokenRefused);
}
