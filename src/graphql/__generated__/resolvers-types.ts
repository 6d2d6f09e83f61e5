import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { PageInfoModel, ConnectionModel, Edge } from '../models.js';
import type { AccountModel } from '../account.js';
import type { CreatedVideo } from '../video-writes.js';
import type { AvatarGroupModel } from '../resources/avatar-group.js';
import type { AvatarLookModel } from '../resources/avatar-look.js';
import type { VoiceModel } from '../resources/voice.js';
import type { VideoModel } from '../resources/video.js';
import type { Context } from '../context.js';
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
import type * as Types from './schema-types.js';
import type { AvatarGroup, AvatarLook, Voice, Video } from './schema-types.js';

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Types.Maybe<T> extends T ? Types.Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Types.Maybe<TTypes> | Promise<Types.Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  AvatarGroup: AvatarGroup;
  AvatarLook: AvatarLook;
  Video: Video;
  Voice: Voice;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  AvatarGroup:
    ( { __typename: 'AvatarGroup' }
    & ( GraphQLRecursivePick<FederationTypes['AvatarGroup'], {"groupId":true}>
        | GraphQLRecursivePick<FederationTypes['AvatarGroup'], {"id":true}> ) );
  AvatarLook:
    ( { __typename: 'AvatarLook' }
    & ( GraphQLRecursivePick<FederationTypes['AvatarLook'], {"lookId":true}>
        | GraphQLRecursivePick<FederationTypes['AvatarLook'], {"id":true}> ) );
  Video:
    ( { __typename: 'Video' }
    & ( GraphQLRecursivePick<FederationTypes['Video'], {"videoId":true}>
        | GraphQLRecursivePick<FederationTypes['Video'], {"id":true}> ) );
  Voice:
    ( { __typename: 'Voice' }
    & ( GraphQLRecursivePick<FederationTypes['Voice'], {"voiceId":true}>
        | GraphQLRecursivePick<FederationTypes['Voice'], {"id":true}> ) );
}>;


/** Mapping of interface types */
export type ResolversInterfaceTypes<_RefType extends Record<string, unknown>> = ResolversObject<{
  Node:
    | ( AvatarGroupModel )
    | ( AvatarLookModel )
    | ( VideoModel )
    | ( VoiceModel )
  ;
}>;

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Account: ResolverTypeWrapper<AccountModel>;
  String: ResolverTypeWrapper<Types.Scalars['String']['output']>;
  AccountSubscription: ResolverTypeWrapper<Types.AccountSubscription>;
  AvatarGroup: ResolverTypeWrapper<AvatarGroupModel>;
  ID: ResolverTypeWrapper<Types.Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Types.Scalars['Int']['output']>;
  AvatarGroupConnection: ResolverTypeWrapper<ConnectionModel<AvatarGroupModel>>;
  AvatarGroupEdge: ResolverTypeWrapper<Edge<AvatarGroupModel>>;
  AvatarLook: ResolverTypeWrapper<AvatarLookModel>;
  AvatarLookConnection: ResolverTypeWrapper<ConnectionModel<AvatarLookModel>>;
  AvatarLookEdge: ResolverTypeWrapper<Edge<AvatarLookModel>>;
  AvatarType: Types.AvatarType;
  BillingType: Types.BillingType;
  CreateVideoInput: Types.CreateVideoInput;
  Boolean: ResolverTypeWrapper<Types.Scalars['Boolean']['output']>;
  CreateVideoPayload: ResolverTypeWrapper<CreatedVideo>;
  CreditPool: ResolverTypeWrapper<Types.CreditPool>;
  DateTime: ResolverTypeWrapper<Types.Scalars['DateTime']['output']>;
  DeleteVideoPayload: ResolverTypeWrapper<Types.DeleteVideoPayload>;
  Expressiveness: Types.Expressiveness;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Node: ResolverTypeWrapper<ResolversInterfaceTypes<ResolversTypes>['Node']>;
  Ownership: Types.Ownership;
  PageInfo: ResolverTypeWrapper<PageInfoModel<unknown>>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SubscriptionCredits: ResolverTypeWrapper<Types.SubscriptionCredits>;
  SubscriptionTier: Types.SubscriptionTier;
  TrainingStatus: Types.TrainingStatus;
  UsageBasedBilling: ResolverTypeWrapper<Types.UsageBasedBilling>;
  Float: ResolverTypeWrapper<Types.Scalars['Float']['output']>;
  Video: ResolverTypeWrapper<VideoModel>;
  VideoAspectRatio: Types.VideoAspectRatio;
  VideoBackgroundInput: Types.VideoBackgroundInput;
  VideoBackgroundType: Types.VideoBackgroundType;
  VideoConnection: ResolverTypeWrapper<ConnectionModel<VideoModel>>;
  VideoEdge: ResolverTypeWrapper<Edge<VideoModel>>;
  VideoResolution: Types.VideoResolution;
  VideoStatus: Types.VideoStatus;
  Voice: ResolverTypeWrapper<VoiceModel>;
  VoiceConnection: ResolverTypeWrapper<ConnectionModel<VoiceModel>>;
  VoiceEdge: ResolverTypeWrapper<Edge<VoiceModel>>;
  VoiceSettingsInput: Types.VoiceSettingsInput;
  VoiceType: Types.VoiceType;
  Wallet: ResolverTypeWrapper<Types.Wallet>;
  WalletAutoReload: ResolverTypeWrapper<Types.WalletAutoReload>;
  WalletCurrency: Types.WalletCurrency;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Account: AccountModel;
  String: Types.Scalars['String']['output'];
  AccountSubscription: Types.AccountSubscription;
  AvatarGroup: AvatarGroupModel;
  ID: Types.Scalars['ID']['output'];
  Int: Types.Scalars['Int']['output'];
  AvatarGroupConnection: ConnectionModel<AvatarGroupModel>;
  AvatarGroupEdge: Edge<AvatarGroupModel>;
  AvatarLook: AvatarLookModel;
  AvatarLookConnection: ConnectionModel<AvatarLookModel>;
  AvatarLookEdge: Edge<AvatarLookModel>;
  CreateVideoInput: Types.CreateVideoInput;
  Boolean: Types.Scalars['Boolean']['output'];
  CreateVideoPayload: CreatedVideo;
  CreditPool: Types.CreditPool;
  DateTime: Types.Scalars['DateTime']['output'];
  DeleteVideoPayload: Types.DeleteVideoPayload;
  Mutation: Record<PropertyKey, never>;
  Node: ResolversInterfaceTypes<ResolversParentTypes>['Node'];
  PageInfo: PageInfoModel<unknown>;
  Query: Record<PropertyKey, never>;
  Subscription: Record<PropertyKey, never>;
  SubscriptionCredits: Types.SubscriptionCredits;
  UsageBasedBilling: Types.UsageBasedBilling;
  Float: Types.Scalars['Float']['output'];
  Video: VideoModel;
  VideoBackgroundInput: Types.VideoBackgroundInput;
  VideoConnection: ConnectionModel<VideoModel>;
  VideoEdge: Edge<VideoModel>;
  Voice: VoiceModel;
  VoiceConnection: ConnectionModel<VoiceModel>;
  VoiceEdge: Edge<VoiceModel>;
  VoiceSettingsInput: Types.VoiceSettingsInput;
  Wallet: Types.Wallet;
  WalletAutoReload: Types.WalletAutoReload;
}>;

export type AccountResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Account'] = ResolversParentTypes['Account']> = ResolversObject<{
  billingType?: Resolver<Types.Maybe<ResolversTypes['BillingType']>, ParentType, ContextType>;
  email?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  firstName?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastName?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  subscription?: Resolver<Types.Maybe<ResolversTypes['AccountSubscription']>, ParentType, ContextType>;
  usageBased?: Resolver<Types.Maybe<ResolversTypes['UsageBasedBilling']>, ParentType, ContextType>;
  username?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  wallet?: Resolver<Types.Maybe<ResolversTypes['Wallet']>, ParentType, ContextType>;
}>;

export type AccountSubscriptionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AccountSubscription'] = ResolversParentTypes['AccountSubscription']> = ResolversObject<{
  credits?: Resolver<ResolversTypes['SubscriptionCredits'], ParentType, ContextType>;
  plan?: Resolver<Types.Maybe<ResolversTypes['SubscriptionTier']>, ParentType, ContextType>;
}>;

export type AvatarGroupResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AvatarGroup'] = ResolversParentTypes['AvatarGroup'], FederationReferenceType extends FederationReferenceTypes['AvatarGroup'] = FederationReferenceTypes['AvatarGroup']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Types.Maybe<ResolversTypes['AvatarGroup']> | FederationReferenceType, FederationReferenceType, ContextType>;
  consentStatus?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  defaultVoice?: Resolver<Types.Maybe<ResolversTypes['Voice']>, ParentType, ContextType>;
  defaultVoiceId?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  gender?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  groupId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  looks?: Resolver<ResolversTypes['AvatarLookConnection'], ParentType, ContextType, RequireFields<Types.AvatarGroupLooksArgs, 'first'>>;
  looksCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  previewImageUrl?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  previewVideoUrl?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Types.Maybe<ResolversTypes['TrainingStatus']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type AvatarGroupConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AvatarGroupConnection'] = ResolversParentTypes['AvatarGroupConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['AvatarGroupEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['AvatarGroup']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type AvatarGroupEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AvatarGroupEdge'] = ResolversParentTypes['AvatarGroupEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AvatarGroup'], ParentType, ContextType>;
}>;

export type AvatarLookResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AvatarLook'] = ResolversParentTypes['AvatarLook'], FederationReferenceType extends FederationReferenceTypes['AvatarLook'] = FederationReferenceTypes['AvatarLook']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Types.Maybe<ResolversTypes['AvatarLook']> | FederationReferenceType, FederationReferenceType, ContextType>;
  avatarType?: Resolver<Types.Maybe<ResolversTypes['AvatarType']>, ParentType, ContextType>;
  defaultVoice?: Resolver<Types.Maybe<ResolversTypes['Voice']>, ParentType, ContextType>;
  defaultVoiceId?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  gender?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  group?: Resolver<Types.Maybe<ResolversTypes['AvatarGroup']>, ParentType, ContextType>;
  groupId?: Resolver<Types.Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  imageHeight?: Resolver<Types.Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  imageWidth?: Resolver<Types.Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  lookId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  preferredOrientation?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  previewImageUrl?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  previewVideoUrl?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Types.Maybe<ResolversTypes['TrainingStatus']>, ParentType, ContextType>;
  supportedApiEngines?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type AvatarLookConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AvatarLookConnection'] = ResolversParentTypes['AvatarLookConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['AvatarLookEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['AvatarLook']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type AvatarLookEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AvatarLookEdge'] = ResolversParentTypes['AvatarLookEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AvatarLook'], ParentType, ContextType>;
}>;

export type CreateVideoPayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CreateVideoPayload'] = ResolversParentTypes['CreateVideoPayload']> = ResolversObject<{
  look?: Resolver<Types.Maybe<ResolversTypes['AvatarLook']>, ParentType, ContextType>;
  replayed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  video?: Resolver<ResolversTypes['Video'], ParentType, ContextType>;
  voice?: Resolver<Types.Maybe<ResolversTypes['Voice']>, ParentType, ContextType>;
}>;

export type CreditPoolResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CreditPool'] = ResolversParentTypes['CreditPool']> = ResolversObject<{
  remaining?: Resolver<Types.Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  resetsAt?: Resolver<Types.Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeleteVideoPayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DeleteVideoPayload'] = ResolversParentTypes['DeleteVideoPayload']> = ResolversObject<{
  deleted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  videoId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  createVideo?: Resolver<ResolversTypes['CreateVideoPayload'], ParentType, ContextType, RequireFields<Types.MutationCreateVideoArgs, 'input'>>;
  deleteVideo?: Resolver<ResolversTypes['DeleteVideoPayload'], ParentType, ContextType, RequireFields<Types.MutationDeleteVideoArgs, 'videoId'>>;
}>;

export type NodeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node']> = ResolversObject<{
  __resolveType: TypeResolveFn<'AvatarGroup' | 'AvatarLook' | 'Video' | 'Voice', ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  avatarGroup?: Resolver<Types.Maybe<ResolversTypes['AvatarGroup']>, ParentType, ContextType, RequireFields<Types.QueryAvatarGroupArgs, 'groupId'>>;
  avatarGroups?: Resolver<ResolversTypes['AvatarGroupConnection'], ParentType, ContextType, RequireFields<Types.QueryAvatarGroupsArgs, 'first'>>;
  avatarLook?: Resolver<Types.Maybe<ResolversTypes['AvatarLook']>, ParentType, ContextType, RequireFields<Types.QueryAvatarLookArgs, 'lookId'>>;
  avatarLooks?: Resolver<ResolversTypes['AvatarLookConnection'], ParentType, ContextType, RequireFields<Types.QueryAvatarLooksArgs, 'first'>>;
  me?: Resolver<Types.Maybe<ResolversTypes['Account']>, ParentType, ContextType>;
  node?: Resolver<Types.Maybe<ResolversTypes['Node']>, ParentType, ContextType, RequireFields<Types.QueryNodeArgs, 'id'>>;
  nodes?: Resolver<Array<Types.Maybe<ResolversTypes['Node']>>, ParentType, ContextType, RequireFields<Types.QueryNodesArgs, 'ids'>>;
  video?: Resolver<Types.Maybe<ResolversTypes['Video']>, ParentType, ContextType, RequireFields<Types.QueryVideoArgs, 'videoId'>>;
  videos?: Resolver<ResolversTypes['VideoConnection'], ParentType, ContextType, RequireFields<Types.QueryVideosArgs, 'first'>>;
  voice?: Resolver<Types.Maybe<ResolversTypes['Voice']>, ParentType, ContextType, RequireFields<Types.QueryVoiceArgs, 'voiceId'>>;
  voices?: Resolver<ResolversTypes['VoiceConnection'], ParentType, ContextType, RequireFields<Types.QueryVoicesArgs, 'first'>>;
}>;

export type SubscriptionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  videoStatus?: SubscriptionResolver<ResolversTypes['Video'], "videoStatus", ParentType, ContextType, RequireFields<Types.SubscriptionVideoStatusArgs, 'videoId'>>;
}>;

export type SubscriptionCreditsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SubscriptionCredits'] = ResolversParentTypes['SubscriptionCredits']> = ResolversObject<{
  addOnCredits?: Resolver<Types.Maybe<ResolversTypes['CreditPool']>, ParentType, ContextType>;
  premiumCredits?: Resolver<Types.Maybe<ResolversTypes['CreditPool']>, ParentType, ContextType>;
}>;

export type UsageBasedBillingResolvers<ContextType = Context, ParentType extends ResolversParentTypes['UsageBasedBilling'] = ResolversParentTypes['UsageBasedBilling']> = ResolversObject<{
  spendingCapUsd?: Resolver<Types.Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  spendingCurrentUsd?: Resolver<Types.Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type VideoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Video'] = ResolversParentTypes['Video'], FederationReferenceType extends FederationReferenceTypes['Video'] = FederationReferenceTypes['Video']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Types.Maybe<ResolversTypes['Video']> | FederationReferenceType, FederationReferenceType, ContextType>;
  captionedVideoUrl?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  completedAt?: Resolver<Types.Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdAt?: Resolver<Types.Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  duration?: Resolver<Types.Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  failureCode?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  failureMessage?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  folderId?: Resolver<Types.Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  gifUrl?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  outputLanguage?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  pageUrl?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Types.Maybe<ResolversTypes['VideoStatus']>, ParentType, ContextType>;
  subtitleUrl?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  thumbnailUrl?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  videoId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  videoUrl?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type VideoConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['VideoConnection'] = ResolversParentTypes['VideoConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['VideoEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Video']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type VideoEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['VideoEdge'] = ResolversParentTypes['VideoEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Video'], ParentType, ContextType>;
}>;

export type VoiceResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Voice'] = ResolversParentTypes['Voice'], FederationReferenceType extends FederationReferenceTypes['Voice'] = FederationReferenceTypes['Voice']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Types.Maybe<ResolversTypes['Voice']> | FederationReferenceType, FederationReferenceType, ContextType>;
  gender?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  language?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  previewAudioUrl?: Resolver<Types.Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  supportLocale?: Resolver<Types.Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  supportPause?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  type?: Resolver<Types.Maybe<ResolversTypes['VoiceType']>, ParentType, ContextType>;
  voiceId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
}>;

export type VoiceConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['VoiceConnection'] = ResolversParentTypes['VoiceConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['VoiceEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Voice']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type VoiceEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['VoiceEdge'] = ResolversParentTypes['VoiceEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Voice'], ParentType, ContextType>;
}>;

export type WalletResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Wallet'] = ResolversParentTypes['Wallet']> = ResolversObject<{
  autoReload?: Resolver<Types.Maybe<ResolversTypes['WalletAutoReload']>, ParentType, ContextType>;
  currency?: Resolver<Types.Maybe<ResolversTypes['WalletCurrency']>, ParentType, ContextType>;
  remainingBalance?: Resolver<Types.Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type WalletAutoReloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['WalletAutoReload'] = ResolversParentTypes['WalletAutoReload']> = ResolversObject<{
  amountUsd?: Resolver<Types.Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  thresholdUsd?: Resolver<Types.Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type Resolvers<ContextType = Context> = ResolversObject<{
  Account?: AccountResolvers<ContextType>;
  AccountSubscription?: AccountSubscriptionResolvers<ContextType>;
  AvatarGroup?: AvatarGroupResolvers<ContextType>;
  AvatarGroupConnection?: AvatarGroupConnectionResolvers<ContextType>;
  AvatarGroupEdge?: AvatarGroupEdgeResolvers<ContextType>;
  AvatarLook?: AvatarLookResolvers<ContextType>;
  AvatarLookConnection?: AvatarLookConnectionResolvers<ContextType>;
  AvatarLookEdge?: AvatarLookEdgeResolvers<ContextType>;
  CreateVideoPayload?: CreateVideoPayloadResolvers<ContextType>;
  CreditPool?: CreditPoolResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DeleteVideoPayload?: DeleteVideoPayloadResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Node?: NodeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  SubscriptionCredits?: SubscriptionCreditsResolvers<ContextType>;
  UsageBasedBilling?: UsageBasedBillingResolvers<ContextType>;
  Video?: VideoResolvers<ContextType>;
  VideoConnection?: VideoConnectionResolvers<ContextType>;
  VideoEdge?: VideoEdgeResolvers<ContextType>;
  Voice?: VoiceResolvers<ContextType>;
  VoiceConnection?: VoiceConnectionResolvers<ContextType>;
  VoiceEdge?: VoiceEdgeResolvers<ContextType>;
  Wallet?: WalletResolvers<ContextType>;
  WalletAutoReload?: WalletAutoReloadResolvers<ContextType>;
}>;

