import type { Edge, PageInfoModel } from '../../pagination/connection.js';
import { boundaryCursor, cursorOf } from '../../pagination/connection.js';
import type { PageInfoResolvers } from '../__generated__/resolvers-types.js';

/** Shared by every connection type: edges and pageInfo come from the model, cursors only on demand. */
export const connectionResolvers = {
  nodes: <T>(connection: { edges: readonly Edge<T>[] }): T[] => connection.edges.map((edge) => edge.node),
};

export const edgeResolvers = {
  cursor: (edge: Edge<unknown>) => cursorOf(edge),
};

export const PageInfo: PageInfoResolvers = {
  startCursor: (pageInfo: PageInfoModel<unknown>) => boundaryCursor(pageInfo, 'start'),
  endCursor: (pageInfo: PageInfoModel<unknown>) => boundaryCursor(pageInfo, 'end'),
};
