import type { SubscriptionResolvers } from '../__generated__/resolvers-types.js';
import { videoServicesOf } from '../video-services.js';
import type { VideoStatusEvent } from '../video-status.js';

/** `videoStatus`: each event is a Video, or the error that ends the stream (video-status.ts). */
export const Subscription: SubscriptionResolvers = {
  videoStatus: {
    subscribe: (_, { videoId }, context) => videoServicesOf(context).status.follow(context.credentials, videoId),
    resolve: (event: VideoStatusEvent) => {
      if (event instanceof Error) throw event;
      return event;
    },
  },
};
