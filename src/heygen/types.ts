/**
 * Wire types: HeyGen's v3 read API exactly as it sends it (snake_case, unix seconds).
 * Upstream may add fields at any time, so nothing here is exhaustive and unknown fields are ignored.
 */

/** Training status of a private group or look. Upstream may grow new values. */
export type HeyGenAvatarStatus = 'processing' | 'pending_consent' | 'failed' | 'completed';

/** Why training failed; only present when `status` is `failed`. */
export interface HeyGenAvatarError {
  code: string;
  message: string;
}

/** `AvatarGroupItem`: a character such as "Monica". */
export interface HeyGenAvatarGroup {
  id: string;
  name: string;
  preview_image_url?: string | null;
  preview_video_url?: string | null;
  gender?: string | null;
  /** Unix seconds. */
  created_at: number;
  looks_count: number;
  default_voice_id?: string | null;
  consent_status?: string | null;
  status?: string | null;
  error?: HeyGenAvatarError | null;
}

/** Look types as sent; `video_avatar` and `digital_twin` name the same kind. */
export type HeyGenAvatarType = 'studio_avatar' | 'digital_twin' | 'video_avatar' | 'photo_avatar';

/** `AvatarLookItem`: one outfit or pose of a group; its `id` is the `avatar_id` for video creation. */
export interface HeyGenAvatarLook {
  id: string;
  name: string;
  avatar_type: string;
  group_id?: string | null;
  preview_image_url?: string | null;
  preview_video_url?: string | null;
  gender?: string | null;
  tags?: string[];
  default_voice_id?: string | null;
  supported_api_engines?: string[];
  image_width?: number | null;
  image_height?: number | null;
  preferred_orientation?: string | null;
  status?: string | null;
  error?: HeyGenAvatarError | null;
}

/** Voice ownership as the voices endpoints name it. */
export type HeyGenVoiceType = 'public' | 'private';

/**
 * A voice from either endpoint. The list item (`AudioVoiceItem`) has every field; the detail answer of
 * GET /v3/voices/{voice_id} has no `type` or `support_locale`, and adds clone status fields.
 */
export interface HeyGenVoice {
  voice_id: string;
  name?: string | null;
  language?: string | null;
  gender?: string | null;
  preview_audio_url?: string | null;
  support_pause: boolean;
  support_locale?: boolean;
  type?: HeyGenVoiceType;
  status?: string | null;
  failure_message?: string | null;
  support_interactive_avatar?: boolean;
  created_at?: number | null;
}

/** The list envelope shared by every list endpoint. */
export interface HeyGenListPage<T> {
  data: T[];
  has_more: boolean;
  next_token: string | null;
}

/** The single-item envelope of the get-by-id endpoints. */
export interface HeyGenItemEnvelope<T> {
  data: T;
}

/** The v3 error envelope. */
export interface HeyGenErrorBody {
  error: { code: string; message: string; param?: string | null; doc_url?: string | null };
}

/** Which ownership a list asks for; omitted means all. HeyGen has no `all` value. */
export type HeyGenOwnership = 'public' | 'private';

/** What every list endpoint takes: the page size and the page's token (none for the first page). */
export interface ListQuery {
  limit: number;
  token?: string;
}

export interface ListAvatarGroupsQuery extends ListQuery {
  ownership?: HeyGenOwnership;
}

export interface ListAvatarLooksQuery extends ListQuery {
  group_id?: string;
  avatar_type?: HeyGenAvatarType;
  ownership?: HeyGenOwnership;
}

export interface ListVoicesQuery extends ListQuery {
  type?: HeyGenVoiceType;
  engine?: string;
  language?: string;
  gender?: string;
}

/** A video's render state as sent; upstream may grow new values (the create answer says `waiting`). */
export type HeyGenVideoStatus = 'pending' | 'processing' | 'completed' | 'failed';

/**
 * `VideoDetail`, from the list and the detail endpoints alike. The URLs ending in `_url` that point at
 * files are presigned and expire. `output_language` is present only for translated videos, and
 * `failure_code`/`failure_message` only when `status` is `failed`.
 */
export interface HeyGenVideo {
  id: string;
  status: string;
  title?: string | null;
  /** Unix seconds. */
  created_at?: number | null;
  /** Unix seconds, when rendering finished. */
  completed_at?: number | null;
  video_url?: string | null;
  thumbnail_url?: string | null;
  gif_url?: string | null;
  captioned_video_url?: string | null;
  subtitle_url?: string | null;
  /** Seconds. */
  duration?: number | null;
  folder_id?: string | null;
  /** BCP-47. */
  output_language?: string | null;
  failure_code?: string | null;
  failure_message?: string | null;
  video_page_url?: string | null;
}

export interface ListVideosQuery extends ListQuery {
  folder_id?: string;
  /** A substring of the title. */
  title?: string;
}

/** `BillingType`: which one of `wallet`, `subscription` and `usage_based` is populated. */
export type HeyGenBillingType = 'wallet' | 'subscription' | 'usage_based';

/** `WalletCurrency`. */
export type HeyGenWalletCurrency = 'usd' | 'credits';

/** `SubscriptionTier`. */
export type HeyGenSubscriptionTier = 'free' | 'starter' | 'creator' | 'pro' | 'team' | 'enterprise' | 'business_plus';

/** `AutoReloadInfo`: the wallet's top-up rule. */
export interface HeyGenAutoReload {
  enabled: boolean;
  threshold_usd?: number | null;
  amount_usd?: number | null;
}

/** `WalletInfo`: a prepaid balance (USD, or credits for Enterprise). */
export interface HeyGenWallet {
  currency: string;
  remaining_balance?: number | null;
  auto_reload?: HeyGenAutoReload | null;
}

/** `CreditPool`. */
export interface HeyGenCreditPool {
  remaining?: number | null;
  /** ISO-8601, e.g. `2024-05-01T00:00:00Z` (not unix seconds). */
  resets_at?: string | null;
}

/** `SubscriptionInfo`: per-pool credit balances (OAuth integration apps). */
export interface HeyGenSubscription {
  plan: string;
  credits: { premium_credits?: HeyGenCreditPool | null; add_on_credits?: HeyGenCreditPool | null };
}

/** `UsageBasedInfo`: metered billing with an optional cap. */
export interface HeyGenUsageBased {
  spending_current_usd?: number | null;
  spending_cap_usd?: number | null;
}

/** `UserInfoResponse`, the `data` of GET /v3/users/me: the credential's user and billing. */
export interface HeyGenUserInfo {
  username: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  billing_type?: string | null;
  wallet?: HeyGenWallet | null;
  subscription?: HeyGenSubscription | null;
  usage_based?: HeyGenUsageBased | null;
}

/** `BackgroundSetting` of a video: a colour (`value`), or an image by `url` or `asset_id`. */
export interface HeyGenBackground {
  type: 'color' | 'image';
  value?: string;
  url?: string;
  asset_id?: string;
}

/** `VoiceSettingsInput`: speed 0.5..1.5, pitch -50..50 semitones, locale such as `en-US`. */
export interface HeyGenVoiceSettings {
  speed?: number;
  pitch?: number;
  locale?: string;
}

/**
 * `CreateVideoFromAvatar`, the body of POST /v3/videos with `type: "avatar"`: one of `script` (with
 * `voice_id`), `audio_url` or `audio_asset_id`. Fields left out take HeyGen's defaults.
 */
export interface HeyGenCreateVideoBody {
  type: 'avatar';
  avatar_id: string;
  script?: string;
  voice_id?: string;
  audio_url?: string;
  audio_asset_id?: string;
  title?: string;
  resolution?: '4k' | '1080p' | '720p';
  aspect_ratio?: '16:9' | '9:16';
  background?: HeyGenBackground;
  remove_background?: boolean;
  callback_url?: string;
  callback_id?: string;
  voice_settings?: HeyGenVoiceSettings;
  motion_prompt?: string;
  expressiveness?: 'high' | 'medium' | 'low';
}

/** `CreateAvatarVideoResponse`, the `data` of POST /v3/videos: the new video's id and first status (e.g. `waiting`). */
export interface HeyGenCreatedVideo {
  video_id: string;
  status: string;
}

/** `DeleteVideoResponse`, the `data` of DELETE /v3/videos/{video_id}. */
export interface HeyGenDeletedVideo {
  id: string;
  deleted?: boolean;
}
