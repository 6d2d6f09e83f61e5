import { createHash } from 'node:crypto';
import type { HeyGenAvatarGroup, HeyGenAvatarLook, HeyGenVoice } from '../heygen/types.js';

/**
 * Seeded, realistic avatar data for the simulator: the same seed always gives the same catalogue, so
 * tests can compare a walk through the gateway with the simulator's own lists.
 */

/** A simulated voice with what the list item shows plus what only the simulator knows. */
export interface CatalogueVoice extends Required<Pick<HeyGenVoice, 'voice_id' | 'support_pause'>> {
  name: string;
  language: string;
  gender: string;
  preview_audio_url: string | null;
  support_locale: boolean;
  type: 'public' | 'private';
  /** Engines this voice works with, for the `engine` filter. */
  engines: string[];
  created_at: number;
}

/** Everything one credential can see beyond the public catalogue. */
export interface TenantData {
  groups: HeyGenAvatarGroup[];
  looks: HeyGenAvatarLook[];
  voices: CatalogueVoice[];
}

export interface Catalogue {
  groups: HeyGenAvatarGroup[];
  looks: HeyGenAvatarLook[];
  voices: CatalogueVoice[];
  /** Private data of a tenant, made on first use from the tenant's name. */
  tenant(name: string): TenantData;
}

export interface CatalogueOptions {
  /** @default 1 */
  seed?: number;
  /** Public avatar groups. @default 120 */
  publicGroups?: number;
  /** Public voices. @default 240 */
  publicVoices?: number;
  /** How digital twins spell their `avatar_type` (the docs disagree). @default 'digital_twin' */
  digitalTwinType?: 'digital_twin' | 'video_avatar';
}

const FIRST_NAMES = ['Anna', 'Monica', 'Daniel', 'Priya', 'Kenji', 'Sofia', 'Marcus', 'Leila', 'Tomas', 'Amara', 'Chen', 'Isabel', 'Omar', 'Hana', 'Lucas', 'Zara', 'Ethan', 'Mei', 'Rafael', 'Nadia', 'Jonas', 'Aisha', 'Victor', 'Yuki'];
const OUTFITS = ['Business Suit', 'Business Casual', 'Casual', 'Studio', 'Lab Coat', 'Outdoor', 'Evening', 'Sport', 'Office Desk', 'Lounge'];
const LANGUAGES = ['English', 'Spanish', 'Japanese', 'German', 'French', 'Portuguese', 'Hindi', 'Chinese', 'Korean', 'Italian'];
const VOICE_NAMES = ['Sara', 'Paul', 'Ivy', 'Brian', 'Lena', 'Mateo', 'Keiko', 'Noah', 'Elif', 'Arjun', 'Chloe', 'Felix'];
const TAG_SETS = [['business', 'formal'], ['casual'], ['education'], ['healthcare', 'formal'], ['lifestyle'], []];
const ORIENTATIONS = ['portrait', 'landscape', 'square'] as const;
const NEWEST_PUBLIC = 1_740_000_000;

/** mulberry32: a small, fast, seedable PRNG (also seeds test plans). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hex(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

/** Newest first, ties broken by id: the stable order the simulator pages in. */
export function byNewest(a: { created_at?: number | null; id?: string; voice_id?: string }, b: typeof a): number {
  return (b.created_at ?? 0) - (a.created_at ?? 0) || String(a.id ?? a.voice_id).localeCompare(String(b.id ?? b.voice_id));
}

function makeVoices(next: () => number, count: number, type: 'public' | 'private', salt: string, newest: number): CatalogueVoice[] {
  return Array.from({ length: count }, (_, index) => {
    const gender = index % 2 === 0 ? 'female' : 'male';
    const voiceId = hex(`${salt}:voice:${index}`, 32);
    return {
      voice_id: voiceId,
      name: type === 'private' ? `My Voice ${index + 1}` : `${pick(next, VOICE_NAMES)} ${index + 1}`,
      language: pick(next, LANGUAGES),
      gender,
      preview_audio_url: next() < 0.9 ? `https://files.heygen.ai/voice/${voiceId}/preview.mp3` : null,
      support_pause: next() < 0.7,
      support_locale: next() < 0.4,
      type,
      engines: next() < 0.65 ? ['starfish', 'multilingual'] : ['multilingual'],
      created_at: newest - index * 3600,
    };
  });
}

interface GroupPlan {
  id: string;
  name: string;
  gender: string;
  createdAt: number;
  looks: number;
  voiceId: string | null;
  kind: 'public' | 'private';
  status: HeyGenAvatarGroup['status'];
}

function makeGroup(plan: GroupPlan): HeyGenAvatarGroup {
  const isPrivate = plan.kind === 'private';
  const group: HeyGenAvatarGroup = {
    id: plan.id,
    name: plan.name,
    preview_image_url: `https://files.heygen.ai/avatar/${plan.id}/preview.jpg?Expires=${plan.createdAt + 604_800}`,
    preview_video_url: `https://files.heygen.ai/avatar/${plan.id}/preview.mp4?Expires=${plan.createdAt + 604_800}`,
    gender: plan.gender,
    created_at: plan.createdAt,
    looks_count: plan.looks,
    default_voice_id: plan.voiceId,
    consent_status: isPrivate ? (plan.status === 'pending_consent' ? 'pending' : 'approved') : null,
    status: isPrivate ? plan.status : null,
    error: null,
  };
  if (plan.status === 'failed') group.error = { code: 'training_failed', message: 'Footage duration must be between 15s and 600s' };
  return group;
}

function makeLooks(next: () => number, group: HeyGenAvatarGroup, avatarType: () => string): HeyGenAvatarLook[] {
  return Array.from({ length: group.looks_count }, (_, index) => {
    const id = `lk_${hex(`${group.id}:look:${index}`, 12)}`;
    const orientation = pick(next, ORIENTATIONS);
    const [width, height] = orientation === 'portrait' ? [1080, 1920] : orientation === 'square' ? [1080, 1080] : [1920, 1080];
    return {
      id,
      name: `${group.name} - ${OUTFITS[index % OUTFITS.length]}`,
      avatar_type: avatarType(),
      group_id: group.id,
      preview_image_url: `https://files.heygen.ai/look/${id}/preview.jpg`,
      preview_video_url: next() < 0.8 ? `https://files.heygen.ai/look/${id}/preview.mp4` : null,
      gender: group.gender ?? null,
      tags: pick(next, TAG_SETS),
      default_voice_id: group.default_voice_id ?? null,
      supported_api_engines: next() < 0.5 ? ['avatar_iv', 'avatar_v'] : ['avatar_iv'],
      image_width: width,
      image_height: height,
      preferred_orientation: orientation,
      status: group.status ?? null,
      error: group.error ?? null,
    };
  });
}

/** Builds the public catalogue now and each tenant's private data on first use. */
export function createCatalogue(options: CatalogueOptions = {}): Catalogue {
  const seed = options.seed ?? 1;
  const twin = options.digitalTwinType ?? 'digital_twin';
  const next = seededRandom(seed);
  const voices = makeVoices(next, options.publicVoices ?? 240, 'public', `public:${seed}`, NEWEST_PUBLIC);
  // Default voices come from a small set, so many groups share one: the case batching must handle.
  const defaultVoicePool = voices.slice(0, 24).map((voice) => voice.voice_id);

  const groups: HeyGenAvatarGroup[] = [];
  const looks: HeyGenAvatarLook[] = [];
  let createdAt = NEWEST_PUBLIC;
  for (let index = 0; index < (options.publicGroups ?? 120); index++) {
    createdAt -= 3600 + Math.floor(next() * 86_400);
    const name = FIRST_NAMES[index % FIRST_NAMES.length] + (index >= FIRST_NAMES.length ? ` ${Math.floor(index / FIRST_NAMES.length) + 1}` : '');
    const group = makeGroup({
      id: `ag_${hex(`public:${seed}:group:${index}`, 12)}`,
      name,
      gender: index % 2 === 0 ? 'female' : 'male',
      createdAt,
      looks: 1 + Math.floor(next() * 6),
      voiceId: next() < 0.9 ? pick(next, defaultVoicePool) : null,
      kind: 'public',
      status: null,
    });
    groups.push(group);
    looks.push(...makeLooks(next, group, () => (next() < 0.8 ? 'studio_avatar' : 'photo_avatar')));
  }

  const tenants = new Map<string, TenantData>();
  const tenant = (name: string): TenantData => {
    let data = tenants.get(name);
    if (data) return data;
    const own = seededRandom(seed ^ parseInt(hex(`tenant:${name}`, 8), 16));
    const tenantVoices = makeVoices(own, 2 + Math.floor(own() * 3), 'private', `tenant:${name}`, 1_790_000_000);
    const statuses: HeyGenAvatarGroup['status'][] = ['completed', 'completed', 'processing', 'pending_consent', 'failed', 'completed'];
    const tenantGroups: HeyGenAvatarGroup[] = [];
    const tenantLooks: HeyGenAvatarLook[] = [];
    const count = 4 + Math.floor(own() * 6);
    for (let index = 0; index < count; index++) {
      const group = makeGroup({
        id: `ag_${hex(`tenant:${name}:group:${index}`, 12)}`,
        name: `${name} twin ${index + 1}`,
        gender: index % 2 === 0 ? 'male' : 'female',
        createdAt: 1_790_000_000 - index * 7200,
        looks: 1 + Math.floor(own() * 4),
        voiceId: pick(own, tenantVoices).voice_id,
        kind: 'private',
        status: statuses[index % statuses.length] ?? 'completed',
      });
      tenantGroups.push(group);
      tenantLooks.push(...makeLooks(own, group, () => (own() < 0.75 ? twin : 'photo_avatar')));
    }
    data = { groups: tenantGroups, looks: tenantLooks, voices: tenantVoices };
    tenants.set(name, data);
    return data;
  };

  return { groups: groups.sort(byNewest), looks, voices: voices.sort(byNewest), tenant };
}
