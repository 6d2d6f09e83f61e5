import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { AvatarGroupModel, ConnectionModel, Edge, AvatarLookModel, VoiceModel, PageInfoModel } from '../models.js';
import type { Context } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 date-time in UTC, e.g. `2024-04-01T00:00:00.000Z`. HeyGen sends unix seconds; they are converted. */
  DateTime: { input: string; output: string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/**
 * An avatar group: one character (e.g. "Monica") with one or more looks. Fields mirror HeyGen's
 * `AvatarGroupItem`.
 */
export type AvatarGroup = Node & {
  __typename?: 'AvatarGroup';
  /** Consent state of a digital twin (e.g. `approved`, `pending`); null when consent is not required. */
  consentStatus?: Maybe<Scalars['String']['output']>;
  /** When the group was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The group's default voice; null when it has none. */
  defaultVoice?: Maybe<Voice>;
  /** HeyGen id of the group's default voice, if it has one. */
  defaultVoiceId?: Maybe<Scalars['String']['output']>;
  /** Gender as HeyGen states it (free text, e.g. `female`). */
  gender?: Maybe<Scalars['String']['output']>;
  /** HeyGen's own id for the group (e.g. `ag_abc123`). */
  groupId: Scalars['ID']['output'];
  /** Opaque global id, accepted by `node(id:)`. */
  id: Scalars['ID']['output'];
  /** The group's looks, as a Relay connection that pages forward only. */
  looks: AvatarLookConnection;
  /** How many looks the group has. */
  looksCount: Scalars['Int']['output'];
  /** Display name, e.g. `Monica`. */
  name: Scalars['String']['output'];
  /** Preview still. The URL may be signed and expire: fetch it fresh rather than storing it. */
  previewImageUrl?: Maybe<Scalars['String']['output']>;
  /** Preview clip. The URL may be signed and expire: fetch it fresh rather than storing it. */
  previewVideoUrl?: Maybe<Scalars['String']['output']>;
  /** Training status. Only private groups have one; null for HeyGen's presets. */
  status?: Maybe<TrainingStatus>;
};


/**
 * An avatar group: one character (e.g. "Monica") with one or more looks. Fields mirror HeyGen's
 * `AvatarGroupItem`.
 */
export type AvatarGroupLooksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  avatarType?: InputMaybe<AvatarType>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of avatar groups. */
export type AvatarGroupConnection = {
  __typename?: 'AvatarGroupConnection';
  /** The groups with their cursors, in HeyGen's order. */
  edges: Array<AvatarGroupEdge>;
  /** The same groups without cursors. */
  nodes: Array<AvatarGroup>;
  /** Whether more groups follow, and the cursors at both ends. */
  pageInfo: PageInfo;
};

/** One group in a page of groups, with the cursor to resume right after it. */
export type AvatarGroupEdge = {
  __typename?: 'AvatarGroupEdge';
  /** Pass as `after` to continue right after this edge. */
  cursor: Scalars['String']['output'];
  /** The group. */
  node: AvatarGroup;
};

/**
 * An avatar look: one outfit or pose of a group. Its `lookId` is the `avatar_id` to pass when creating a
 * video. Fields mirror HeyGen's `AvatarLookItem`.
 */
export type AvatarLook = Node & {
  __typename?: 'AvatarLook';
  /** What kind of avatar this is; null for a kind this gateway does not know yet. */
  avatarType?: Maybe<AvatarType>;
  /** The look's default voice; null when it has none. */
  defaultVoice?: Maybe<Voice>;
  /** HeyGen id of the look's default voice, if any. */
  defaultVoiceId?: Maybe<Scalars['String']['output']>;
  /** Gender as HeyGen states it (free text). */
  gender?: Maybe<Scalars['String']['output']>;
  /** The group the look belongs to. */
  group?: Maybe<AvatarGroup>;
  /** HeyGen id of the group the look belongs to. */
  groupId?: Maybe<Scalars['ID']['output']>;
  /** Opaque global id, accepted by `node(id:)`. */
  id: Scalars['ID']['output'];
  /** Height of the source image, in pixels. */
  imageHeight?: Maybe<Scalars['Int']['output']>;
  /** Width of the source image, in pixels. */
  imageWidth?: Maybe<Scalars['Int']['output']>;
  /** HeyGen's id for the look: the `avatar_id` of video creation. */
  lookId: Scalars['ID']['output'];
  /** Display name, e.g. `Monica - Business Casual`. */
  name: Scalars['String']['output'];
  /** `portrait`, `landscape` or `square`. */
  preferredOrientation?: Maybe<Scalars['String']['output']>;
  /** Preview still. The URL may be signed and expire. */
  previewImageUrl?: Maybe<Scalars['String']['output']>;
  /** Preview clip. The URL may be signed and expire. */
  previewVideoUrl?: Maybe<Scalars['String']['output']>;
  /** Training status. Only private looks have one. */
  status?: Maybe<TrainingStatus>;
  /** Video engines that can render this look, e.g. `avatar_iv`, `avatar_v`. Empty when HeyGen sends none. */
  supportedApiEngines: Array<Scalars['String']['output']>;
  /** Free-form tags, e.g. `business`. Empty when HeyGen sends none. */
  tags: Array<Scalars['String']['output']>;
};

/** A page of avatar looks. */
export type AvatarLookConnection = {
  __typename?: 'AvatarLookConnection';
  /** The looks with their cursors, in HeyGen's order. */
  edges: Array<AvatarLookEdge>;
  /** The same looks without cursors. */
  nodes: Array<AvatarLook>;
  /** Whether more looks follow, and the cursors at both ends. */
  pageInfo: PageInfo;
};

/** One look in a page of looks, with the cursor to resume right after it. */
export type AvatarLookEdge = {
  __typename?: 'AvatarLookEdge';
  /** Pass as `after` to continue right after this edge. */
  cursor: Scalars['String']['output'];
  /** The look. */
  node: AvatarLook;
};

/** What kind of avatar a look is. */
export type AvatarType =
  /** A twin trained on your own footage. HeyGen calls it `digital_twin` or `video_avatar`; both read as this. */
  | 'DIGITAL_TWIN'
  /** Made from a photo. */
  | 'PHOTO_AVATAR'
  /** Filmed in HeyGen's studio (a preset). */
  | 'STUDIO_AVATAR'
  /** A video avatar. HeyGen's docs use `video_avatar` for digital twins, so HeyGen's values read as DIGITAL_TWIN; this value is kept for clients that name it, and filters like DIGITAL_TWIN. */
  | 'VIDEO_AVATAR';

/** An object with a globally unique, opaque id that `Query.node` and `Query.nodes` accept. */
export type Node = {
  /** Opaque global id. Pass it to `node(id:)` to fetch this object again. */
  id: Scalars['ID']['output'];
};

/** Who owns an avatar: HeyGen's preset library or the caller's own account. */
export type Ownership =
  /** Avatars the calling account created. */
  | 'PRIVATE'
  /** HeyGen's preset avatars, the same for every account. */
  | 'PUBLIC';

/**
 * Where a page of a connection sits. HeyGen pages forward only, so connections take `first` and `after`;
 * `last` and `before` are not offered.
 */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last edge; pass it as `after` for the next page. Null when the page is empty. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** True when more edges follow this page; fetch them with `after: endCursor`. */
  hasNextPage: Scalars['Boolean']['output'];
  /** True when this page was asked for with `after` (edges come before it). Backward paging is not offered. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first edge; null when the page is empty. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /** One avatar group by HeyGen's id (e.g. `ag_abc123`). Null when HeyGen has no such group for this credential. */
  avatarGroup?: Maybe<AvatarGroup>;
  /**
   * Avatar groups (characters), newest first, as a Relay connection. Pages forward only: pass the
   * `endCursor` (or any edge's cursor) as `after`. A `first` above 50 is served from several HeyGen pages
   * in this one request.
   */
  avatarGroups: AvatarGroupConnection;
  /** One look by HeyGen's id (e.g. `lk_abc123`). Null when HeyGen has no such look for this credential. */
  avatarLook?: Maybe<AvatarLook>;
  /**
   * Avatar looks (outfits or poses), as a Relay connection that pages forward only. A look's `lookId` is
   * the `avatar_id` to pass when creating a video.
   */
  avatarLooks: AvatarLookConnection;
  /** Fetches any object by its global `id`. Null when it does not exist or the credential cannot see it. */
  node?: Maybe<Node>;
  /** Fetches objects by global id, in the order asked, with null for each one that does not exist. At most 100 ids. */
  nodes: Array<Maybe<Node>>;
  /** One voice by HeyGen's id. Null when HeyGen has no such voice for this credential. */
  voice?: Maybe<Voice>;
  /** Voices, as a Relay connection that pages forward only. Without `type`, HeyGen lists PUBLIC voices. */
  voices: VoiceConnection;
};


export type QueryAvatarGroupArgs = {
  groupId: Scalars['ID']['input'];
};


export type QueryAvatarGroupsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  ownership?: InputMaybe<Ownership>;
};


export type QueryAvatarLookArgs = {
  lookId: Scalars['ID']['input'];
};


export type QueryAvatarLooksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  avatarType?: InputMaybe<AvatarType>;
  first?: InputMaybe<Scalars['Int']['input']>;
  groupId?: InputMaybe<Scalars['ID']['input']>;
  ownership?: InputMaybe<Ownership>;
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryVoiceArgs = {
  voiceId: Scalars['ID']['input'];
};


export type QueryVoicesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  engine?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  gender?: InputMaybe<Scalars['String']['input']>;
  language?: InputMaybe<Scalars['String']['input']>;
  type?: InputMaybe<VoiceType>;
};

/** Training state of a private avatar. Values HeyGen adds later read as null rather than failing the query. */
export type TrainingStatus =
  /** Ready to use in videos. */
  | 'COMPLETED'
  /** Training failed; HeyGen's error says why. */
  | 'FAILED'
  /** Waiting for the person shown to give consent. */
  | 'PENDING_CONSENT'
  /** Footage is being processed. */
  | 'PROCESSING';

/**
 * A voice for text to speech. Fields a voice list shows but a single-voice lookup does not (`type`,
 * `supportLocale`) are null when the voice was only looked up by id.
 */
export type Voice = Node & {
  __typename?: 'Voice';
  /** Gender as HeyGen states it, e.g. `female`. */
  gender?: Maybe<Scalars['String']['output']>;
  /** Opaque global id, accepted by `node(id:)`. */
  id: Scalars['ID']['output'];
  /** Language by name, e.g. `English`. */
  language?: Maybe<Scalars['String']['output']>;
  /** Display name, e.g. `Sara`. */
  name: Scalars['String']['output'];
  /** A sample of the voice. The URL may be signed and expire. */
  previewAudioUrl?: Maybe<Scalars['String']['output']>;
  /** Whether the voice has locale variants (e.g. en-US, en-GB); null when the voice was only looked up by id. */
  supportLocale?: Maybe<Scalars['Boolean']['output']>;
  /** Whether the voice honours SSML pause tags. */
  supportPause: Scalars['Boolean']['output'];
  /** PUBLIC or PRIVATE; null when the voice was only looked up by id. */
  type?: Maybe<VoiceType>;
  /** HeyGen's id for the voice (32 hex characters). */
  voiceId: Scalars['ID']['output'];
};

/** A page of voices. */
export type VoiceConnection = {
  __typename?: 'VoiceConnection';
  /** The voices with their cursors, in HeyGen's order. */
  edges: Array<VoiceEdge>;
  /** The same voices without cursors. */
  nodes: Array<Voice>;
  /** Whether more voices follow, and the cursors at both ends. */
  pageInfo: PageInfo;
};

/** One voice in a page of voices, with the cursor to resume right after it. */
export type VoiceEdge = {
  __typename?: 'VoiceEdge';
  /** Pass as `after` to continue right after this edge. */
  cursor: Scalars['String']['output'];
  /** The voice. */
  node: Voice;
};

/** Who owns a voice. */
export type VoiceType =
  /** Voices your account cloned or designed. */
  | 'PRIVATE'
  /** HeyGen's shared voice library. */
  | 'PUBLIC';

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
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
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

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
    | ( VoiceModel )
  ;
}>;

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  AvatarGroup: ResolverTypeWrapper<AvatarGroupModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AvatarGroupConnection: ResolverTypeWrapper<ConnectionModel<AvatarGroupModel>>;
  AvatarGroupEdge: ResolverTypeWrapper<Edge<AvatarGroupModel>>;
  AvatarLook: ResolverTypeWrapper<AvatarLookModel>;
  AvatarLookConnection: ResolverTypeWrapper<ConnectionModel<AvatarLookModel>>;
  AvatarLookEdge: ResolverTypeWrapper<Edge<AvatarLookModel>>;
  AvatarType: AvatarType;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Node: ResolverTypeWrapper<ResolversInterfaceTypes<ResolversTypes>['Node']>;
  Ownership: Ownership;
  PageInfo: ResolverTypeWrapper<PageInfoModel<unknown>>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TrainingStatus: TrainingStatus;
  Voice: ResolverTypeWrapper<VoiceModel>;
  VoiceConnection: ResolverTypeWrapper<ConnectionModel<VoiceModel>>;
  VoiceEdge: ResolverTypeWrapper<Edge<VoiceModel>>;
  VoiceType: VoiceType;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  AvatarGroup: AvatarGroupModel;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  AvatarGroupConnection: ConnectionModel<AvatarGroupModel>;
  AvatarGroupEdge: Edge<AvatarGroupModel>;
  AvatarLook: AvatarLookModel;
  AvatarLookConnection: ConnectionModel<AvatarLookModel>;
  AvatarLookEdge: Edge<AvatarLookModel>;
  DateTime: Scalars['DateTime']['output'];
  Node: ResolversInterfaceTypes<ResolversParentTypes>['Node'];
  PageInfo: PageInfoModel<unknown>;
  Boolean: Scalars['Boolean']['output'];
  Query: Record<PropertyKey, never>;
  Voice: VoiceModel;
  VoiceConnection: ConnectionModel<VoiceModel>;
  VoiceEdge: Edge<VoiceModel>;
}>;

export type AvatarGroupResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AvatarGroup'] = ResolversParentTypes['AvatarGroup'], FederationReferenceType extends FederationReferenceTypes['AvatarGroup'] = FederationReferenceTypes['AvatarGroup']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['AvatarGroup']> | FederationReferenceType, FederationReferenceType, ContextType>;
  consentStatus?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  defaultVoice?: Resolver<Maybe<ResolversTypes['Voice']>, ParentType, ContextType>;
  defaultVoiceId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  gender?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  groupId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  looks?: Resolver<ResolversTypes['AvatarLookConnection'], ParentType, ContextType, RequireFields<AvatarGroupLooksArgs, 'first'>>;
  looksCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  previewImageUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  previewVideoUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['TrainingStatus']>, ParentType, ContextType>;
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
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['AvatarLook']> | FederationReferenceType, FederationReferenceType, ContextType>;
  avatarType?: Resolver<Maybe<ResolversTypes['AvatarType']>, ParentType, ContextType>;
  defaultVoice?: Resolver<Maybe<ResolversTypes['Voice']>, ParentType, ContextType>;
  defaultVoiceId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  gender?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  group?: Resolver<Maybe<ResolversTypes['AvatarGroup']>, ParentType, ContextType>;
  groupId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  imageHeight?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  imageWidth?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  lookId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  preferredOrientation?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  previewImageUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  previewVideoUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['TrainingStatus']>, ParentType, ContextType>;
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

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type NodeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node']> = ResolversObject<{
  __resolveType: TypeResolveFn<'AvatarGroup' | 'AvatarLook' | 'Voice', ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  avatarGroup?: Resolver<Maybe<ResolversTypes['AvatarGroup']>, ParentType, ContextType, RequireFields<QueryAvatarGroupArgs, 'groupId'>>;
  avatarGroups?: Resolver<ResolversTypes['AvatarGroupConnection'], ParentType, ContextType, RequireFields<QueryAvatarGroupsArgs, 'first'>>;
  avatarLook?: Resolver<Maybe<ResolversTypes['AvatarLook']>, ParentType, ContextType, RequireFields<QueryAvatarLookArgs, 'lookId'>>;
  avatarLooks?: Resolver<ResolversTypes['AvatarLookConnection'], ParentType, ContextType, RequireFields<QueryAvatarLooksArgs, 'first'>>;
  node?: Resolver<Maybe<ResolversTypes['Node']>, ParentType, ContextType, RequireFields<QueryNodeArgs, 'id'>>;
  nodes?: Resolver<Array<Maybe<ResolversTypes['Node']>>, ParentType, ContextType, RequireFields<QueryNodesArgs, 'ids'>>;
  voice?: Resolver<Maybe<ResolversTypes['Voice']>, ParentType, ContextType, RequireFields<QueryVoiceArgs, 'voiceId'>>;
  voices?: Resolver<ResolversTypes['VoiceConnection'], ParentType, ContextType, RequireFields<QueryVoicesArgs, 'first'>>;
}>;

export type VoiceResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Voice'] = ResolversParentTypes['Voice'], FederationReferenceType extends FederationReferenceTypes['Voice'] = FederationReferenceTypes['Voice']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Voice']> | FederationReferenceType, FederationReferenceType, ContextType>;
  gender?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  language?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  previewAudioUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  supportLocale?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  supportPause?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  type?: Resolver<Maybe<ResolversTypes['VoiceType']>, ParentType, ContextType>;
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

export type Resolvers<ContextType = Context> = ResolversObject<{
  AvatarGroup?: AvatarGroupResolvers<ContextType>;
  AvatarGroupConnection?: AvatarGroupConnectionResolvers<ContextType>;
  AvatarGroupEdge?: AvatarGroupEdgeResolvers<ContextType>;
  AvatarLook?: AvatarLookResolvers<ContextType>;
  AvatarLookConnection?: AvatarLookConnectionResolvers<ContextType>;
  AvatarLookEdge?: AvatarLookEdgeResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Node?: NodeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Voice?: VoiceResolvers<ContextType>;
  VoiceConnection?: VoiceConnectionResolvers<ContextType>;
  VoiceEdge?: VoiceEdgeResolvers<ContextType>;
}>;

