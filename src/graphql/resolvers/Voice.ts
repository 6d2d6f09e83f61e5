import type { VoiceResolvers } from '../__generated__/resolvers-types.js';
import { toReferenceId } from '../federation.js';

/** Only the federation entry point; every field is a VoiceModel getter. */
export const Voice: VoiceResolvers = {
  __resolveReference: (reference, context) => context.loaders.voice.load(toReferenceId(reference, 'Voice', 'voiceId')),
};
