import type { HeyGenAvatarLook, ListAvatarLooksQuery } from '../../heygen/types.js';
import type { QueryAvatarLooksArgs } from '../__generated__/schema-types.js';
import { avatarTypeFromWire, avatarTypeToWire, ownershipToWire } from '../enums.js';
import { assertResourceId } from '../global-id.js';
import { globalIdOf, optionalInt, optionalString, stringList } from '../models.js';
import { AvatarModel } from './avatar-model.js';
import { defineResource } from './resource.js';

/** HeyGen's `AvatarLookItem` as the AvatarLook type. */
export class AvatarLookModel extends AvatarModel<HeyGenAvatarLook> {
  protected get what() {
    return 'avatar look';
  }

  get id() {
    return globalIdOf(resource.typeName, this.ownId);
  }
  get lookId() {
    return this.ownId;
  }
  get avatarType() {
    return avatarTypeFromWire(this.wire.avatar_type, this.report);
  }
  get groupId() {
    return optionalString(this.wire.group_id);
  }
  get tags() {
    return stringList(this.wire.tags);
  }
  get supportedApiEngines() {
    return stringList(this.wire.supported_api_engines);
  }
  get imageWidth() {
    return optionalInt(this.wire.image_width);
  }
  get imageHeight() {
    return optionalInt(this.wire.image_height);
  }
  get preferredOrientation() {
    return optionalString(this.wire.preferred_orientation);
  }
}

/**
 * Avatar looks (outfits or poses): GET /v3/avatars/looks and /v3/avatars/looks/{look_id}. Its
 * connection also serves `AvatarGroup.looks`, so cursors of the two are interchangeable.
 */
export const resource = defineResource({
  typeName: 'AvatarLook',
  name: 'looks',
  idField: 'lookId',
  lookupField: 'avatarLook',
  list: { operation: 'listAvatarLooks', path: '/v3/avatars/looks', maxLimit: 50, isPublic: (query: ListAvatarLooksQuery) => query.ownership === 'public' },
  get: { operation: 'getAvatarLook', path: '/v3/avatars/looks' },
  idOf: (look: HeyGenAvatarLook) => look.id,
  Model: AvatarLookModel,
  connection: {
    name: 'avatarLooks',
    filters: (args: QueryAvatarLooksArgs, settings) => ({
      group_id: args.groupId === null || args.groupId === undefined ? undefined : assertResourceId(args.groupId, 'groupId'),
      avatar_type: avatarTypeToWire(args.avatarType, settings.digitalTwinAvatarType),
      ownership: ownershipToWire(args.ownership),
    }),
  },
});
