import type { HeyGenAvatarType, HeyGenOwnership, HeyGenVoiceType } from '../heygen/types.js';
import { MAX_LIMIT } from '../heygen/types.js';
import { loadConnection, type ConnectionArgs, type ConnectionModel } from '../pagination/connection.js';
import type { AvatarType, Ownership, VoiceType } from './__generated__/resolvers-types.js';
import type { Context } from './context.js';
import { assertResourceId } from './global-id.js';
import type { AvatarGroupModel, AvatarLookModel, VoiceModel } from './models.js';

/*
 * One function per connection. Each names its cursor scope (connection + canonical filters) and turns
 * GraphQL arguments into the upstream query; paging itself is the one shared loadConnection.
 */

const OWNERSHIP: Record<Ownership, HeyGenOwnership> = { PUBLIC: 'public', PRIVATE: 'private' };
const VOICE_TYPE: Record<VoiceType, HeyGenVoiceType> = { PUBLIC: 'public', PRIVATE: 'private' };

function toAvatarType(type: AvatarType, context: Context): HeyGenAvatarType {
  switch (type) {
    case 'STUDIO_AVATAR':
      return 'studio_avatar';
    case 'PHOTO_AVATAR':
      return 'photo_avatar';
    case 'DIGITAL_TWIN':
    case 'VIDEO_AVATAR':
      return context.digitalTwinAvatarType;
  }
}

/** Canonical `a=1;b=2` of the defined filters, for a cursor's scope. */
function filterKey(filters: Record<string, string | undefined>): string {
  return Object.entries(filters)
    .map(([name, value]) => `${name}=${value === undefined ? '*' : encodeURIComponent(value)}`)
    .join(';');
}

/** The connection behind `Query.avatarGroups`. */
export function avatarGroupConnection(
  context: Context,
  args: ConnectionArgs & { ownership?: Ownership | null },
): Promise<ConnectionModel<AvatarGroupModel>> {
  const ownership = args.ownership ? OWNERSHIP[args.ownership] : undefined;
  const scope = { connection: 'avatarGroups', filters: filterKey({ ownership }), maxPageSize: MAX_LIMIT.avatarGroups };
  return loadConnection(args, scope, ({ token, limit }) =>
    context.loaders.avatarGroupPage.load({ ownership, limit, token: token ?? undefined }),
  );
}

/** The connection behind `Query.avatarLooks` and `AvatarGroup.looks` (their cursors are interchangeable). */
export function avatarLookConnection(
  context: Context,
  args: ConnectionArgs & { groupId?: string | null; avatarType?: AvatarType | null; ownership?: Ownership | null },
): Promise<ConnectionModel<AvatarLookModel>> {
  const group_id = args.groupId === null || args.groupId === undefined ? undefined : assertResourceId(args.groupId, 'groupId');
  const avatar_type = args.avatarType ? toAvatarType(args.avatarType, context) : undefined;
  const ownership = args.ownership ? OWNERSHIP[args.ownership] : undefined;
  const scope = { connection: 'avatarLooks', filters: filterKey({ group_id, avatar_type, ownership }), maxPageSize: MAX_LIMIT.avatarLooks };
  return loadConnection(args, scope, ({ token, limit }) =>
    context.loaders.avatarLookPage.load({ group_id, avatar_type, ownership, limit, token: token ?? undefined }),
  );
}

/** The connection behind `Query.voices`. */
export function voiceConnection(
  context: Context,
  args: ConnectionArgs & { type?: VoiceType | null; engine?: string | null; language?: string | null; gender?: string | null },
): Promise<ConnectionModel<VoiceModel>> {
  const type = args.type ? VOICE_TYPE[args.type] : undefined;
  const engine = args.engine ?? undefined;
  const language = args.language ?? undefined;
  const gender = args.gender ?? undefined;
  const scope = { connection: 'voices', filters: filterKey({ type, engine, language, gender }), maxPageSize: MAX_LIMIT.voices };
  return loadConnection(args, scope, ({ token, limit }) =>
    context.loaders.voicePage.load({ type, engine, language, gender, limit, token: token ?? undefined }),
  );
}
