/** Attaching a document to a child's record (a multipart form that works without JavaScript) and downloading it. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { formToInput, type Field, type FormBody } from '../../http/forms/form.ts';
import { renderForm, saveForm } from '../../http/forms/render.ts';
import { recordsFor } from '../../http/request-context.ts';
import { addDocument, readDocument } from '../../journey/documents.ts';
import { presentPerson } from '../../presenters/person.ts';

const params = z.object({ id: z.string() });
/** The document form's fields beside the file (the file input is the template's own). */
const documentFields: readonly Field[] = [
  {
    kind: 'text',
    name: 'description',
    label: 'What is it?',
    hint: 'For example: school report, letter from the GP',
    optional: true,
  },
  { kind: 'date', name: 'addedOn', label: 'Date of the document' },
];
// The file's name and content are two inputs of the schema and one box on the page.
const fileAlias = { filename: 'file', data: 'file' };

function formToDocument(b: FormBody) {
  const file = b.file as { filename?: string; data?: Buffer } | Buffer | string | undefined;
  const upload = typeof file === 'object' && !Buffer.isBuffer(file) ? file : undefined;
  return {
    ...formToInput(documentFields, b),
    filename: upload?.filename ?? (typeof b.filename === 'string' ? b.filename : ''),
    data: upload?.data ?? (Buffer.isBuffer(file) ? file : undefined),
  };
}

export const documentPages: FastifyPluginAsync = async (app) => {
  app.get('/children/:id/documents/new', async (req, reply) => {
    const { id } = params.parse(req.params);
    const opened = await recordsFor(req).open(id, 'edit');
    return renderForm(reply, 'pages/children/add-document.njk', {
      person: presentPerson(opened.person, opened.abilities),
      fields: documentFields,
    });
  });

  app.post('/children/:id/documents', { config: { uploads: true } }, async (req, reply) => {
    const { id } = params.parse(req.params);
    const body = (req.body ?? {}) as FormBody;
    const records = recordsFor(req);
    const saved = await saveForm(
      documentFields,
      () => addDocument(records, id, formToDocument(body)),
      async (errors) => {
        const opened = await records.open(id, 'edit');
        return renderForm(
          reply,
          'pages/children/add-document.njk',
          {
            person: presentPerson(opened.person, opened.abilities),
            fields: documentFields,
            values: Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'file')),
          },
          errors,
        );
      },
      fileAlias,
    );
    if (!saved.ok) return saved.reply;
    return reply.redirect(`/children/${id}?recorded=document`, 303);
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
