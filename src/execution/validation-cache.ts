// Validation results cached per rule set, schema and document, as yoga's own validation cache does, but with the
// rule set known by identity. yoga's keys it by joining the names of all ~30 rules on every request (~4 µs and a
// string a request, most of validating a cached document); here the rule set is found by comparing the functions
// themselves with the few sets seen so far. The gateway's rules are the same functions on every request (the
// limits are made once, src/access/limits.ts), so there are only a handful of sets: graphql-js's rules plus the
// limits, and that plus introspection refused for partners, and @defer/@stream's. A plugin that made its rule anew
// per request would only make its requests miss the cache (validated every time), never share another set's
// results: sets are few and bounded, the oldest dropped first.
//
// Mount it after every plugin that adds a rule (the last onValidate that looks at the rules), with yoga's own
// validation cache off (`parserAndValidationCache: { validationCache: false }`; its parse cache stays).
import type { DocumentNode, GraphQLError, GraphQLSchema, ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

type Results = WeakMap<DocumentNode, readonly GraphQLError[]>;

interface RuleSet {
  rules: readonly ValidationRule[];
  bySchema: WeakMap<GraphQLSchema, Results>;
}

/** How many distinct rule sets are remembered; each keeps its results only as long as their documents live. */
export const MAX_RULE_SETS = 16;

function sameRules(a: readonly ValidationRule[], b: readonly ValidationRule[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function useValidationCache(maxRuleSets = MAX_RULE_SETS): Plugin {
  const sets: RuleSet[] = [];

  function setFor(rules: readonly ValidationRule[]): RuleSet {
    for (const s of sets) if (sameRules(s.rules, rules)) return s;
    if (sets.length >= maxRuleSets) sets.shift();
    const s: RuleSet = { rules: [...rules], bySchema: new WeakMap() };
    sets.push(s);
    return s;
  }

  return {
    onValidate({ params, setResult }) {
      const { schema, documentAST, rules } = params as {
        schema: GraphQLSchema | null | undefined;
        documentAST: DocumentNode;
        rules?: readonly ValidationRule[];
      };
      if (schema == null) return;
      const set = setFor(rules ?? []);
      let results = set.bySchema.get(schema);
      if (!results) set.bySchema.set(schema, (results = new WeakMap()));
      const cached = results.get(documentAST);
      if (cached) {
        setResult(cached);
        return;
      }
      const store = results;
      return ({ result }) => {
        if (result != null) store.set(documentAST, result as readonly GraphQLError[]);
      };
    },
  };
}
