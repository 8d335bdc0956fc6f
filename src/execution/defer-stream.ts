// @defer and @stream, from yoga's plugin: it adds the two directives to the schema and their validation rules.
// The rules only concern documents that use the directives, so they are added for those alone: every other
// request keeps the validation it had (and its cached result) at no extra cost.
import { useDeferStream as useYogaDeferStream } from '@graphql-yoga/plugin-defer-stream';
import type { DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { usesIncrementalDelivery } from './incremental';

export function useDeferStream(): Plugin {
  const plugin = useYogaDeferStream();
  return {
    onSchemaChange: plugin.onSchemaChange,
    onValidate(payload) {
      if (usesIncrementalDelivery(payload.params.documentAST as DocumentNode)) return plugin.onValidate?.(payload);
    },
  };
}
