// `npm run schema:print`: writes schema.graphql, the committed contract codegen and reviewers read.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from './index';

const out = fileURLToPath(new URL('../../schema.graphql', import.meta.url));
writeFileSync(out, `${printSchema(lexicographicSortSchema(buildSchema()))}\n`);
console.log(`wrote ${out}`);
