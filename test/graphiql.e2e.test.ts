import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_KEYS, startStack, type Stack } from './helpers.js';

/*
 * GraphiQL in a real browser: Debian's chromium, driven by playwright-core (which never downloads a
 * browser). Without /usr/bin/chromium the suite skips, unless CI is set, where it fails instead.
 * UPDATE_DOCS_SCREENSHOT=1 also copies the screenshot to docs/graphiql.png for the README.
 */
const CHROMIUM = '/usr/bin/chromium';
const IN_CI = Boolean(process.env.CI) && !/^(0|false)$/i.test(process.env.CI ?? '');
const SKIP = !existsSync(CHROMIUM) && !IN_CI;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCREENSHOT = join(ROOT, 'artifacts', 'graphiql.png');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

if (SKIP) process.stderr.write(`graphiql.e2e: skipped, ${CHROMIUM} is missing (apt-get install -y chromium; with CI set it fails)\n`);

/** The text a pane shows, with Monaco's non-breaking spaces made plain. */
const textOf = async (pane: Locator) => (await pane.innerText()).replace(/\u00a0/g, ' ');

/** The code in a Monaco editor's text, without the gutter's line numbers that lead it. */
const codeOf = async (editor: Locator) => (await textOf(editor)).replace(/^(\d+\n)+/, '');

/** The variables or headers editor, whichever is open. */
const openTool = (page: Page) => page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden)');

/** Waits until the result pane shows every one of `texts`, wherever Monaco wraps their lines. */
async function waitForResult(page: Page, ...texts: string[]): Promise<void> {
  await page.waitForFunction(
    (wanted) => {
      const text = document.querySelector('.graphiql-response')?.textContent?.replace(/\s/g, '') ?? '';
      return wanted.every((part) => text.includes(part.replace(/\s/g, '')));
    },
    texts,
  );
}

/**
 * Clicks ▶ and returns the JSON answer to the operation `operationName` that the page received. GraphiQL
 * works out the editor's operations a moment after a tab switch; a click before that sends nothing and
 * says "Cannot infer operation" in the result pane, so the click is repeated until a request goes out.
 * With `fromMenu` (a tab of several operations), ▶ opens a menu of them and the operation is picked there.
 */
async function run(page: Page, operationName: string, fromMenu = false): Promise<any> {
  const answered = page.waitForResponse((candidate) => {
    if (candidate.request().method() !== 'POST') return false;
    try {
      return candidate.request().postDataJSON()?.operationName === operationName;
    } catch {
      return false;
    }
  });
  for (let attempt = 0; ; attempt++) {
    await page.click('.graphiql-execute-button');
    if (fromMenu) await page.getByRole('menuitem', { name: operationName }).click();
    const sent = await Promise.race([answered.then(() => true), page.waitForTimeout(2000).then(() => false)]);
    if (sent || attempt === 5) break;
  }
  return (await answered).json();
}

/** Clicks the tab of `operationName` and waits for its operation in the editor. */
async function openTab(page: Page, operationName: string): Promise<void> {
  await page.locator('.graphiql-tab-button', { hasText: operationName }).click();
  await page.waitForFunction((name) => document.querySelector('.graphiql-query-editor')?.textContent?.includes(name), operationName);
}

/** Opens the variables or headers editor and returns it. */
async function editorTool(page: Page, tool: 'Variables' | 'Headers'): Promise<Locator> {
  await page.locator('.graphiql-editor-tools').getByRole('button', { name: tool, exact: true }).click();
  return openTool(page);
}

/** Replaces an editor's text as a paste would; Monaco auto-closes brackets, so the tail it adds is cut. */
async function replaceText(page: Page, editor: Locator, text: string): Promise<void> {
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
  await page.keyboard.press('ControlOrMeta+Shift+End');
  await page.keyboard.press('Delete');
  // Running before the editor holds exactly `text` would send nothing (its JSON is not valid yet).
  await expect.poll(async () => (await codeOf(editor)).replace(/\s/g, ''), { timeout: 10_000 }).toBe(text.replace(/\s/g, ''));
}

describe.skipIf(SKIP)('GraphiQL in a real browser', () => {
  let userDataDir: string;
  let context: BrowserContext;
  /** Every URL a page or one of its workers asked for, WebSockets included. */
  const requested: string[] = [];
  const pageErrors: string[] = [];
  const gatewayOrigins = new Set<string>();

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`CI is set but ${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`);
    userDataDir = mkdtempSync(join(tmpdir(), 'graphiql-e2e-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    context.setDefaultTimeout(30_000);
    context.on('request', (request) => requested.push(request.url()));
    context.on('page', (page) => {
      page.on('websocket', (socket) => requested.push(socket.url()));
      page.on('pageerror', (error) => pageErrors.push(error.message));
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  /** Opens GraphiQL from `stack` in a new page and waits for the first example in the editor. */
  async function openGraphiQL(stack: Stack): Promise<Page> {
    gatewayOrigins.add(new URL(stack.gateway.url).origin);
    const page = await context.newPage();
    await page.goto(`${stack.gateway.url}/graphql`);
    await page.waitForFunction(() => document.querySelector('.graphiql-query-editor .view-lines')?.textContent?.includes('PublicAvatarGroups'));
    return page;
  }

  describe('the demo (npm run demo)', () => {
    let stack: Stack;
    let page: Page;
    let firstPage: any;

    beforeAll(async () => {
      stack = await startStack({ config: { heygenApiKey: SIMULATOR_KEYS.demo, graphiqlApiKey: SIMULATOR_KEYS.demo } });
      page = await openGraphiQL(stack);
    }, 60_000);
    afterAll(async () => {
      await page?.close();
      await stack?.close();
    });

    it('opens on the example tabs with the demo key in the headers pane and the version in the title', async () => {
      expect(await page.title()).toBe(`${pkg.name} ${pkg.version} (demo)`);
      expect(await page.locator('.graphiql-tab-button').allInnerTexts()).toEqual([
        'PublicAvatarGroups',
        'NextPageOfGroups',
        'GroupWithLooksAndVoice',
        'LookUpById',
        'MyVideos',
        'MakeAVideo',
        'FederationEntities',
      ]);
      expect(JSON.parse(await codeOf(openTool(page)))).toEqual({ 'X-Api-Key': SIMULATOR_KEYS.demo });
    });

    it('runs the first example and shows avatar groups from the upstream', async () => {
      firstPage = await run(page, 'PublicAvatarGroups');
      const expected = stack.simulator.catalogue.groups.slice(0, 5);
      expect(firstPage.errors).toBeUndefined();
      expect(firstPage.data.avatarGroups.nodes.map((group: any) => [group.groupId, group.name])).toEqual(expected.map((group) => [group.id, group.name]));
      expect(firstPage.data.avatarGroups.pageInfo.hasNextPage).toBe(true);
      await waitForResult(page, `"groupId": "${expected[0]!.id}"`, `"name": "${expected[0]!.name}"`, `"looksCount": ${expected[0]!.looks_count}`);

      await page.mouse.move(1399, 899);
      mkdirSync(join(ROOT, 'artifacts'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, animations: 'disabled' });
      if (process.env.UPDATE_DOCS_SCREENSHOT) {
        mkdirSync(join(ROOT, 'docs'), { recursive: true });
        copyFileSync(SCREENSHOT, join(ROOT, 'docs', 'graphiql.png'));
      }
    }, 60_000);

    it('explains a cursor it cannot read, then pages on from the endCursor', async () => {
      await openTab(page, 'NextPageOfGroups');
      const placeholder = await run(page, 'NextPageOfGroups');
      expect(placeholder.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      await waitForResult(page, 'after is not a valid cursor', '"code": "BAD_USER_INPUT"');

      await replaceText(page, await editorTool(page, 'Variables'), JSON.stringify({ after: firstPage.data.avatarGroups.pageInfo.endCursor }));
      const next = await run(page, 'NextPageOfGroups');
      const expected = stack.simulator.catalogue.groups.slice(5, 10);
      expect(next.errors).toBeUndefined();
      expect(next.data.avatarGroups.edges.map((edge: any) => edge.node.groupId)).toEqual(expected.map((group) => group.id));
      expect(next.data.avatarGroups.pageInfo.hasPreviousPage).toBe(true);
      await waitForResult(page, `"groupId": "${expected[0]!.id}"`, `"name": "${expected[0]!.name}"`);
    }, 60_000);

    it('runs the MyVideos example and shows the demo account and its videos', async () => {
      await openTab(page, 'MyVideos');
      const answer = await run(page, 'MyVideos');
      const expected = stack.simulator.videos.videosOf(SIMULATOR_KEYS.demo).slice(0, 5);
      expect(answer.errors).toBeUndefined();
      expect(answer.data.me).toMatchObject({ username: stack.simulator.videos.accountOf(SIMULATOR_KEYS.demo).username, billingType: 'WALLET' });
      expect(answer.data.videos.nodes.map((video: any) => [video.videoId, video.title])).toEqual(expected.map((video) => [video.id, video.title]));
      await waitForResult(page, `"videoId": "${expected[0]!.id}"`, '"billingType": "WALLET"');
    }, 60_000);

    it('makes a video from the MakeAVideo tab, then follows it with FollowVideo over SSE', async () => {
      await openTab(page, 'MakeAVideo');
      const look = stack.simulator.catalogue.looks[0]!;
      const variables = { lookId: look.id, voiceId: stack.simulator.catalogue.voices[0]!.voice_id, script: 'Hello from the browser.', idempotencyKey: `e2e-${Date.now()}` };
      await replaceText(page, await editorTool(page, 'Variables'), JSON.stringify(variables));
      const made = await run(page, 'MakeAVideo', true);
      expect(made.errors).toBeUndefined();
      const { videoId } = made.data.createVideo.video;
      expect(made.data.createVideo).toMatchObject({ replayed: false, video: { status: 'PENDING', title: 'Made in GraphiQL' }, look: { name: look.name } });
      expect(stack.simulator.requests.filter((request) => request.method === 'POST')).toHaveLength(1);

      await replaceText(page, await editorTool(page, 'Variables'), JSON.stringify({ ...variables, videoId }));
      await page.click('.graphiql-execute-button');
      await page.getByRole('menuitem', { name: 'FollowVideo' }).click();
      await waitForResult(page, `"videoId": "${videoId}"`, '"status": "PENDING"');
      expect(stack.gateway.gateway.videos.status.stats().subscriptions).toBe(1);
      await page.click('.graphiql-execute-button');
      await expect.poll(() => stack.gateway.gateway.videos.status.stats().subscriptions).toBe(0);
    }, 60_000);

    it('browses the schema in the docs explorer', async () => {
      await page.click('.graphiql-sidebar button[aria-label="Show Documentation Explorer"]');
      await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).click();
      await expect.poll(() => textOf(page.locator('.graphiql-doc-explorer'))).toContain('avatarGroups');
      expect(await textOf(page.locator('.graphiql-doc-explorer'))).toContain('Avatar groups (characters), newest first');
    }, 60_000);
  });

  describe('a gateway with no key of its own (npm start)', () => {
    let stack: Stack;
    let page: Page;

    beforeAll(async () => {
      stack = await startStack();
      page = await openGraphiQL(stack);
    }, 60_000);
    afterAll(async () => {
      await page?.close();
      await stack?.close();
    });

    it('shows where the X-Api-Key goes, and what to do when it is missing', async () => {
      const headers = await codeOf(openTool(page));
      expect(headers).toContain('"X-Api-Key": "<your HeyGen API key>"');
      expect(headers).toContain('Settings > API');

      const answer = await run(page, 'PublicAvatarGroups');
      expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      await waitForResult(page, 'send your API key in the X-Api-Key header', '"code": "UNAUTHENTICATED"');
      expect(stack.simulator.requests).toEqual([]);
    }, 60_000);

    it('answers with the key a user types into the headers pane', async () => {
      await replaceText(page, await editorTool(page, 'Headers'), JSON.stringify({ 'X-Api-Key': SIMULATOR_KEYS.tenantA }));
      const answer = await run(page, 'PublicAvatarGroups');
      expect(answer.errors).toBeUndefined();
      expect(answer.data.avatarGroups.nodes).toHaveLength(5);
      expect(stack.simulator.requests.map((request) => request.credential)).toEqual([SIMULATOR_KEYS.tenantA]);
    }, 60_000);

    it('shows an upstream failure as its message with its code', async () => {
      stack.simulator.failNext({ status: 503, times: 10 });
      const answer = await run(page, 'PublicAvatarGroups');
      expect(answer.errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
      await waitForResult(page, answer.errors[0].message, '"code": "UPSTREAM_ERROR"', '"upstreamStatus": 503');
    }, 60_000);
  });

  it('sends every request to the gateway and nowhere else, with no page error', () => {
    expect(requested.length).toBeGreaterThan(0);
    const elsewhere = requested.filter((url) => !url.startsWith('data:') && !gatewayOrigins.has(new URL(url).origin));
    expect(elsewhere).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

if (SKIP) {
  describe('GraphiQL in a real browser', () => {
    it.skip(`needs ${CHROMIUM} (apt-get install -y chromium); skipped because it is missing and CI is not set`, () => {});
  });
}
