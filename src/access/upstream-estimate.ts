// An upper estimate, from the document and its variables alone, of the UQPAY calls one operation will make.
// Lists multiply what is under them by their size: a connection by its `first` (default 20, at most 100),
// `nodes(ids:)` by the number of ids, other lists by 1 (balances, products, spending controls: items that cause
// no further calls). Which fields call UQPAY is the table below: it describes what src/resolvers do, so a
// resolver that starts calling UQPAY belongs in it (test/access/upstream-estimate.test.ts checks it against
// the schema). Branches for different types (`... on Card`, `... on Cardholder`) are all counted, and
// @skip/@include are ignored: the estimate may be high, never low, except where the table says "once"
// (one list per account that every item shares), counted once per operation: a query spanning several
// accounts can then cost more, which the execution-time meter stops (./upstream-calls.ts).
import {
  Kind,
  OperationTypeNode,
  getNamedType,
  isInterfaceType,
  isObjectType,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/**
 * `each`: one call per instance of the parent object; `once`: at most one per operation (a shared list); `page`:
 * up to one call per item of the page the field returns (its `first`), e.g. the ownership reads of `events`.
 */
type Cost = 'each' | 'once' | 'page';

/**
 * Fields that call UQPAY. Root query fields not listed cost one call each; mutations cost one call each, and
 * the object a payload re-reads (any Node-typed payload field) one more.
 */
export const FIELD_CALLS: Readonly<Record<string, Cost | 0>> = {
  'Query.account': 0, // the acting account itself; its fields below call
  'Query.balance': 'once',
  'Query.balances': 'once',
  // The event history reads no UQPAY list: it pages the gateway's event log. Deciding which events the account
  // may see reads each subject nobody has asked about yet, at most `first` per page (src/resolvers/event-history.ts).
  'Query.events': 'page',
  'IssuingEvent.card': 'each',
  'IssuingEvent.cardholder': 'each',
  'Query.cardProduct': 'once',
  'Query.cardProducts': 'once',
  'Account.balances': 'each',
  'Account.cardholders': 'each',
  'Account.cards': 'each',
  'Card.product': 'once',
  'Card.transactions': 'each',
  'Cardholder.cards': 'each',
  'Transaction.card': 'each',
  'CardOrder.card': 'each',
};

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface UpstreamEstimate {
  /** Estimated upstream calls. */
  calls: number;
  /** The most ids any one `nodes(ids:)` names. */
  maxNodeIds: number;
}

type Variables = Record<string, unknown>;

function operationOf(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | undefined {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
}

/** The operation's variables: the given values over the document's defaults. */
function variablesOf(op: OperationDefinitionNode, given: Variables | null | undefined): Variables {
  const out: Variables = {};
  for (const def of op.variableDefinitions ?? []) {
    const name = def.variable.name.value;
    if (given && name in given) out[name] = given[name];
    else if (def.defaultValue) out[name] = valueFromASTUntyped(def.defaultValue);
  }
  return out;
}

/** Whether a value in the document names a variable (its estimate then depends on the variables sent). */
function namesVariable(value: ValueNode): boolean {
  if (value.kind === Kind.VARIABLE) return true;
  if (value.kind === Kind.LIST) return value.values.some(namesVariable);
  if (value.kind === Kind.OBJECT) return value.fields.some((f) => namesVariable(f.value));
  return false;
}

interface Reading {
  vars: Variables;
  /** Set once an argument the estimate read named a variable. */
  variable: boolean;
}

function argument(field: FieldNode, name: string, reading: Reading): unknown {
  const arg = field.arguments?.find((a) => a.name.value === name);
  if (!arg) return undefined;
  if (namesVariable(arg.value)) reading.variable = true;
  return valueFromASTUntyped(arg.value, reading.vars);
}

function pageSize(field: FieldNode, reading: Reading): number {
  const first = argument(field, 'first', reading);
  if (typeof first !== 'number' || !Number.isFinite(first)) return DEFAULT_PAGE_SIZE;
  return Math.max(0, Math.min(MAX_PAGE_SIZE, Math.floor(first)));
}

/**
 * Estimates of documents whose estimate names no variable, by document (yoga's parse cache hands the same
 * DocumentNode to every request sending the same text), operation name and schema: the walk is done once.
 */
const byDocument = new WeakMap<DocumentNode, Map<string, { schema: GraphQLSchema; estimate: UpstreamEstimate }>>();

/** Estimates the upstream calls of the operation `execute` will run (queries and mutations). */
export function estimateUpstreamCalls(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
  variableValues?: Variables | null,
): UpstreamEstimate {
  const cached = byDocument.get(document)?.get(operationName ?? '');
  if (cached?.schema === schema) return cached.estimate;
  const reading: Reading = { vars: {}, variable: false };
  const estimate = estimateWalk(schema, document, operationName, variableValues, reading);
  if (!reading.variable) {
    let forDocument = byDocument.get(document);
    if (!forDocument) {
      forDocument = new Map<string, { schema: GraphQLSchema; estimate: UpstreamEstimate }>();
      byDocument.set(document, forDocument);
    }
    forDocument.set(operationName ?? '', { schema, estimate: Object.freeze(estimate) });
  }
  return estimate;
}

function estimateWalk(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variableValues: Variables | null | undefined,
  reading: Reading,
): UpstreamEstimate {
  const op = operationOf(document, operationName);
  if (!op || op.operation === OperationTypeNode.SUBSCRIPTION) return { calls: 0, maxNodeIds: 0 };
  const root = op.operation === OperationTypeNode.MUTATION ? schema.getMutationType() : schema.getQueryType();
  if (!root) return { calls: 0, maxNodeIds: 0 };
  reading.vars = variablesOf(op, variableValues);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const once = new Set<string>();
  let maxNodeIds = 0;

  /** The calls a field makes where it appears `multiplier` times. */
  const fieldCalls = (
    parent: GraphQLNamedType,
    field: FieldNode,
    def: GraphQLField<unknown, unknown>,
    multiplier: number,
  ): number => {
    const coordinate = `${parent.name}.${field.name.value}`;
    const listed = FIELD_CALLS[coordinate];
    if (listed === 'once') {
      if (once.has(coordinate) || multiplier === 0) return 0;
      once.add(coordinate);
      return 1;
    }
    if (listed === 'each') return multiplier;
    if (listed === 'page') return multiplier * pageSize(field, reading);
    if (listed === 0) return 0;
    if (parent === root) return multiplier;
    // A payload's re-read of the object it changed.
    const type = getNamedType(def.type);
    return parent.name.endsWith('Payload') && implementsNode(type) ? multiplier : 0;
  };

  const walk = (parent: GraphQLNamedType, set: SelectionSetNode, multiplier: number, seen: Set<string>): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        const type = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        if (type) total += walk(type, sel.selectionSet, multiplier, seen);
        continue;
      }
      if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const frag = fragments.get(sel.name.value);
        if (!frag || seen.has(frag.name.value)) continue;
        const type = schema.getType(frag.typeCondition.name.value);
        if (type) total += walk(type, frag.selectionSet, multiplier, new Set(seen).add(frag.name.value));
        continue;
      }
      const def = fieldsOf(parent)?.[sel.name.value];
      if (!def) continue;
      total += fieldCalls(parent, sel, def, multiplier);
      if (!sel.selectionSet) continue;
      let inner = multiplier;
      if (parent === root && sel.name.value === 'nodes') {
        const ids = argument(sel, 'ids', reading);
        const n = Array.isArray(ids) ? ids.length : ids == null ? 0 : 1;
        maxNodeIds = Math.max(maxNodeIds, n);
        total += multiplier * Math.max(0, n - 1); // `nodes` itself counted 1 above; one call per id
        inner *= n;
      } else if (getNamedType(def.type).name.endsWith('Connection')) {
        inner *= pageSize(sel, reading);
      }
      total += walk(getNamedType(def.type), sel.selectionSet, inner, seen);
    }
    return total;
  };

  return { calls: walk(root, op.selectionSet, 1, new Set()), maxNodeIds };
}

function fieldsOf(type: GraphQLNamedType): Record<string, GraphQLField<unknown, unknown>> | undefined {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields() : undefined;
}

function implementsNode(type: GraphQLNamedType): boolean {
  return isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node');
}
