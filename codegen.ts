import type { CodegenConfig } from '@graphql-codegen/cli';

/** Types the resolvers from schema.graphql. `npm run codegen` writes; `npm run codegen:check` fails when stale. */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  generates: {
    'src/graphql/__generated__/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        useIndexSignature: true,
        enumsAsTypes: true,
        useTypeImports: true,
        contextType: '../context.js#Context',
        scalars: { DateTime: 'string' },
        mappers: {
          AvatarGroup: '../../heygen/types.js#HeyGenAvatarGroup',
          AvatarGroupConnection: '../models.js#ConnectionModel<HeyGenAvatarGroup>',
          AvatarGroupEdge: '../models.js#Edge<HeyGenAvatarGroup>',
          AvatarLook: '../../heygen/types.js#HeyGenAvatarLook',
          AvatarLookConnection: '../models.js#ConnectionModel<HeyGenAvatarLook>',
          AvatarLookEdge: '../models.js#Edge<HeyGenAvatarLook>',
          Voice: '../../heygen/types.js#HeyGenVoice',
          VoiceConnection: '../models.js#ConnectionModel<HeyGenVoice>',
          VoiceEdge: '../models.js#Edge<HeyGenVoice>',
          PageInfo: '../models.js#PageInfoModel<unknown>',
        },
      },
    },
  },
};

export default config;
