import type { Idempotency } from '../cache/idempotency.js';
import type { CallOptions, HeyGenClient, WriteRoute } from '../heygen/client.js';
import { Deadline } from '../heygen/deadline.js';
import { HeyGenError, isHeyGenError } from '../heygen/errors.js';
import type { HeyGenCreatedVideo, HeyGenDeletedVideo } from '../heygen/types.js';
import type { CreateVideoInput } from './__generated__/schema-types.js';
import { account } from './account.js';
import type { Context } from './context.js';
import { InputError } from './errors.js';
import { assertResourceId } from './global-id.js';
import { resource as videos } from './resources/video.js';
import { toCreateVideoBody, toIdempotencyKey } from './video-input.js';

/** What `createVideo` keeps of its call: HeyGen's answer (the first call's, for a repeat) and the ids it was made with. */
export interface CreatedVideo {
  readonly created: HeyGenCreatedVideo;
  readonly lookId: string;
  /** Null for a video made from audio. */
  readonly voiceId: string | null;
  /** True when an earlier call with the same idempotency key made the video. */
  readonly replayed: boolean;
}

/** What `deleteVideo` answers. */
export interface DeletedVideo {
  readonly videoId: string;
  readonly deleted: boolean;
}

/** The mutations' side of the gateway: one per process, shared by every request. */
export interface VideoWrites {
  /** Makes a video (POST /v3/videos) at most once per idempotency key; checks `input` before anything. */
  createVideo(context: Context, input: CreateVideoInput): Promise<CreatedVideo>;
  /** Deletes a video (DELETE /v3/videos/{video_id}); `deleted` is false when HeyGen has no such video. */
  deleteVideo(context: Context, videoId: string): Promise<DeletedVideo>;
}

export interface VideoWritesOptions {
  client: HeyGenClient;
  idempotency: Idempotency;
  /** The longest one write may take, ms (REQUEST_DEADLINE_MS): then it is cancelled, and its outcome is unknown. */
  deadlineMs: number;
}

/** POST /v3/videos: makes a video and spends credits. A made video shows at once in the credential's pages, and so does the balance in `me`. */
export const CREATE_VIDEO: WriteRoute = { operation: 'createVideo', method: 'POST', path: '/v3/videos', changes: videos, alsoChanges: [{ resource: account, id: 'me' }] };
/** DELETE /v3/videos/{video_id}. */
export const DELETE_VIDEO: WriteRoute = { operation: 'deleteVideoV3', method: 'DELETE', path: '/v3/videos', changes: videos };

const isUnknownOutcome = (error: unknown) => isHeyGenError(error) && error.outcomeUnknown;

/** HeyGen's create answer, checked: a video was made, so an unreadable answer leaves its id unknown. */
function checkCreated(answer: HeyGenCreatedVideo | null, lookId: string): HeyGenCreatedVideo {
  if (answer === null) throw new InputError(`input.lookId ${JSON.stringify(lookId.slice(0, 64))} is not a look HeyGen has for this credential (404)`);
  const { video_id: id, status } = answer;
  if (typeof id !== 'string' || id.length === 0 || id.length > 256 || typeof status !== 'string' || status.length > 64) {
    throw new HeyGenError('bad_body', 'HeyGen accepted the video but sent no readable video_id', { outcomeUnknown: true });
  }
  return { video_id: id, status };
}

/** Runs `write` with its own deadline (a mutation's call is not cut short by the request's fields) and the request's meter. */
async function withDeadline<T>(context: Context, deadlineMs: number, write: (call: CallOptions, deadline: Deadline) => Promise<T>): Promise<T> {
  const deadline = new Deadline(deadlineMs);
  try {
    return await write({ deadline, onSent: () => void context.upstream.calls++ }, deadline);
  } finally {
    deadline.dispose();
  }
}

/**
 * Builds the mutations over `client` (the cached client: a write drops the credential's cached pages)
 * and `idempotency` (records in memory or Redis). A write is never sent twice: the client retries it
 * only when HeyGen refused the connection.
 */
export function createVideoWrites(options: VideoWritesOptions): VideoWrites {
  const { client, idempotency, deadlineMs } = options;
  return {
    createVideo: (context, input) => {
      const body = toCreateVideoBody(input);
      const key = toIdempotencyKey(input.idempotencyKey);
      const { credentials } = context;
      return withDeadline(context, deadlineMs, async (call, deadline) => {
        const post = async () => checkCreated(await client.write<HeyGenCreatedVideo>(CREATE_VIDEO, credentials, { body }, call), body.avatar_id);
        const { result, replayed } =
          key === undefined || credentials === null
            ? { result: await post(), replayed: false }
            : await idempotency.run({ credentials, key, input: body, call: post, isUnknownOutcome, waitUntil: deadline.at });
        return { created: result, lookId: body.avatar_id, voiceId: body.voice_id ?? null, replayed };
      });
    },
    deleteVideo: (context, videoId) => {
      const id = assertResourceId(videoId, 'videoId');
      return withDeadline(context, deadlineMs, async (call) => {
        const answer = await client.write<HeyGenDeletedVideo>(DELETE_VIDEO, context.credentials, { id }, call);
        return { videoId, deleted: answer !== null && answer.deleted !== false };
      });
    },
  };
}
