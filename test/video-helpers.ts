import { expect } from 'vitest';
import type { RecordedRequest } from '../src/simulator/server.js';
import { codesOf, SIMULATOR_KEYS, type GraphQLResponse, type Stack } from './helpers.js';

/** createVideo with what a test looks at: whether it was replayed, the video, and the look and voice. */
export const CREATE_VIDEO = `mutation Make($input: CreateVideoInput!) {
  createVideo(input: $input) {
    replayed
    video { videoId status title }
    look { lookId }
    voice { voiceId }
  }
}`;

/** A valid createVideo input with a look and a voice every simulator key may use; `extra` overrides its fields. */
export const validInput = (stack: Pick<Stack, 'simulator'>, extra: Record<string, unknown> = {}) => ({
  lookId: stack.simulator.catalogue.looks[0]!.id,
  voiceId: stack.simulator.catalogue.voices[0]!.voice_id,
  script: 'Hello from the gateway.',
  ...extra,
});

/** Sends CREATE_VIDEO with `input` through `stack`'s gateway, with the demo key unless told another. */
export const makeVideo = (stack: Pick<Stack, 'query'>, input: Record<string, unknown>, key: string = SIMULATOR_KEYS.demo): Promise<GraphQLResponse> =>
  stack.query(CREATE_VIDEO, { input }, { 'x-api-key': key });

/** The POSTs in a request log: what HeyGen would have charged for. */
export const postsIn = (requests: readonly RecordedRequest[]) => requests.filter((request) => request.method === 'POST');

/** Expects answers to one idempotency key to be one video: no errors, one id, made by exactly one of them. */
export function expectOneVideo(answers: readonly GraphQLResponse[]): void {
  expect(answers.flatMap((answer) => codesOf(answer))).toEqual([]);
  expect(new Set(answers.map((answer) => answer.data.createVideo.video.videoId)).size).toBe(1);
  expect(answers.filter((answer) => !answer.data.createVideo.replayed)).toHaveLength(1);
}

/** One Server-Sent Events stream of a GraphQL subscription: its `next` payloads, and whether it completed. */
export interface EventStream {
  /** The next payload; rejects when the stream ends first. */
  next(): Promise<any>;
  /** Resolves true when the server sent `complete`, false when the stream broke off without it. */
  readonly ended: Promise<boolean>;
  /** Goes away, as a client closing its tab would. */
  cancel(): void;
}

/**
 * Subscribes over GraphQL over SSE (yoga's distinct-connections mode) and reads the stream as it comes.
 * `chunked` sends the body as a stream (`Transfer-Encoding: chunked`, no `Content-Length`), as a client
 * streaming its request does.
 */
export async function subscribe(url: string, query: string, headers: Record<string, string>, { chunked = false } = {}): Promise<EventStream> {
  const abort = new AbortController();
  const text = JSON.stringify({ query });
  const body = chunked ? new Blob([text]).stream() : text;
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body,
    signal: abort.signal,
    ...(chunked && { duplex: 'half' }),
  } as RequestInit);
  if (!response.body) throw new Error(`no stream: ${response.status}`);
  const payloads: any[] = [];
  const waiting: { resolve: (value: any) => void; reject: (error: Error) => void }[] = [];
  let finished: boolean | undefined;
  const settle = () => {
    while (waiting.length > 0 && (payloads.length > 0 || finished !== undefined)) {
      const waiter = waiting.shift()!;
      if (payloads.length > 0) waiter.resolve(payloads.shift());
      else waiter.reject(new Error(`the stream ended (${finished ? 'complete' : 'cut'})`));
    }
  };
  const ended = (async () => {
    const decoder = new TextDecoder();
    let text = '';
    let complete = false;
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        text += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = text.indexOf('\n\n')) >= 0) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          if (/^event: complete$/m.test(block)) complete = true;
          const data = /^event: next\ndata: (.*)$/m.exec(block)?.[1];
          if (data !== undefined) payloads.push(JSON.parse(data));
          settle();
        }
      }
    } catch {
      // cancelled or cut: `complete` says which
    }
    finished = complete;
    settle();
    return complete;
  })();
  return {
    next: () => new Promise((resolve, reject) => (waiting.push({ resolve, reject }), settle())),
    ended,
    cancel: () => abort.abort(),
  };
}
