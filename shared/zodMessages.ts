import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * zod/mini ships without message text ("Invalid input" for everything); load the English
 * messages once so every problem says what is wrong with each field. Imported directly
 * (not through `z.locales`), which would bundle every language (~260 KB).
 */
config(en());
