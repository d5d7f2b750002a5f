import { z } from 'zod';

/** The JSON error body every API route answers with. */
export const errorBody = z.object({
  error: z.object({
    id: z.string(),
    message: z.string(),
    requestId: z.string(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});
