/*
 * The body of POST /v3/videos, checked as HeyGen documents it (`CreateVideoFromAvatar` in
 * heygen-openapi-videos.json): the first problem found is the 400's message, with the field it blames as
 * `param`, so the gateway's handling of HeyGen's own validation can be tested. Only `type: "avatar"` is
 * simulated.
 */

/** A problem with a body: HeyGen's 400 `message` and `param`. */
export interface BodyProblem {
  message: string;
  param: string | null;
}

/** What the simulator knows of the caller: whether it may use a look or a voice. */
export interface Known {
  look(id: string): boolean;
  voice(id: string): boolean;
}

const ENUMS: Record<string, readonly string[]> = {
  resolution: ['4k', '1080p', '720p'],
  aspect_ratio: ['16:9', '9:16'],
  expressiveness: ['high', 'medium', 'low'],
};
const STRINGS = ['title', 'callback_url', 'callback_id', 'script', 'voice_id', 'audio_url', 'audio_asset_id', 'motion_prompt'];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const given = (value: unknown) => value !== undefined && value !== null;
const problem = (param: string | null, message: string): BodyProblem => ({ param, message });

function checkShapes(body: Record<string, unknown>): BodyProblem | null {
  for (const name of STRINGS) if (given(body[name]) && typeof body[name] !== 'string') return problem(name, `'${name}' must be a string.`);
  for (const [name, allowed] of Object.entries(ENUMS)) {
    if (given(body[name]) && !allowed.includes(body[name] as string)) return problem(name, `'${name}' must be one of: ${allowed.join(', ')}.`);
  }
  if (given(body.remove_background) && typeof body.remove_background !== 'boolean') return problem('remove_background', "'remove_background' must be a boolean.");
  const settings = body.voice_settings;
  if (given(settings)) {
    if (!isObject(settings)) return problem('voice_settings', "'voice_settings' must be an object.");
    for (const [name, min, max] of [['speed', 0.5, 1.5], ['pitch', -50, 50]] as const) {
      const value = settings[name];
      if (given(value) && !(typeof value === 'number' && value >= min && value <= max)) return problem(`voice_settings.${name}`, `'voice_settings.${name}' must be between ${min} and ${max}.`);
    }
  }
  const background = body.background;
  if (given(background)) {
    if (!isObject(background) || (background.type !== 'color' && background.type !== 'image')) return problem('background.type', "'background.type' must be one of: color, image.");
    if (background.type === 'color' && typeof background.value !== 'string') return problem('background.value', "'background.value' is required when 'background.type' is 'color'.");
    if (background.type === 'image' && given(background.url) === given(background.asset_id)) return problem('background.url', "Exactly one of 'background.url' or 'background.asset_id' is required for an image background.");
  }
  return null;
}

/** The first problem HeyGen would answer 400 for, or null when it would accept `body` (and charge for it). */
export function checkCreateVideoBody(body: unknown, known: Known): BodyProblem | null {
  if (!isObject(body)) return problem(null, 'The request body must be a JSON object.');
  if (body.type !== 'avatar') return problem('type', body.type === 'image' ? "Only 'avatar' videos are simulated." : "'type' must be one of: avatar, image.");
  if (typeof body.avatar_id !== 'string' || body.avatar_id === '') return problem('avatar_id', 'Exactly one visual source required: avatar_id, image_url, or image_asset_id.');
  const shapes = checkShapes(body);
  if (shapes) return shapes;
  const sources = ['script', 'audio_url', 'audio_asset_id'].filter((name) => given(body[name]));
  if (sources.length !== 1) return problem(sources[1] ?? 'script', 'Exactly one audio source required: script, audio_url, or audio_asset_id.');
  if (body.script === '') return problem('script', "'script' must be at least 1 character.");
  if (given(body.script) && !given(body.voice_id)) return problem('voice_id', "'voice_id' is required when 'script' is provided.");
  if (typeof body.audio_url === 'string' && !body.audio_url.startsWith('https://')) return problem('audio_url', "'audio_url' must be a publicly accessible HTTPS URL.");
  if (!known.look(body.avatar_id)) return problem('avatar_id', `Avatar look '${body.avatar_id.slice(0, 64)}' not found.`);
  if (typeof body.voice_id === 'string' && !known.voice(body.voice_id)) return problem('voice_id', `Voice '${body.voice_id.slice(0, 64)}' not found.`);
  return null;
}
