import { afterEach, describe, expect, it } from 'vitest';
import { SIMULATOR_KEYS, startSimulator, type Simulator, type SimulatorOptions } from '../src/simulator/server.js';

const started: Simulator[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((simulator) => simulator.close()));
});

const start = async (options: SimulatorOptions) => {
  const simulator = await startSimulator(options);
  started.push(simulator);
  return simulator;
};

/** Sends `count` GETs one after another (arrival order is the PRNG's order) and answers their statuses and bodies. */
async function statusesOf(simulator: Simulator, count: number): Promise<{ status: number; body: any }[]> {
  const answers = [];
  for (let index = 0; index < count; index++) {
    const response = await fetch(`${simulator.url}/v3/avatars?limit=1`, { headers: { 'x-api-key': SIMULATOR_KEYS.demo } });
    answers.push({ status: response.status, body: await response.json() });
  }
  return answers;
}

describe('simulator random faults', () => {
  it('fails about faultRate of the requests with the given statuses and HeyGen error bodies', async () => {
    const simulator = await start({ faultRate: 0.3, faultStatuses: [500, 503, 429] });
    const answers = await statusesOf(simulator, 200);
    const failed = answers.filter((answer) => answer.status !== 200);
    expect(failed.length / answers.length).toBeGreaterThan(0.2);
    expect(failed.length / answers.length).toBeLessThan(0.4);
    expect(new Set(failed.map((answer) => answer.status))).toEqual(new Set([500, 503, 429]));
    for (const answer of failed) expect(answer.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    expect(simulator.requests).toHaveLength(200);
  });

  it('fails the same requests for the same seed, and others for another seed', async () => {
    const statuses = async (faultSeed: number) => (await statusesOf(await start({ faultRate: 0.25, faultSeed }), 80)).map((answer) => answer.status);
    const first = await statuses(7);
    expect(await statuses(7)).toEqual(first);
    expect(await statuses(8)).not.toEqual(first);
  });

  it('fails nothing by default', async () => {
    const answers = await statusesOf(await start({}), 50);
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
  });

  it('serves scripted failNext faults first', async () => {
    const simulator = await start({ faultRate: 1, faultStatuses: [503] });
    simulator.failNext({ status: 403, times: 2 });
    expect((await statusesOf(simulator, 3)).map((answer) => answer.status)).toEqual([403, 403, 503]);
  });

  it.each([
    ['a rate above 1', { faultRate: 1.5 }, /faultRate must be 0\.\.1, got 1\.5/],
    ['a negative rate', { faultRate: -0.1 }, /faultRate must be 0\.\.1/],
    ['a rate that is not a number', { faultRate: Number.NaN }, /faultRate must be 0\.\.1/],
    ['no statuses', { faultRate: 0.1, faultStatuses: [] }, /faultStatuses must be HTTP error statuses/],
    ['a success status', { faultRate: 0.1, faultStatuses: [200] }, /faultStatuses must be HTTP error statuses/],
  ])('refuses %s', async (_, options, message) => {
    await expect(startSimulator(options)).rejects.toThrow(message);
  });
});
