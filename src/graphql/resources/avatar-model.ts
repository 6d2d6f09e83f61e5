import type { HeyGenAvatarGroup, HeyGenAvatarLook } from '../../heygen/types.js';
import { trainingStatusFromWire } from '../enums.js';
import { optionalString, requiredString, type UnknownValueReporter } from '../models.js';

/** What groups and looks have alike: both are avatars, with a name, previews, a voice and a training status. */
export abstract class AvatarModel<Wire extends HeyGenAvatarGroup | HeyGenAvatarLook> {
  /** How errors name the item, e.g. `avatar group` (on the prototype: no field per item). */
  protected abstract get what(): string;

  constructor(
    readonly wire: Wire,
    protected readonly report: UnknownValueReporter,
  ) {}

  /** HeyGen's id of the item (`groupId` or `lookId`). */
  protected get ownId() {
    return requiredString(this.wire.id, this.what, this.wire.id, 'id');
  }
  get name() {
    return requiredString(this.wire.name, this.what, this.wire.id, 'name');
  }
  get gender() {
    return optionalString(this.wire.gender);
  }
  get previewImageUrl() {
    return optionalString(this.wire.preview_image_url);
  }
  get previewVideoUrl() {
    return optionalString(this.wire.preview_video_url);
  }
  get defaultVoiceId() {
    return optionalString(this.wire.default_voice_id);
  }
  get status() {
    return trainingStatusFromWire(this.wire.status, this.report);
  }
}
