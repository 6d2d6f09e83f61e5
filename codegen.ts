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
          AvatarGroup: '../models.js#AvatarGroupModel',
          AvatarGroupConnection: '../models.js#ConnectionModel<AvatarGroupModel>',
          AvatarGroupEdge: '../models.js#Edge<AvatarGroupModel>',
          AvatarLook: '../models.js#AvatarLookModel',
          AvatarLookConnection: '../models.js#ConnectionModel<AvatarLookModel>',
          AvatarLookEdge: '../models.js#Edge<AvatarLookModel>',
          Voice: '../models.js#VoiceModel',
          VoiceConnection: '../models.js#ConnectionModel<VoiceModel>',
          VoiceEdge: '../models.js#Edge<VoiceModel>',
          PageInfo: '../models.js#PageInfoModel<unknown>',
        },
      },
    },
  },
};

export default config;
