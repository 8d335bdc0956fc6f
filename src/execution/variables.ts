// Variables are coerced once per operation, before it executes, by graphql-js's own rules (coerceInputValue), so a
// variable of the wrong type is refused the same way whichever executor runs the operation. graphql-jit's coercion
// names the wrong variable for a field inside an input (`$amount` for `$input.amount`) and answers 200 with no
// code; here the error is a client's to act on: `BAD_USER_INPUT`, the variable (`extensions.variable`), the path
// into `variables` (`extensions.field`, like userErrors' `field`), the scalar's own message (the one the inline
// form gives), and HTTP 400 under `application/graphql-response+json` (200 under `application/json`, as GraphQL
// over HTTP says). Operations with valid variables run as before; the executor coerces them again for itself.
import {
  coerceInputValue,
  getOperationAST,
  isInputType,
  isNonNullType,
  typeFromAST,
  type ExecutionArgs,
  type GraphQLError,
  type VariableDefinitionNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { gatewayError } from '../errors/graphql';

/** Errors reported per operation; a huge input full of mistakes is answered with its first few. */
export const MAX_VARIABLE_ERRORS = 20;
const QUOTE_MAX = 60;

/** The value as the message quotes it (short: the edge's redaction masks card numbers and long runs anyway). */
function quote(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX)}…` : text;
}

const printPath = (path: readonly (string | number)[]) =>
  path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('');

/** The operation's variable errors, or undefined when its variables coerce. */
export function variableErrors(args: ExecutionArgs): GraphQLError[] | undefined {
  const operation = getOperationAST(args.document, args.operationName);
  const definitions = operation?.variableDefinitions;
  if (!definitions?.length) return undefined;
  const inputs = (args.variableValues ?? {}) as Record<string, unknown>;
  const errors: GraphQLError[] = [];
  const fail = (name: string, path: readonly (string | number)[], message: string, node: VariableDefinitionNode) => {
    if (errors.length >= MAX_VARIABLE_ERRORS) return;
    errors.push(
      gatewayError('BAD_USER_INPUT', message, {
        spec: true,
        nodes: node,
        extensions: { variable: name, field: [name, ...path] },
      }),
    );
  };
  for (const definition of definitions) {
    const name = definition.variable.name.value;
    const type = typeFromAST(args.schema, definition.type);
    // Validation already refused an unknown or non-input type.
    if (!type || !isInputType(type)) continue;
    if (!Object.hasOwn(inputs, name)) {
      if (!definition.defaultValue && isNonNullType(type)) {
        fail(name, [], `Variable "$${name}" of required type "${String(type)}" was not provided.`, definition);
      }
      continue;
    }
    const value = inputs[name];
    if (value === null && isNonNullType(type)) {
      fail(name, [], `Variable "$${name}" of non-null type "${String(type)}" must not be null.`, definition);
      continue;
    }
    coerceInputValue(value, type, (path, invalid, error) => {
      const at = path.length > 0 ? ` at "${name}${printPath(path)}"` : '';
      fail(name, path, `Variable "$${name}" got invalid value ${quote(invalid)}${at}; ${error.message}`, definition);
    });
    if (errors.length >= MAX_VARIABLE_ERRORS) break;
  }
  return errors.length > 0 ? errors : undefined;
}

/** Refuses an operation whose variables do not coerce, before any executor (or later plugin) sees it. */
export function useVariableCoercion(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const errors = variableErrors(args);
      if (errors) setResultAndStopExecution({ errors });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const errors = variableErrors(args);
      if (errors) setResultAndStopExecution({ errors });
    },
  };
}
