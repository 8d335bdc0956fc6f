// The forward-paging arguments every connection field takes.
import { builder } from './builder';

type ArgBuilder = Parameters<Parameters<typeof builder.queryField>[1]>[0]['arg'];

export const connectionArgs = (arg: ArgBuilder) => ({
  first: arg.int({ description: 'How many items to return, 1–100 (default 20).' }),
  after: arg.string({ description: 'Return the items after this cursor (an edge `cursor` or `pageInfo.endCursor`).' }),
});
