// A product's `required_fields` (Node SDK `ProductRequiredField`: {name, type: 'string'|'object', required,
// description?, fields?}) as the schema shows them. Read leniently: older docs listed plain names (required
// strings), and an entry without a usable name says nothing a client could act on, so it is skipped.

export interface CardProductField {
  name: string;
  type: string;
  required: boolean;
  description: string | null;
  fields: CardProductField[];
}

/** Deep enough for any real product (address → parts); bounds what an odd answer could make us walk. */
const MAX_DEPTH = 5;

export function productFields(raw: unknown, depth = 0): CardProductField[] {
  if (!Array.isArray(raw) || depth > MAX_DEPTH) return [];
  const out: CardProductField[] = [];
  for (const entry of raw) {
    if (typeof entry === 'string' && entry !== '') {
      out.push({ name: entry, type: 'string', required: true, description: null, fields: [] });
      continue;
    }
    if (!entry || typeof entry !== 'object') continue;
    const f = entry as Record<string, unknown>;
    if (typeof f.name !== 'string' || f.name === '') continue;
    const fields = productFields(f.fields, depth + 1);
    out.push({
      name: f.name,
      type: typeof f.type === 'string' && f.type !== '' ? f.type : fields.length > 0 ? 'object' : 'string',
      // Listed without saying otherwise: it is required (that is what the list is for).
      required: typeof f.required === 'boolean' ? f.required : true,
      description: typeof f.description === 'string' && f.description !== '' ? f.description : null,
      fields,
    });
  }
  return out;
}
