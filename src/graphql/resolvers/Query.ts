import type { QueryResolvers } from '../__generated__/resolvers-types.js';
import type { Context } from '../context.js';
import { avatarGroupConnection, avatarLookConnection, voiceConnection } from '../connections.js';
import { InputError } from '../errors.js';
import { assertResourceId, fromGlobalId } from '../global-id.js';

/** The most ids one `nodes` call takes. */
export const MAX_NODES = 100;

function loadNode(context: Context, globalId: string) {
  const { type, id } = fromGlobalId(globalId);
  switch (type) {
    case 'AvatarGroup':
      return context.loaders.avatarGroup.load(id);
    case 'AvatarLook':
      return context.loaders.avatarLook.load(id);
    case 'Voice':
      return context.loaders.voice.load(id);
  }
}

export const Query: QueryResolvers = {
  node: (_, { id }, context) => loadNode(context, id),
  nodes: (_, { ids }, context) => {
    if (ids.length > MAX_NODES) throw new InputError(`ids must hold at most ${MAX_NODES} ids, got ${ids.length}`);
    // Each id settles on its own: a bad or missing one nulls its slot, not the list. graphql-js takes a
    // list of promises; the generated type only admits promises of non-null items.
    return ids.map(async (id) => loadNode(context, id)) as never;
  },
  avatarGroups: (_, args, context) => avatarGroupConnection(context, args),
  avatarGroup: (_, { groupId }, context) => context.loaders.avatarGroup.load(assertResourceId(groupId, 'groupId')),
  avatarLooks: (_, args, context) => avatarLookConnection(context, args),
  avatarLook: (_, { lookId }, context) => context.loaders.avatarLook.load(assertResourceId(lookId, 'lookId')),
  voices: (_, args, context) => voiceConnection(context, args),
  voice: (_, { voiceId }, context) => context.loaders.voice.load(assertResourceId(voiceId, 'voiceId')),
};
