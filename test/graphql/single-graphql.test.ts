// Errors built by yoga must be the same GraphQLError class our resolvers and masking see: one graphql copy.
import { createRequire } from 'node:module';
import { GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import { expect, it } from 'vitest';

it('loads a single graphql instance for our code and its dependencies', () => {
  const fromNode = createRequire(import.meta.url)('graphql') as typeof import('graphql');
  expect(fromNode.GraphQLError).toBe(GraphQLError);
  expect(createGraphQLError('x')).toBeInstanceOf(GraphQLError);
});
