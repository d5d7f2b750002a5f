/** Attaching a document to a child's record (a multipart form that works without JavaScript) and downloading it. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../http/errors.ts';
import { recordsFor } from '../../http/request-context.ts';
import { addDocument, readDocument } from '../../journey/documents.ts';
import { presentPerson } from '../../presenters/person.ts';

const params = z.object({ id: z.string() });
type Form = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' ? v : '');
function formToDocument(b: Form) {
  const file = b.file as { filename?: string; data?: Buffer } | Buffer | string | undefined;
  const [d, m, y] = ['day', 'month', 'year'].map((p) => str(b[`addedOn-${p}`]).trim());
  return {
    filename: typeof file === 'object' && !Buffer.isBuffer(file) ? (file.filename ?? '') : str(b.filename),
    data:
      typeof file === 'object' && !Buffer.isBuffer(file)
        ? file.data
        : Buffer.isBuffer(file)
          ? file
          : undefined,
    description: str(b.description).trim() || undefined,
    addedOn:
      d === '' && m === '' && y === ''
        ? undefined
        : `${(y ?? '').padStart(4, '0')}-${(m ?? '').padStart(2, '0')}-${(d ?? '').padStart(2, '0')}`,
  };
}

export const documentPages: FastifyPluginAsync = async (app) => {
  app.get('/children/:id/documents/new', async (req, reply) => {
    const { id } = params.parse(req.params);
    const opened = await recordsFor(req).open(id, 'edit');
    return reply.view('pages/children/add-document.njk', {
      person: presentPerson(opened.person, opened.abilities),
      values: {},
    });
  });

  app.post('/children/:id/documents', async (req, reply) => {
    const { id } = params.parse(req.params);
    const body = (req.body ?? {}) as Form;
    const records = recordsFor(req);
    try {
      await addDocument(records, id, formToDocument(body));
    } catch (err) {
      if (!(err instanceof AppError) || err.id !== 'validation_failed') throw err;
      const opened = await records.open(id, 'edit');
      const errors = (err.options.fields ?? []).map((f) => ({
        ...f,
        field:
          f.field === 'addedOn'
            ? 'addedOn-day'
            : f.field === 'filename' || f.field === 'data'
              ? 'file'
              : f.field,
      }));
      const values = Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'file'));
      return reply.code(400).view('pages/children/add-document.njk', {
        person: presentPerson(opened.person, opened.abilities),
        values,
        errors,
      });
    }
    return reply.redirect(`/children/${id}?recorded=${encodeURIComponent('Document added')}`, 303);
  });

  app.get('/children/:id/documents/:documentId', async (req, reply) => {
    const { id, documentId } = z.object({ id: z.string(), documentId: z.string() }).parse(req.params);
    const doc = await readDocument(recordsFor(req), id, documentId);
    return reply
      .type(doc.content_type)
      .header('content-disposition', `attachment; filename="${doc.filename.replace(/[^\w.\- ]/g, '_')}"`)
      .header('cache-control', 'no-store')
      .header('digest', `sha-256=${Buffer.from(doc.sha256, 'hex').toString('base64')}`)
      .send(doc.content);
  });
};
