/** Editing a case note; a second editor who saved later gets the conflict page, never a silent overwrite. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../http/errors.ts';
import { recordsFor } from '../../http/request-context.ts';
import { openNoteForEdit, updateNote, type NoteEdit, type SavedNote } from '../../journey/case-notes.ts';
import { presentPerson } from '../../presenters/person.ts';

const params = z.object({ id: z.string(), noteId: z.string() });
type Form = Record<string, string | undefined>;

const toForm = (n: { notedOn: string; title: string; body: string; version: number }) => {
  const [y, m, d] = n.notedOn.split('-');
  return {
    title: n.title,
    body: n.body,
    version: String(n.version),
    'notedOn-day': d,
    'notedOn-month': m,
    'notedOn-year': y,
  };
};
const fromForm = (b: Form) => {
  const [d, m, y] = ['day', 'month', 'year'].map((p) => (b[`notedOn-${p}`] ?? '').trim());
  return {
    notedOn: `${(y ?? '').padStart(4, '0')}-${(m ?? '').padStart(2, '0')}-${(d ?? '').padStart(2, '0')}`,
    title: b.title ?? '',
    body: b.body ?? '',
    version: b.version ?? '',
  };
};

export const caseNotePages: FastifyPluginAsync = async (app) => {
  app.get('/children/:id/notes/:noteId/edit', async (req, reply) => {
    const { id, noteId } = params.parse(req.params);
    const { opened, note } = await openNoteForEdit(recordsFor(req), id, noteId);
    return reply.view('pages/children/edit-note.njk', {
      person: presentPerson(opened.person, opened.abilities),
      noteId,
      values: toForm(note),
    });
  });

  app.post('/children/:id/notes/:noteId/edit', async (req, reply) => {
    const { id, noteId } = params.parse(req.params);
    const body = (req.body ?? {}) as Form;
    const records = recordsFor(req);
    try {
      await updateNote(records, id, noteId, fromForm(body));
    } catch (err) {
      if (!(err instanceof AppError) || (err.id !== 'validation_failed' && err.id !== 'conflict')) throw err;
      const { opened } = await openNoteForEdit(records, id, noteId);
      const person = presentPerson(opened.person, opened.abilities);
      if (err.id === 'conflict') {
        const { current, yours } = err.options.data as { current: SavedNote; yours: NoteEdit };
        return reply.code(409).view('pages/children/note-conflict.njk', {
          person,
          noteId,
          current,
          yours,
          differs: {
            title: current.title !== yours.title,
            body: current.body !== yours.body,
            notedOn: current.notedOn !== yours.notedOn,
          },
          // The form carries what they typed, at the version now saved, so saving again is a deliberate choice.
          values: toForm({ ...yours, version: current.version }),
        });
      }
      const errors = (err.options.fields ?? []).map((f) => ({
        ...f,
        field: f.field === 'notedOn' ? 'notedOn-day' : f.field,
      }));
      return reply.code(400).view('pages/children/edit-note.njk', { person, noteId, values: body, errors });
    }
    return reply.redirect(`/children/${id}?recorded=${encodeURIComponent('Case note updated')}`, 303);
  });
};
