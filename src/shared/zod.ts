import { z } from 'zod';

// Validation messages in Chinese by default, on the server and in the web app.
z.config(z.locales.zhCN());

export { z };
