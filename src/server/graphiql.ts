import { readFileSync } from 'node:fs';
import type { GraphiQLOptions } from 'graphql-yoga';
import type { Config } from '../config.js';
import {
  FEDERATION_ENTITIES_EXAMPLE,
  GROUP_DETAILS_EXAMPLE,
  LOOKUP_BY_ID_EXAMPLE,
  MAKE_A_VIDEO_EXAMPLE,
  MY_VIDEOS_EXAMPLE,
  NEXT_PAGE_EXAMPLE,
  PUBLIC_GROUPS_EXAMPLE,
} from './examples.js';

/** The headers pane when the gateway has no key of its own: every query needs the caller's. */
const KEY_NEEDED_HEADERS = `{
  // Your HeyGen API key goes here (HeyGen dashboard:
  // Settings > API). Without one, queries answer
  // UNAUTHENTICATED.
  "X-Api-Key": "<your HeyGen API key>"
}`;

/** The headers pane when the gateway has a key of its own: the caller's is optional. */
const KEY_OPTIONAL_HEADERS = `{
  // This gateway has a HeyGen key of its own. To use
  // yours, delete the // before "X-Api-Key" and put
  // your key there (HeyGen dashboard: Settings > API).
  // "X-Api-Key": "<your HeyGen API key>"
}`;

/**
 * GraphiQL's page options: the gateway's name and version as title, a tab per example operation and a
 * headers pane that shows where the `X-Api-Key` goes (filled with `config.graphiqlApiKey` when set,
 * which only the demo does). Reads package.json, so call it once at start-up.
 */
export function createGraphiQLOptions(config: Pick<Config, 'heygenApiKey' | 'graphiqlApiKey'>): GraphiQLOptions {
  const { name, version } = readPackage();
  const headers = config.graphiqlApiKey
    ? JSON.stringify({ 'X-Api-Key': config.graphiqlApiKey }, null, 2)
    : config.heygenApiKey
      ? KEY_OPTIONAL_HEADERS
      : KEY_NEEDED_HEADERS;
  const tab = (query: string, variables?: Record<string, string>) => ({
    query,
    variables: variables ? JSON.stringify(variables, null, 2) : null,
    headers,
  });
  return {
    title: `${name} ${version}${config.graphiqlApiKey ? ' (demo)' : ''}`,
    headers,
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: 'headers',
    defaultTabs: [
      tab(PUBLIC_GROUPS_EXAMPLE),
      tab(NEXT_PAGE_EXAMPLE, { after: 'paste pageInfo.endCursor from the PublicAvatarGroups tab' }),
      tab(GROUP_DETAILS_EXAMPLE),
      tab(LOOKUP_BY_ID_EXAMPLE, { groupId: 'paste a groupId', id: 'paste any id field' }),
      tab(MY_VIDEOS_EXAMPLE),
      tab(MAKE_A_VIDEO_EXAMPLE, {
        lookId: 'paste a lookId',
        voiceId: "paste its group's defaultVoice.voiceId",
        script: 'Hello! This video was made through the HeyGen GraphQL gateway.',
        idempotencyKey: 'graphiql-first-video',
        videoId: 'paste video.videoId from MakeAVideo',
      }),
      tab(FEDERATION_ENTITIES_EXAMPLE),
    ],
  };
}

/**
 * yoga's bundled GraphiQL page (every asset inline, nothing from a CDN) with one fix: tabs that open
 * together, as the example tabs do, keep a stale reorder offset that applies once a tab takes focus, so
 * a first click on one lands beside it and does not switch. Pinned tabs take clicks; dragging still
 * reorders them, though the dragged tab no longer follows the pointer.
 */
export async function renderGatewayGraphiQL(options: GraphiQLOptions): Promise<string> {
  // Loaded on the first page view: the bundle it inlines holds about 30 MB of heap from the moment it is imported.
  const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
  return renderGraphiQL(options).replace('</style>', '.graphiql-tab{transform:none!important}</style>');
}

/** Name and version from the package.json two levels up, which is the package root from src/server and dist/server alike. */
function readPackage(): { name: string; version: string } {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name?: unknown; version?: unknown };
  return { name: String(manifest.name), version: String(manifest.version) };
}
