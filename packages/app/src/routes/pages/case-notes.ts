/** Editing a case note; a second editor who saved later gets the conflict page, never a silent overwrite. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../http/errors.ts';
import { formToInput, inputToForm, type Field, type FormBody } from '../../http/forms/form.ts';
import { renderForm, saveForm } from '../../http/forms/render.ts';
import { recordsFor } from '../../http/request-context.ts';
import { openNoteForEdit, updateNote, type NoteEdit, type SavedNote } from '../../journey/case-notes.ts';
import { presentPerson } from '../../presenters/person.ts';

const params = z.object({ id: z.string(), noteId: z.string() });

/** The note form's fields (views/partials/note-form.njk renders them). */
export const noteFields: readonly Field[] = [
  { kind: 'text', name: 'title', label: 'Title' },
  { kind: 'textarea', name: 'body', label: 'Note', rows: 10 },
  { kind: 'date', name: 'notedOn', label: 'Date' },
];

const toForm = (n: { notedOn: string; title: string; body: string; version: number }) => ({
  ...inputToForm(noteFields, n),
  version: String(n.version),
});

export const caseNotePages: FastifyPluginAsync = async (app) => {
  app.get('/children/:id/notes/:noteId/edit', async (req, reply) => {
    const { id, noteId } = params.parse(req.params);
    const { opened, note } = await openNoteForEdit(recordsFor(req), id, noteId);
    return renderForm(reply, 'pages/children/edit-note.njk', {
      person: presentPerson(opened.person, opened.abilities),
      noteId,
      fields: noteFields,
      values: toForm(note),
    });
  });

  app.post('/children/:id/notes/:noteId/edit', async (req, reply) => {
    const { id, noteId } = params.parse(req.params);
    const body = (req.body ?? {}) as FormBody;
    const records = recordsFor(req);
    const reopen = async () => {
      const { opened } = await openNoteForEdit(records, id, noteId);
      return presentPerson(opened.person, opened.abilities);
    };
    let saved;
    try {
      saved = await saveForm(
        noteFields,
        () => updateNote(records, id, noteId, { ...formToInput(noteFields, body), version: body.version }),
        async (errors) =>
          renderForm(
            reply,
            'pages/children/edit-note.njk',
            { person: await reopen(), noteId, fields: noteFields, values: body },
            errors,
          ),
      );
    } catch (err) {
      if (!(err instanceof AppError) || err.id !== 'conflict') throw err;
      const { current, yours } = err.options.data as { current: SavedNote; yours: NoteEdit };
      return reply.code(409).view('pages/children/note-conflict.njk', {
        person: await reopen(),
        noteId,
        current,
        yours,
        differs: {
          title: current.title !== yours.title,
          body: current.body !== yours.body,
          notedOn: current.notedOn !== yours.notedOn,
        },
        fields: noteFields,
        // The form carries what they typed, at the version now saved, so saving again is a deliberate choice.
        values: toForm({ ...yours, version: current.version }),
        errors: [],
      });
    }
    if (!saved.ok) return saved.reply;
    return reply.redirect(`/children/${id}?recorded=note-updated`, 303);
  });
};
