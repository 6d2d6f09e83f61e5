import { createHash } from 'node:crypto';
import type { HeyGenBillingType, HeyGenErrorBody, HeyGenUserInfo, HeyGenVideo } from '../heygen/types.js';
import { seededRandom } from './catalogue.js';
import { checkCreateVideoBody, type Known } from './video-requests.js';

/*
 * Videos and the account, per tenant, for the simulator: GET /v3/videos, /v3/videos/{video_id} and
 * /v3/users/me, POST /v3/videos and DELETE /v3/videos/{video_id}. Each tenant's videos are planned once
 * from the seed and the tenant's name; what HeyGen would answer follows from the plan and the clock: a
 * video is `pending`, then `processing`, then `completed` (or `failed`, with a code and a message). At
 * the clock's start the newest three are still rendering (the third one will fail); the rest are done.
 * A video made by POST waits CREATED_PENDING_S, renders for CREATED_RENDER_S and completes, and its
 * price is spent at once (a wallet's balance, a subscription's credits, usage-based spending), as
 * HeyGen charges accepted calls. Inject `clock` and move it to watch them.
 */

export interface VideoLibraryOptions {
  /** The clock the renders run on, epoch ms. @default Date.now */
  clock?: () => number;
  /** @default 1 */
  seed?: number;
}

/** What the simulator answers: a status and a JSON body. */
export interface SimulatedAnswer {
  status: number;
  body: unknown;
}

export interface VideoLibrary {
  /** The videos `apiKey` sees now, newest first, as HeyGen sends them. */
  videosOf(apiKey: string): HeyGenVideo[];
  /** The folders `apiKey`'s videos are in. */
  foldersOf(apiKey: string): string[];
  /** The account of `apiKey` now, as GET /v3/users/me sends it. */
  accountOf(apiKey: string): HeyGenUserInfo;
  /** The answer to a GET of one of the three routes for `apiKey`, or undefined for any other path. */
  answer(path: string, query: Record<string, string>, apiKey: string): SimulatedAnswer | undefined;
  /** The answer to POST /v3/videos (checked like HeyGen: 400 with `param`) or DELETE /v3/videos/{id}; undefined for any other route. */
  write(method: string, path: string, body: unknown, apiKey: string, known: Known): SimulatedAnswer | undefined;
}

/** One video's plan: its answer at any time follows from it. */
interface VideoPlan {
  id: string;
  title: string;
  folderId: string | null;
  outputLanguage: string | null;
  /** Unix seconds. */
  createdAt: number;
  failure: readonly [code: string, message: string] | null;
  duration: number;
  captions: boolean;
  /** Seconds pending, then rendering: PENDING_S and RENDER_S, or the CREATED_ ones for a video made by POST. */
  pendingS: number;
  renderS: number;
  /** Made by POST: its price was spent when it was accepted. */
  made: boolean;
}

interface TenantVideos {
  plans: VideoPlan[];
  folders: string[];
  account: HeyGenUserInfo;
  /** Videos made by POST so far: each one spent its price. */
  made: number;
}

const TOPICS = ['Welcome aboard', 'Product demo', 'Quarterly update', 'Onboarding lesson', 'Sales pitch', 'Customer story', 'Release notes', 'Training module'];
const LANGUAGES = ['es-ES', 'de-DE', 'ja-JP', 'fr-FR'];
const FAILURES = [
  ['rendering_failed', 'Avatar rendering timed out'],
  ['invalid_audio', 'The audio could not be decoded'],
  ['insufficient_credit', 'Not enough credits to render this video'],
] as const;
const PEOPLE = [['Jane', 'Doe'], ['Ravi', 'Patel'], ['Lena', 'Fischer'], ['Tomas', 'Silva']] as const;
const BILLING_TYPES: HeyGenBillingType[] = ['wallet', 'subscription', 'usage_based'];
/** What a completed video costs a wallet, USD. */
const PRICE_USD = 1.5;
/** Every video waits this long, s, then renders for RENDER_S. */
const PENDING_S = 30;
const RENDER_S = 150;
/** A video made by POST waits this long, s, then renders for CREATED_RENDER_S. */
const CREATED_PENDING_S = 5;
const CREATED_RENDER_S = 20;
/** What a video made by POST spends of a subscription's premium credits. */
const PRICE_CREDITS = 1;
const WEEK = 604_800;

const hash = (text: string, length: number) => createHash('sha256').update(text).digest('hex').slice(0, length);
const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
const error = (status: number, code: string, message: string, param: string | null = null): SimulatedAnswer => ({
  status,
  body: { error: { code, message, param, doc_url: null } } satisfies HeyGenErrorBody,
});

function planVideos(name: string, seed: number, start: number): Pick<TenantVideos, 'plans' | 'folders'> {
  const next = seededRandom(seed ^ parseInt(hash(`videos:${name}`, 8), 16));
  const folders = [0, 1, 2].map((index) => `folder_${hash(`${seed}:${name}:folder:${index}`, 8)}`);
  const count = 30 + Math.floor(next() * 20);
  const ages = [10, 60, 150];
  return {
    folders,
    plans: Array.from({ length: count }, (_, index) => {
      const translated = next() < 0.15;
      const language = pick(next, LANGUAGES);
      return {
        id: `v_${hash(`${seed}:${name}:video:${index}`, 12)}`,
        title: `${TOPICS[index % TOPICS.length]} ${count - index}${translated ? ` (${language})` : ''}`,
        folderId: next() < 0.7 ? pick(next, folders) : null,
        outputLanguage: translated ? language : null,
        createdAt: start - (ages[index] ?? 600 + index * 5400 + Math.floor(next() * 3600)),
        failure: index === 2 || (index > 2 && next() < 0.15) ? pick(next, FAILURES) : null,
        duration: Math.round((15 + next() * 180) * 10) / 10,
        captions: next() < 0.5,
        pendingS: PENDING_S,
        renderS: RENDER_S,
        made: false,
      };
    }),
  };
}

function toVideo(plan: VideoPlan, now: number): HeyGenVideo {
  const finishedAt = plan.createdAt + plan.pendingS + plan.renderS;
  const status = now < plan.createdAt + plan.pendingS ? 'pending' : now < finishedAt ? 'processing' : plan.failure ? 'failed' : 'completed';
  const done = status === 'completed';
  const file = (kind: string, extension: string) => (done ? `https://files.heygen.ai/${kind}/${plan.id}.${extension}?Expires=${finishedAt + WEEK}&Signature=${hash(`${plan.id}:${kind}`, 16)}` : null);
  const video: HeyGenVideo = {
    id: plan.id,
    title: plan.title,
    status,
    created_at: plan.createdAt,
    completed_at: done ? finishedAt : null,
    video_url: file('video', 'mp4'),
    thumbnail_url: file('thumb', 'jpg'),
    gif_url: file('gif', 'gif'),
    captioned_video_url: plan.captions ? file('video', 'captioned.mp4') : null,
    subtitle_url: plan.captions ? file('srt', 'srt') : null,
    duration: done ? plan.duration : null,
    folder_id: plan.folderId,
    video_page_url: `https://app.heygen.com/videos/${plan.id}`,
  };
  if (plan.outputLanguage) video.output_language = plan.outputLanguage;
  if (status === 'failed' && plan.failure) [video.failure_code, video.failure_message] = plan.failure;
  return video;
}

/** A tenant's account: the billing type by the tenant's place among the known tenants (Demo wallet, Acme subscription, Globex usage-based). */
function makeAccount(name: string, place: number): HeyGenUserInfo {
  const [first, last] = PEOPLE[parseInt(hash(`person:${name}`, 4), 16) % PEOPLE.length] ?? PEOPLE[0];
  const billing = BILLING_TYPES[(place < 0 ? parseInt(hash(`billing:${name}`, 4), 16) : place) % BILLING_TYPES.length] ?? 'wallet';
  const apiOnly = billing === 'usage_based';
  return {
    username: `user_${hash(`user:${name}`, 6)}`,
    email: `${first.toLowerCase()}.${last.toLowerCase()}@${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example`,
    first_name: apiOnly ? null : first,
    last_name: apiOnly ? null : last,
    billing_type: billing,
    wallet: billing === 'wallet' ? { currency: 'usd', remaining_balance: 500, auto_reload: { enabled: true, threshold_usd: 10, amount_usd: 50 } } : null,
    subscription:
      billing === 'subscription'
        ? { plan: 'team', credits: { premium_credits: { remaining: 500, resets_at: '2026-05-01T00:00:00Z' }, add_on_credits: { remaining: 40, resets_at: null } } }
        : null,
    usage_based: billing === 'usage_based' ? { spending_current_usd: 42.5, spending_cap_usd: 100 } : null,
  };
}

/** A path segment decoded, or undefined when it is not valid percent-encoding. */
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** `account` after spending: USD from a wallet, USD on usage-based billing, credits from a subscription's premium pool. */
function spend(account: HeyGenUserInfo, spent: { walletUsd: number; usageUsd: number; credits: number }): HeyGenUserInfo {
  const { wallet, subscription, usage_based: usage } = account;
  const premium = subscription?.credits.premium_credits;
  const credits = premium && { ...subscription.credits, premium_credits: { ...premium, remaining: (premium.remaining ?? 0) - spent.credits } };
  return {
    ...account,
    ...(wallet && { wallet: { ...wallet, remaining_balance: (wallet.remaining_balance ?? 0) - spent.walletUsd } }),
    ...(subscription && credits && { subscription: { ...subscription, credits } }),
    ...(usage && { usage_based: { ...usage, spending_current_usd: (usage.spending_current_usd ?? 0) + spent.usageUsd } }),
  };
}

/** The list answer: HeyGen's limit (1..100, default 10), the filters, and a base64url `{"last_id"}` token. */
function listVideos(videos: HeyGenVideo[], query: Record<string, string>): SimulatedAnswer {
  const limit = Number(query.limit ?? '10');
  if (!/^\d+$/.test(query.limit ?? '10') || limit < 1 || limit > 100) return error(400, 'invalid_parameter', "'limit' must be between 1 and 100.", 'limit');
  const title = query.title?.toLowerCase();
  const matching = videos.filter((video) => (query.folder_id === undefined || video.folder_id === query.folder_id) && (title === undefined || video.title?.toLowerCase().includes(title)));
  let start = 0;
  if (query.token !== undefined) {
    let lastId: unknown;
    try {
      lastId = (JSON.parse(Buffer.from(query.token, 'base64url').toString('utf8')) as { last_id?: unknown } | null)?.last_id;
    } catch {
      lastId = undefined;
    }
    start = matching.findIndex((video) => video.id === lastId) + 1;
    if (start === 0) return error(400, 'invalid_parameter', 'Invalid or expired pagination token.', 'token');
  }
  const data = matching.slice(start, start + limit);
  const hasMore = start + data.length < matching.length;
  const nextToken = hasMore ? Buffer.from(JSON.stringify({ last_id: data.at(-1)?.id })).toString('base64url') : null;
  return { status: 200, body: { data, has_more: hasMore, next_token: nextToken } };
}

/** Plans each tenant's videos and account on first use; `tenants` maps API keys to tenant names. */
export function createVideoLibrary(options: VideoLibraryOptions, tenants: Readonly<Record<string, string>>): VideoLibrary {
  const clock = options.clock ?? Date.now;
  const start = Math.floor(clock() / 1000);
  const names = [...new Set(Object.values(tenants))];
  const planned = new Map<string, TenantVideos>();
  const tenantOf = (apiKey: string): TenantVideos => {
    const name = tenants[apiKey] ?? 'unknown';
    let tenant = planned.get(name);
    if (tenant === undefined) planned.set(name, (tenant = { ...planVideos(name, options.seed ?? 1, start), account: makeAccount(name, names.indexOf(name)), made: 0 }));
    return tenant;
  };
  const now = () => Math.floor(clock() / 1000);
  const videosOf = (apiKey: string) => tenantOf(apiKey).plans.map((plan) => toVideo(plan, now()));
  // A wallet's balance is what it held before any video, less each planned video rendered by now and
  // each video made by POST; a subscription's credits and usage-based spending move with the latter.
  const accountOf = (apiKey: string): HeyGenUserInfo => {
    const { account, plans, made } = tenantOf(apiKey);
    const rendered = plans.filter((plan) => !plan.made && toVideo(plan, now()).status === 'completed').length;
    return spend(account, { walletUsd: (rendered + made) * PRICE_USD, usageUsd: made * PRICE_USD, credits: made * PRICE_CREDITS });
  };
  const create = (apiKey: string, body: unknown, known: Known): SimulatedAnswer => {
    const problem = checkCreateVideoBody(body, known);
    if (problem) return error(400, 'invalid_parameter', problem.message, problem.param);
    const tenant = tenantOf(apiKey);
    const { title } = body as { title?: string | null };
    const id = `v_${hash(`${options.seed ?? 1}:${tenants[apiKey]}:made:${tenant.made}`, 12)}`;
    tenant.made++;
    tenant.plans.unshift({
      id,
      title: title ?? 'Untitled video',
      folderId: null,
      outputLanguage: null,
      createdAt: now(),
      failure: null,
      duration: 42,
      captions: false,
      pendingS: CREATED_PENDING_S,
      renderS: CREATED_RENDER_S,
      made: true,
    });
    return { status: 200, body: { data: { video_id: id, status: 'waiting' } } };
  };
  const remove = (apiKey: string, videoId: string): SimulatedAnswer => {
    const { plans } = tenantOf(apiKey);
    const index = plans.findIndex((plan) => plan.id === videoId);
    if (index < 0) return error(404, 'not_found', 'Video not found.');
    plans.splice(index, 1);
    return { status: 200, body: { data: { id: videoId, deleted: true } } };
  };

  return {
    videosOf,
    foldersOf: (apiKey) => [...tenantOf(apiKey).folders],
    accountOf,
    write: (method, path, body, apiKey, known) => {
      const [, version, collection, id, ...rest] = path.split('/');
      if (version !== 'v3' || collection !== 'videos' || rest.length > 0) return undefined;
      if (method === 'POST' && id === undefined) return create(apiKey, body, known);
      if (method !== 'DELETE' || id === undefined) return undefined;
      const videoId = decodeSegment(id);
      return videoId === undefined ? error(400, 'invalid_parameter', 'Malformed path.') : remove(apiKey, videoId);
    },
    answer: (path, query, apiKey) => {
      if (path === '/v3/users/me') return { status: 200, body: { data: accountOf(apiKey) } };
      const [, version, collection, id, ...rest] = path.split('/');
      if (version !== 'v3' || collection !== 'videos' || rest.length > 0) return undefined;
      if (id === undefined) return listVideos(videosOf(apiKey), query);
      const videoId = decodeSegment(id);
      if (videoId === undefined) return error(400, 'invalid_parameter', 'Malformed path.');
      const video = videosOf(apiKey).find((item) => item.id === videoId);
      return video ? { status: 200, body: { data: video } } : error(404, 'not_found', 'Video not found.');
    },
  };
}
