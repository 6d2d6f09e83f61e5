import type {
  HeyGenAutoReload,
  HeyGenBillingType,
  HeyGenCreditPool,
  HeyGenSubscription,
  HeyGenSubscriptionTier,
  HeyGenUsageBased,
  HeyGenUserInfo,
  HeyGenWallet,
  HeyGenWalletCurrency,
} from '../heygen/types.js';
import type { LoadableItem } from '../loaders.js';
import type { BillingType, SubscriptionTier, WalletCurrency } from './__generated__/schema-types.js';
import type { Context } from './context.js';
import { malformed, optionalFloat, optionalInt, optionalString, requiredBoolean, requiredString, toEnum, type UnknownValueReporter } from './models.js';

/*
 * The account behind `Query.me`: GET /v3/users/me. It is neither a Node nor a list, so it is no
 * resource; it is the item `me` of the route `/v3/users`, which gives it what every lookup has: the
 * request's loaders (deduplicated, metered), retries and the breaker, and the cache's entries under the
 * credential (never shared). Its balance moves as videos render, so an entry lives a few seconds.
 */

const ACCOUNT = 'account';

/** The longest the account is cached, ms: its balance moves as videos render. */
export const ACCOUNT_MAX_AGE_MS = 5000;

const BILLING_TYPE_FROM_WIRE: Readonly<Record<HeyGenBillingType, BillingType>> = { wallet: 'WALLET', subscription: 'SUBSCRIPTION', usage_based: 'USAGE_BASED' };
const WALLET_CURRENCY_FROM_WIRE: Readonly<Record<HeyGenWalletCurrency, WalletCurrency>> = { usd: 'USD', credits: 'CREDITS' };
const SUBSCRIPTION_TIER_FROM_WIRE: Readonly<Record<HeyGenSubscriptionTier, SubscriptionTier>> = {
  free: 'FREE',
  starter: 'STARTER',
  creator: 'CREATOR',
  pro: 'PRO',
  team: 'TEAM',
  enterprise: 'ENTERPRISE',
  business_plus: 'BUSINESS_PLUS',
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An ISO-8601 date-time as HeyGen writes it (`2024-05-01T00:00:00Z`), in the DateTime form; anything else reads as null. */
function optionalIsoDateTime(value: unknown): string | null {
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

const toCreditPool = (pool: HeyGenCreditPool | null | undefined) =>
  isObject(pool) ? { remaining: optionalInt(pool.remaining), resetsAt: optionalIsoDateTime(pool.resets_at) } : null;

const toAutoReload = (reload: HeyGenAutoReload | null | undefined) =>
  isObject(reload)
    ? {
        enabled: requiredBoolean(reload.enabled, ACCOUNT, undefined, 'wallet.auto_reload.enabled'),
        thresholdUsd: optionalFloat(reload.threshold_usd),
        amountUsd: optionalFloat(reload.amount_usd),
      }
    : null;

const toUsageBased = (usage: HeyGenUsageBased | null | undefined) =>
  isObject(usage) ? { spendingCurrentUsd: optionalFloat(usage.spending_current_usd), spendingCapUsd: optionalFloat(usage.spending_cap_usd) } : null;

/** HeyGen's `UserInfoResponse` as the Account type; its parts are read only when a query asks for them. */
export class AccountModel {
  constructor(
    readonly wire: HeyGenUserInfo,
    private readonly report: UnknownValueReporter,
  ) {}

  get username() {
    return requiredString(this.wire.username, ACCOUNT, undefined, 'username');
  }
  get email() {
    return optionalString(this.wire.email);
  }
  get firstName() {
    return optionalString(this.wire.first_name);
  }
  get lastName() {
    return optionalString(this.wire.last_name);
  }
  get billingType() {
    return toEnum('BillingType', BILLING_TYPE_FROM_WIRE, this.wire.billing_type, this.report);
  }
  get wallet() {
    const wallet: HeyGenWallet | null | undefined = this.wire.wallet;
    if (!isObject(wallet)) return null;
    return {
      currency: toEnum('WalletCurrency', WALLET_CURRENCY_FROM_WIRE, wallet.currency, this.report),
      remainingBalance: optionalFloat(wallet.remaining_balance),
      autoReload: toAutoReload(wallet.auto_reload),
    };
  }
  get subscription() {
    const subscription: HeyGenSubscription | null | undefined = this.wire.subscription;
    if (!isObject(subscription)) return null;
    const { credits } = subscription;
    return {
      plan: toEnum('SubscriptionTier', SUBSCRIPTION_TIER_FROM_WIRE, subscription.plan, this.report),
      credits: isObject(credits)
        ? { premiumCredits: toCreditPool(credits.premium_credits), addOnCredits: toCreditPool(credits.add_on_credits) }
        : malformed(ACCOUNT, undefined, 'subscription.credits'),
    };
  }
  get usageBased() {
    return toUsageBased(this.wire.usage_based);
  }
}

/** GET /v3/users/me, as the lookup of the id `me` on `/v3/users`; its cache TTL is `CACHE_TTL_ACCOUNT_SECONDS`. */
export const account = {
  /** The GraphQL type: the cost plan counts a field of this type as one call. */
  typeName: 'Account',
  name: 'account',
  get: { operation: 'getUserMeV3', path: '/v3/users' },
  itemMaxAgeMs: () => ACCOUNT_MAX_AGE_MS,
  // createVideo spends from it (its `alsoChanges`).
  written: true,
  Model: AccountModel,
} as const satisfies LoadableItem<HeyGenUserInfo, AccountModel> & { typeName: string };

/** The credential's account (`Query.me`): null when HeyGen answers 404. */
export const loadAccount = (context: Context): Promise<AccountModel | null> => context.loaders.itemOf(account).load('me');
