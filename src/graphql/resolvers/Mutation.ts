import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import { videoServicesOf } from '../video-services.js';

/** `createVideo` and `deleteVideo`: checks, idempotency and the write itself are video-writes.ts's. */
export const Mutation: MutationResolvers = {
  createVideo: (_, { input }, context) => videoServicesOf(context).writes.createVideo(context, input),
  deleteVideo: (_, { videoId }, context) => videoServicesOf(context).writes.deleteVideo(context, videoId),
};
