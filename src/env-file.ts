// `npm start` and `npm run start:prod` read a `.env` file from the working directory when there is one (every
// variable is listed in .env.example). Variables already set in the environment win over the file. main.ts imports
// this module first, so every other module sees the file's values.
import { existsSync } from 'node:fs';

export const ENV_FILE = '.env';

if (existsSync(ENV_FILE)) process.loadEnvFile(ENV_FILE);
