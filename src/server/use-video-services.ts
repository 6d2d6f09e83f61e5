import type { Plugin } from 'graphql-yoga';
import { VIDEO_SERVICES, type VideoServices } from '../graphql/video-services.js';

/**
 * Puts the gateway's VideoServices (the mutations' writes and idempotency keys, the `videoStatus` poll
 * loops) in every request's context, on both front-ends: they live as long as the gateway, not the request.
 */
export function useVideoServices(services: VideoServices): Plugin {
  return {
    onContextBuilding: ({ extendContext }) => extendContext({ [VIDEO_SERVICES]: services } as never),
  };
}
