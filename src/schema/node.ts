// Relay global IDs wrap the raw UQPAY UUID ("Card:<uuid>", base64). A malformed id is a client error; an id
// of an object that does not exist (or that the acting account cannot see) resolves to null.
import { badUserInput } from '../errors/graphql';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function uuidNodeId<T>(resolve: (value: T) => string) {
  return {
    resolve,
    parse: (id: string) => {
      if (!UUID_RE.test(id)) throw badUserInput('Not a global ID issued by this API.');
      return id;
    },
  };
}
