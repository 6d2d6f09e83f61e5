import type { HeyGenAvatarGroup, ListAvatarGroupsQuery } from '../../heygen/types.js';
import type { QueryAvatarGroupsArgs } from '../__generated__/schema-types.js';
import { ownershipToWire } from '../enums.js';
import { globalIdOf, malformed, optionalString, requiredInt, toDateTime } from '../models.js';
import { AvatarModel } from './avatar-model.js';
import { defineResource } from './resource.js';

/** HeyGen's `AvatarGroupItem` as the AvatarGroup type. */
export class AvatarGroupModel extends AvatarModel<HeyGenAvatarGroup> {
  protected get what() {
    return 'avatar group';
  }

  get id() {
    return globalIdOf(resource.typeName, this.ownId);
  }
  get groupId() {
    return this.ownId;
  }
  get looksCount() {
    return requiredInt(this.wire.looks_count, this.what, this.wire.id, 'looks_count');
  }
  get consentStatus() {
    return optionalString(this.wire.consent_status);
  }
  get createdAt() {
    const seconds = this.wire.created_at;
    return Number.isSafeInteger(seconds) ? toDateTime(seconds) : malformed(this.what, this.wire.id, 'created_at');
  }
}

/** Avatar groups (characters): GET /v3/avatars and /v3/avatars/{group_id}. */
export const resource = defineResource({
  typeName: 'AvatarGroup',
  name: 'groups',
  idField: 'groupId',
  lookupField: 'avatarGroup',
  list: { operation: 'listAvatarGroups', path: '/v3/avatars', maxLimit: 50, isPublic: (query: ListAvatarGroupsQuery) => query.ownership === 'public' },
  get: { operation: 'getAvatarGroup', path: '/v3/avatars' },
  idOf: (group: HeyGenAvatarGroup) => group.id,
  Model: AvatarGroupModel,
  connection: {
    name: 'avatarGroups',
    filters: (args: QueryAvatarGroupsArgs) => ({ ownership: ownershipToWire(args.ownership) }),
  },
});
