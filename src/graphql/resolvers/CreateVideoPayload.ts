import type { CreateVideoPayloadResolvers } from '../__generated__/resolvers-types.js';
import type { Context } from '../context.js';
import { resource as looks } from '../resources/avatar-look.js';
import { resource as videos, VideoModel } from '../resources/video.js';
import { resource as voices } from '../resources/voice.js';
import { videoServicesOf } from '../video-services.js';
import type { CreatedVideo } from '../video-writes.js';

/**
 * The video as HeyGen answered its creation (id and status), with the rest of its fields looked up. The
 * video exists whatever the lookup does, so a lookup that fails or finds nothing yet (HeyGen may list a
 * new video a moment later) leaves those fields null rather than losing the payload.
 */
async function createdVideo(payload: CreatedVideo, context: Context): Promise<VideoModel> {
  const { video_id: id, status } = payload.created;
  const detail = await context.loaders.of(videos).item.load(id).catch(() => null);
  // Copied key by key (fromEntries), not by Object.assign: a `__proto__` key in HeyGen's JSON stays a key
  // instead of becoming the copy's prototype.
  const wire = Object.assign(Object.fromEntries(Object.entries(detail?.wire ?? {})), { id, status }) as ConstructorParameters<typeof VideoModel>[0];
  return new VideoModel(wire, videoServicesOf(context).reportUnknown);
}

/** The payload's links: the video, and the look and voice it was made with, through the request's loaders. */
export const CreateVideoPayload: CreateVideoPayloadResolvers = {
  video: (payload, _, context) => createdVideo(payload, context),
  look: (payload, _, context) => context.loaders.of(looks).item.load(payload.lookId),
  voice: (payload, _, context) => (payload.voiceId === null ? null : context.loaders.of(voices).item.load(payload.voiceId)),
  replayed: (payload) => payload.replayed,
};
