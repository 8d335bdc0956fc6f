// A bound on how often one selection set selects the same response name. graphql-js's overlap check
// (OverlappingFieldsCanBeMerged) compares every pair of same-named fields: 22 KB of `__typename __typename …`
// (under the token and body limits) cost ~230 ms of validation CPU, and a few in parallel stalled /health. This
// runs before validation, in one linear walk, and refuses such a document without validating it at all.
// Inline fragments count toward the selection set they sit in, and so do the fields a fragment spread brings,
// exactly the fields the overlap check would compare.
import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

type Counts = Map<string, number>;

/** The first response name selected more than `max` times in one selection set, with its count. */
export function findRepeatedField(document: DocumentNode, max: number): { name: string; count: number } | undefined {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const flattened = new Map<string, Counts>();
  const expanding = new Set<string>();
  const pending: SelectionSetNode[] = [];

  // The names one fragment brings into any selection set that spreads it (computed once per fragment).
  const fragmentCounts = (name: string): Counts => {
    const known = flattened.get(name);
    if (known) return known;
    const def = fragments.get(name);
    if (!def || expanding.has(name)) return new Map(); // unknown or cyclic: validation reports those
    expanding.add(name);
    const counts: Counts = new Map();
    collect(def.selectionSet, counts, false);
    expanding.delete(name);
    flattened.set(name, counts);
    return counts;
  };

  // Adds the names `set` selects to `counts`; queues the sub-selections of its fields to be checked themselves.
  function collect(set: SelectionSetNode, counts: Counts, queueChildren: boolean): void {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const key = sel.alias?.value ?? sel.name.value;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        if (queueChildren && sel.selectionSet) pending.push(sel.selectionSet);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        collect(sel.selectionSet, counts, queueChildren);
      } else {
        for (const [key, n] of fragmentCounts(sel.name.value)) counts.set(key, (counts.get(key) ?? 0) + n);
      }
    }
  }

  for (const def of document.definitions) {
    if (def.kind === Kind.OPERATION_DEFINITION || def.kind === Kind.FRAGMENT_DEFINITION) pending.push(def.selectionSet);
  }
  while (pending.length > 0) {
    const counts: Counts = new Map();
    collect(pending.pop()!, counts, true);
    for (const [name, count] of counts) if (count > max) return { name, count };
  }
  return undefined;
}

/**
 * Refuses documents repeating a response name more than `max` times in one selection set, before validation.
 * Results are remembered per parsed document (yoga caches those), so a repeated document costs one lookup.
 */
export function useRepeatedFieldLimit(max: number, refuse: (message: string) => GraphQLError): Plugin {
  const verdicts = new WeakMap<DocumentNode, GraphQLError | null>();
  return {
    onValidate({ params, setResult }) {
      const document = params.documentAST as DocumentNode;
      let verdict = verdicts.get(document);
      if (verdict === undefined) {
        const hit = findRepeatedField(document, max);
        verdict = hit
          ? refuse(
              `Field "${hit.name}" is selected ${hit.count} times in one selection set; at most ${max} are allowed.`,
            )
          : null;
        verdicts.set(document, verdict);
      }
      if (verdict) setResult([verdict]);
    },
  };
}
