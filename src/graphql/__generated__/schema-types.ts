export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 date-time in UTC, e.g. `2024-04-01T00:00:00.000Z`. HeyGen sends unix seconds; they are converted. */
  DateTime: { input: string; output: string; }
};

/**
 * The account a credential belongs to: its user and its billing. Fields mirror HeyGen's
 * `UserInfoResponse`; `billingType` says which one of `wallet`, `subscription` and `usageBased` is set.
 */
export type Account = {
  __typename?: 'Account';
  /** How the account pays; null for a kind this gateway does not know yet. */
  billingType?: Maybe<BillingType>;
  /** The user's email address. */
  email?: Maybe<Scalars['String']['output']>;
  /** The user's first name. */
  firstName?: Maybe<Scalars['String']['output']>;
  /** The user's last name. */
  lastName?: Maybe<Scalars['String']['output']>;
  /** The plan and its credit pools, when `billingType` is SUBSCRIPTION. */
  subscription?: Maybe<AccountSubscription>;
  /** Metered spending, when `billingType` is USAGE_BASED. */
  usageBased?: Maybe<UsageBasedBilling>;
  /** HeyGen's username, e.g. `user_abc123`. */
  username: Scalars['String']['output'];
  /** The prepaid balance, when `billingType` is WALLET. */
  wallet?: Maybe<Wallet>;
};

/** A subscription: its plan and credit pools. */
export type AccountSubscription = {
  __typename?: 'AccountSubscription';
  /** What is left in each credit pool. */
  credits: SubscriptionCredits;
  /** The plan; null for a plan this gateway does not know yet. */
  plan?: Maybe<SubscriptionTier>;
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

/** How an account pays for what it makes. */
export type BillingType =
  /** A plan's credit pools, as OAuth integration apps usually have. */
  | 'SUBSCRIPTION'
  /** Metered billing, with an optional spending cap. */
  | 'USAGE_BASED'
  /** A prepaid balance (USD, or credits for Enterprise), as API keys usually have. */
  | 'WALLET';

/** What `createVideo` makes. It mirrors HeyGen's `CreateVideoFromAvatar` body; checked before any call. */
export type CreateVideoInput = {
  /** Output aspect ratio; HeyGen's default when omitted. */
  aspectRatio?: InputMaybe<VideoAspectRatio>;
  /** A HeyGen asset id of uploaded audio to lip-sync, instead of a script. */
  audioAssetId?: InputMaybe<Scalars['ID']['input']>;
  /** An absolute https URL of an audio file to lip-sync, instead of a script (at most 2048 characters). */
  audioUrl?: InputMaybe<Scalars['String']['input']>;
  /** A solid colour or an image behind the avatar. */
  background?: InputMaybe<VideoBackgroundInput>;
  /** Your own id, echoed in the callback, at most 256 characters. */
  callbackId?: InputMaybe<Scalars['String']['input']>;
  /** An absolute https URL HeyGen POSTs to when the video is ready (at most 2048 characters). */
  callbackUrl?: InputMaybe<Scalars['String']['input']>;
  /** How expressive the avatar is. Photo avatars only; HeyGen's default is LOW. */
  expressiveness?: InputMaybe<Expressiveness>;
  /**
   * 1..128 printable ASCII characters (a UUID is a good choice). The same key from the same credential within
   * `IDEMPOTENCY_TTL_SECONDS` answers the first call's result and makes no second video; with another input
   * it is a BAD_USER_INPUT. When the first call's outcome is unknown (HeyGen did not answer), a repeat is
   * IDEMPOTENCY_IN_DOUBT: look for the video in `videos` before using a new key.
   */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The look to animate (HeyGen's `avatar_id`), e.g. an `AvatarLook.lookId`. */
  lookId: Scalars['ID']['input'];
  /** How the avatar moves, in words, at most 1000 characters. Photo avatars only. */
  motionPrompt?: InputMaybe<Scalars['String']['input']>;
  /** Remove the avatar's own background (video avatars must be trained with matting). */
  removeBackground?: InputMaybe<Scalars['Boolean']['input']>;
  /** Output resolution; HeyGen's default when omitted. */
  resolution?: InputMaybe<VideoResolution>;
  /** What the avatar says, 1..5000 characters, spoken by `voiceId`. */
  script?: InputMaybe<Scalars['String']['input']>;
  /** The title in HeyGen's dashboard, at most 255 characters. */
  title?: InputMaybe<Scalars['String']['input']>;
  /** The voice that speaks `script` (e.g. a `Voice.voiceId`); required with `script`, and only with it. */
  voiceId?: InputMaybe<Scalars['ID']['input']>;
  /** Speed, pitch and locale of the voice. */
  voiceSettings?: InputMaybe<VoiceSettingsInput>;
};

/** What `createVideo` answers. */
export type CreateVideoPayload = {
  __typename?: 'CreateVideoPayload';
  /** The look the video was made with; null when HeyGen no longer has it for this credential. */
  look?: Maybe<AvatarLook>;
  /** True when this answer repeats an earlier call with the same `idempotencyKey`: no new video was made. */
  replayed: Scalars['Boolean']['output'];
  /**
   * The new video. `videoId` and `status` are HeyGen's answer to the call that made it (for a repeat with
   * the same `idempotencyKey`, the first call's); the other fields are looked up now, and are null when
   * HeyGen does not list the video yet.
   */
  video: Video;
  /** The voice that speaks the script; null for a video made from audio. */
  voice?: Maybe<Voice>;
};

/** One pool of credits. */
export type CreditPool = {
  __typename?: 'CreditPool';
  /** Credits left. */
  remaining?: Maybe<Scalars['Int']['output']>;
  /** When the pool refills; null when HeyGen gives no date. */
  resetsAt?: Maybe<Scalars['DateTime']['output']>;
};

/** What `deleteVideo` answers. */
export type DeleteVideoPayload = {
  __typename?: 'DeleteVideoPayload';
  /** True when HeyGen deleted the video; false when it had no such video for this credential. */
  deleted: Scalars['Boolean']['output'];
  /** The id asked for. */
  videoId: Scalars['ID']['output'];
};

/** How expressive a photo avatar is. */
export type Expressiveness =
  /** Lively. */
  | 'HIGH'
  /** Calm (HeyGen's default). */
  | 'LOW'
  /** In between. */
  | 'MEDIUM';

/**
 * What changes HeyGen's data: making and deleting videos. Send mutations as POST (a GET is refused), one
 * mutation field per request (`MAX_MUTATIONS`); each counts as one HeyGen call in the cost estimate.
 */
export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Makes a video of a look speaking a script (with a voice) or lip-syncing audio: HeyGen's POST /v3/videos,
   * which spends the account's credits for every video it accepts. Pass an `idempotencyKey` to make a repeat
   * of this call (a retry after a timeout, a double click) answer the first call's result with no second
   * video. Rendering takes minutes: follow it with `subscription { videoStatus }` or query `video`.
   */
  createVideo: CreateVideoPayload;
  /**
   * Deletes one of the credential's videos for good: HeyGen's DELETE /v3/videos/{video_id}. A video that
   * does not exist (or is already deleted) answers `deleted: false`.
   */
  deleteVideo: DeleteVideoPayload;
};


/**
 * What changes HeyGen's data: making and deleting videos. Send mutations as POST (a GET is refused), one
 * mutation field per request (`MAX_MUTATIONS`); each counts as one HeyGen call in the cost estimate.
 */
export type MutationCreateVideoArgs = {
  input: CreateVideoInput;
};


/**
 * What changes HeyGen's data: making and deleting videos. Send mutations as POST (a GET is refused), one
 * mutation field per request (`MAX_MUTATIONS`); each counts as one HeyGen call in the cost estimate.
 */
export type MutationDeleteVideoArgs = {
  videoId: Scalars['ID']['input'];
};

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
  /** The account the credential belongs to: its user and its billing. Null when HeyGen has none for it. */
  me?: Maybe<Account>;
  /** Fetches any object by its global `id`. Null when it does not exist or the credential cannot see it. */
  node?: Maybe<Node>;
  /** Fetches objects by global id, in the order asked, with null for each one that does not exist. At most 100 ids. */
  nodes: Array<Maybe<Node>>;
  /** One of the credential's videos by HeyGen's id. Null when HeyGen has no such video for this credential. */
  video?: Maybe<Video>;
  /**
   * The credential's own videos, newest first, as a Relay connection that pages forward only. A `first`
   * above 100 is refused. Statuses and URLs change while a video renders (see `Video`).
   */
  videos: VideoConnection;
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


export type QueryVideoArgs = {
  videoId: Scalars['ID']['input'];
};


export type QueryVideosArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  folderId?: InputMaybe<Scalars['ID']['input']>;
  title?: InputMaybe<Scalars['String']['input']>;
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

/**
 * Live updates over Server-Sent Events (send `Accept: text/event-stream`). The gateway polls HeyGen for you:
 * HeyGen has no push API.
 */
export type Subscription = {
  __typename?: 'Subscription';
  /**
   * Follows one of the credential's videos while it renders: the video as it stands now, then again each
   * time its status or one of its URLs changes. The stream completes once the video is COMPLETED or FAILED
   * (after sending it), after `VIDEO_POLL_MAX_MINUTES`, or when the gateway shuts down; a video HeyGen does
   * not know for this credential ends it with an error.
   */
  videoStatus: Video;
};


/**
 * Live updates over Server-Sent Events (send `Accept: text/event-stream`). The gateway polls HeyGen for you:
 * HeyGen has no push API.
 */
export type SubscriptionVideoStatusArgs = {
  videoId: Scalars['ID']['input'];
};

/** A subscription's credit pools. */
export type SubscriptionCredits = {
  __typename?: 'SubscriptionCredits';
  /** Credits bought on top of the plan. */
  addOnCredits?: Maybe<CreditPool>;
  /** The plan's own credits. */
  premiumCredits?: Maybe<CreditPool>;
};

/** HeyGen's subscription plans. */
export type SubscriptionTier =
  /** The Business Plus plan. */
  | 'BUSINESS_PLUS'
  /** The Creator plan. */
  | 'CREATOR'
  /** The Enterprise plan. */
  | 'ENTERPRISE'
  /** The free plan. */
  | 'FREE'
  /** The Pro plan. */
  | 'PRO'
  /** The Starter plan. */
  | 'STARTER'
  /** The Team plan. */
  | 'TEAM';

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

/** Metered spending in the current billing period. */
export type UsageBasedBilling = {
  __typename?: 'UsageBasedBilling';
  /** The most that may be spent, in USD; null when there is no cap. */
  spendingCapUsd?: Maybe<Scalars['Float']['output']>;
  /** Spent so far, in USD. */
  spendingCurrentUsd?: Maybe<Scalars['Float']['output']>;
};

/**
 * A video the credential's account made or translated. Fields mirror HeyGen's `VideoDetail`. While it
 * renders, `status` and the URLs change; the file URLs are presigned and expire, so fetch them fresh
 * rather than storing them.
 */
export type Video = Node & {
  __typename?: 'Video';
  /** The video with captions burned in, when captions were made. Presigned: it expires. */
  captionedVideoUrl?: Maybe<Scalars['String']['output']>;
  /** When rendering finished; null until then, and for a failed video. */
  completedAt?: Maybe<Scalars['DateTime']['output']>;
  /** When the video was created. */
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** Length in seconds; null until rendered. */
  duration?: Maybe<Scalars['Float']['output']>;
  /** Why rendering failed, as a code (e.g. `rendering_failed`); null unless FAILED. */
  failureCode?: Maybe<Scalars['String']['output']>;
  /** Why rendering failed, in words; null unless FAILED. */
  failureMessage?: Maybe<Scalars['String']['output']>;
  /** HeyGen id of the folder that holds the video, if any. */
  folderId?: Maybe<Scalars['ID']['output']>;
  /** An animated GIF preview. */
  gifUrl?: Maybe<Scalars['String']['output']>;
  /** Opaque global id, accepted by `node(id:)`. */
  id: Scalars['ID']['output'];
  /** BCP-47 language of a translated video, e.g. `es-ES`; null for a generated one. */
  outputLanguage?: Maybe<Scalars['String']['output']>;
  /** The video's page in the HeyGen app. */
  pageUrl?: Maybe<Scalars['String']['output']>;
  /** Where rendering stands; null for a state this gateway does not know yet. */
  status?: Maybe<VideoStatus>;
  /** The captions as an SRT file. Presigned: it expires. */
  subtitleUrl?: Maybe<Scalars['String']['output']>;
  /** A still of the video. */
  thumbnailUrl?: Maybe<Scalars['String']['output']>;
  /** The title given at creation. */
  title?: Maybe<Scalars['String']['output']>;
  /** HeyGen's id for the video: the `video_id` that video creation answers. */
  videoId: Scalars['ID']['output'];
  /** The video file; null until COMPLETED. Presigned: it expires. */
  videoUrl?: Maybe<Scalars['String']['output']>;
};

/** Output aspect ratio of a video. */
export type VideoAspectRatio =
  /** 16:9, landscape. */
  | 'LANDSCAPE_16_9'
  /** 9:16, portrait. */
  | 'PORTRAIT_9_16';

/** A video's background: a colour, or an image by URL or HeyGen asset id. */
export type VideoBackgroundInput = {
  /** With IMAGE: a HeyGen asset id of the image, instead of `url`. */
  assetId?: InputMaybe<Scalars['ID']['input']>;
  /** COLOR or IMAGE. */
  type: VideoBackgroundType;
  /** With IMAGE: an absolute https URL of the image (at most 2048 characters). */
  url?: InputMaybe<Scalars['String']['input']>;
  /** With COLOR: a hex colour such as `#1a2b3c`. */
  value?: InputMaybe<Scalars['String']['input']>;
};

/** What kind of background a video has. */
export type VideoBackgroundType =
  /** A solid colour: give `value`. */
  | 'COLOR'
  /** An image: give `url` or `assetId`. */
  | 'IMAGE';

/** A page of videos. */
export type VideoConnection = {
  __typename?: 'VideoConnection';
  /** The videos with their cursors, in HeyGen's order. */
  edges: Array<VideoEdge>;
  /** The same videos without cursors. */
  nodes: Array<Video>;
  /** Whether more videos follow, and the cursors at both ends. */
  pageInfo: PageInfo;
};

/** One video in a page of videos, with the cursor to resume right after it. */
export type VideoEdge = {
  __typename?: 'VideoEdge';
  /** Pass as `after` to continue right after this edge. */
  cursor: Scalars['String']['output'];
  /** The video. */
  node: Video;
};

/** Output resolution of a video. */
export type VideoResolution =
  /** 3840×2160 (HeyGen's `4k`). */
  | 'RESOLUTION_4K'
  /** 1280×720 (HeyGen's `720p`). */
  | 'RESOLUTION_720P'
  /** 1920×1080 (HeyGen's `1080p`). */
  | 'RESOLUTION_1080P';

/** Where a video's rendering stands. Values HeyGen adds later read as null rather than failing the query. */
export type VideoStatus =
  /** Rendered: `videoUrl` is ready. */
  | 'COMPLETED'
  /** Rendering failed: `failureCode` and `failureMessage` say why. */
  | 'FAILED'
  /** Accepted and waiting to render (HeyGen's create answer says `waiting`). */
  | 'PENDING'
  /** Rendering. */
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

/** Tunes the voice that speaks a script. */
export type VoiceSettingsInput = {
  /** Accent of a multilingual voice, e.g. `en-US` (at most 35 characters). */
  locale?: InputMaybe<Scalars['String']['input']>;
  /** Pitch in semitones, -50..50 (0 is normal). */
  pitch?: InputMaybe<Scalars['Float']['input']>;
  /** Speed, 0.5..1.5 (1 is normal). */
  speed?: InputMaybe<Scalars['Float']['input']>;
};

/** Who owns a voice. */
export type VoiceType =
  /** Voices your account cloned or designed. */
  | 'PRIVATE'
  /** HeyGen's shared voice library. */
  | 'PUBLIC';

/** A prepaid balance. */
export type Wallet = {
  __typename?: 'Wallet';
  /** The top-up rule; null when HeyGen sends none. */
  autoReload?: Maybe<WalletAutoReload>;
  /** What `remainingBalance` counts; null for a currency this gateway does not know yet. */
  currency?: Maybe<WalletCurrency>;
  /** What is left, in `currency`. */
  remainingBalance?: Maybe<Scalars['Float']['output']>;
};

/** Tops a wallet up when its balance runs low. */
export type WalletAutoReload = {
  __typename?: 'WalletAutoReload';
  /** What each top-up adds, in USD. */
  amountUsd?: Maybe<Scalars['Float']['output']>;
  /** Whether auto-reload is on. */
  enabled: Scalars['Boolean']['output'];
  /** The balance, in USD, below which the wallet is topped up. */
  thresholdUsd?: Maybe<Scalars['Float']['output']>;
};

/** What a wallet's balance counts. */
export type WalletCurrency =
  /** HeyGen credits (Enterprise). */
  | 'CREDITS'
  /** US dollars. */
  | 'USD';
