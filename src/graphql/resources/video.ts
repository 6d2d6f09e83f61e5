import type { HeyGenVideo, HeyGenVideoStatus, ListVideosQuery } from '../../heygen/types.js';
import type { QueryVideosArgs, VideoStatus } from '../__generated__/schema-types.js';
import { assertResourceId } from '../global-id.js';
import { globalIdOf, optionalFloat, optionalString, requiredString, toDateTime, toEnum, type UnknownValueReporter } from '../models.js';
import { defineResource, textFilter } from './resource.js';

const VIDEO = 'video';

/** The longest a page of videos, or a video still rendering, is cached, ms: a new video, a status or a URL may change it. */
export const UNSETTLED_MAX_AGE_MS = 5000;

/** HeyGen's statuses; the create answer's `waiting` is PENDING too. */
const VIDEO_STATUS_FROM_WIRE: Readonly<Record<HeyGenVideoStatus | 'waiting', VideoStatus>> = {
  waiting: 'PENDING',
  pending: 'PENDING',
  processing: 'PROCESSING',
  completed: 'COMPLETED',
  failed: 'FAILED',
};

/** Unix seconds as a DateTime; null when HeyGen sent none. */
const optionalDateTime = (seconds: unknown) => (typeof seconds === 'number' ? toDateTime(seconds) : null);

/** Whether a video is done changing: only a COMPLETED or FAILED one may be cached as long as other items. */
const isSettled = (video: HeyGenVideo) => video.status === 'completed' || video.status === 'failed';

/** HeyGen's `VideoDetail` (list and detail alike) as the Video type. */
export class VideoModel {
  constructor(
    readonly wire: HeyGenVideo,
    private readonly report: UnknownValueReporter,
  ) {}

  get id() {
    return globalIdOf(resource.typeName, this.videoId);
  }
  get videoId() {
    return requiredString(this.wire.id, VIDEO, this.wire.id, 'id');
  }
  get title() {
    return optionalString(this.wire.title);
  }
  get status() {
    return toEnum('VideoStatus', VIDEO_STATUS_FROM_WIRE, this.wire.status, this.report);
  }
  get createdAt() {
    return optionalDateTime(this.wire.created_at);
  }
  get completedAt() {
    return optionalDateTime(this.wire.completed_at);
  }
  get duration() {
    return optionalFloat(this.wire.duration);
  }
  get videoUrl() {
    return optionalString(this.wire.video_url);
  }
  get thumbnailUrl() {
    return optionalString(this.wire.thumbnail_url);
  }
  get gifUrl() {
    return optionalString(this.wire.gif_url);
  }
  get captionedVideoUrl() {
    return optionalString(this.wire.captioned_video_url);
  }
  get subtitleUrl() {
    return optionalString(this.wire.subtitle_url);
  }
  get pageUrl() {
    return optionalString(this.wire.video_page_url);
  }
  get folderId() {
    return optionalString(this.wire.folder_id);
  }
  get outputLanguage() {
    return optionalString(this.wire.output_language);
  }
  get failureCode() {
    return optionalString(this.wire.failure_code);
  }
  get failureMessage() {
    return optionalString(this.wire.failure_message);
  }
}

/**
 * The credential's videos: GET /v3/videos and /v3/videos/{video_id}. Every answer is private to the
 * credential. A page, and a video that is not COMPLETED or FAILED, is cached for at most
 * UNSETTLED_MAX_AGE_MS; any other entry lives the resource's TTL, since the file URLs expire.
 */
export const resource = defineResource({
  typeName: 'Video',
  name: 'videos',
  idField: 'videoId',
  lookupField: 'video',
  list: { operation: 'listVideosV3', path: '/v3/videos', maxLimit: 100, isPublic: (_query: ListVideosQuery) => false, writable: true },
  get: { operation: 'getVideoV3', path: '/v3/videos' },
  idOf: (video: HeyGenVideo) => video.id,
  pageMaxAgeMs: () => UNSETTLED_MAX_AGE_MS,
  itemMaxAgeMs: (video: HeyGenVideo) => (isSettled(video) ? undefined : UNSETTLED_MAX_AGE_MS),
  Model: VideoModel,
  connection: {
    name: 'videos',
    filters: (args: QueryVideosArgs) => ({
      folder_id: args.folderId === null || args.folderId === undefined ? undefined : assertResourceId(args.folderId, 'folderId'),
      title: textFilter(args.title, 'title'),
    }),
  },
});
