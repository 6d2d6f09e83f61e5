import { getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/config.js';
import { createLimitRules } from '../src/graphql/limits.js';
import { createSchema } from '../src/graphql/schema.js';

/*
 * What our depth, alias and directive rules do that graphql-armor's do not (limits.ts says why we keep
 * ours): these cases are where the two differ.
 */

const schema = createSchema({ nodeField: DEFAULT_CONFIG.federationNodeField });
const rules = createLimitRules(DEFAULT_CONFIG);
const messages = (query: string) => validate(schema, parse(query), [...specifiedRules, ...rules]).map((error) => error.message);
const aliases = (count: number, prefix = 'a') => Array.from({ length: count }, (_, i) => `${prefix}${i}: __typename`).join(' ');
/** `levels` fragments, each spreading the next twice, down to `leaf`: 2^levels copies if expanded. */
const doubling = (levels: number, leaf: string) => {
  const fragments = Array.from({ length: levels }, (_, i) => `fragment f${i} on Query { ...f${i + 1} ...f${i + 1} }`);
  return `{ ...f0 } ${fragments.join(' ')} fragment f${levels} on Query { ${leaf} }`;
};

describe('depth, alias and directive rules', () => {
  it('gives each rule its own name, since yoga caches validation by rule names', () => {
    const names = rules.map((rule) => rule.name);
    expect(names.every(Boolean)).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it('leaves introspection of one type out of the depth, as of the whole schema', () => {
    const full = getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, specifiedByUrl: true, directiveIsRepeatable: true });
    const fragments = full.slice(full.indexOf('fragment FullType'));
    expect(messages(`{ __type(name: "AvatarGroup") { ...FullType } } ${fragments}`)).toEqual([]);
  });

  it('counts the aliases of a fragment once, however often it is spread', () => {
    expect(messages(`{ ...f ...f } fragment f on Query { ${aliases(10)} }`)).toEqual([]);
    expect(messages(`{ ...f ...f } fragment f on Query { ${aliases(16)} }`)).toEqual(['query has 16 aliases; the limit is 15']);
  });

  it.each([
    ['aliases', 'a: __typename'],
    ['directives', '__typename @include(if: true)'],
  ])('counts %s in fragments of fragments as written, not expanded', (_, leaf) => {
    expect(messages(doubling(60, leaf))).toEqual([]);
  });

  it('counts directives on variable definitions', () => {
    const variables = Array.from({ length: 21 }, (_, i) => `$v${i}: Int @include(if: true)`).join(' ');
    expect(validate(schema, parse(`query(${variables}) { __typename }`), rules).map((error) => error.message)).toEqual([
      'query has 21 directives; the limit is 20',
    ]);
  });
});
