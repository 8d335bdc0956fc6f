// The persisted-documents manifest's ids by operation name, for clients that send ids instead of documents (a
// partner key may send nothing else). The manifest is generated/persisted-documents.json: copy it into your app.
import { Kind, type DocumentNode } from 'graphql';
import manifest from '../generated/persisted-documents.json' with { type: 'json' };

const idByOperation = new Map<string, string>();
for (const [id, document] of Object.entries(manifest as Record<string, string>)) {
  const name = /^(?:query|mutation|subscription) (\w+)/.exec(document)?.[1];
  if (name) idByOperation.set(name, id.replace(/^sha256:/, ''));
}

/** The manifest's id (hex sha256) for the document's operation; throws for one the manifest does not hold. */
export function manifestId(document: DocumentNode): string {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const name = operation?.name?.value;
  const id = name === undefined ? undefined : idByOperation.get(name);
  if (id === undefined) {
    throw new Error(`${name ?? 'An anonymous operation'} is not in the persisted documents manifest`);
  }
  return id;
}
