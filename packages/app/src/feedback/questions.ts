/**
 * The practice questions the feedback form asks, in plain English, and the one 0–4 scale both
 * versions answer on: the standard form in words, the younger children's form as faces with words.
 */
import type { FeedbackForm } from './schema.ts';

export const questionKeys = ['understandWorries', 'listenedTo', 'planHelping'] as const;
export type QuestionKey = (typeof questionKeys)[number];

export const questions: Record<QuestionKey, { standard: string; younger: string; short: string }> = {
  understandWorries: {
    standard: 'Do you understand why people are worried?',
    younger: 'Do you know why grown-ups are worried?',
    short: 'Understands why people are worried',
  },
  listenedTo: {
    standard: 'Do you feel listened to?',
    younger: 'Do people listen to you?',
    short: 'Feels listened to',
  },
  planHelping: {
    standard: 'Is the plan helping?',
    younger: 'Are things getting better?',
    short: 'The plan is helping',
  },
};

export const betterQuestion = {
  standard: 'What would make it better?',
  younger: 'What would make things better for you?',
};

/** The scale, highest first, as each form words it (the younger form's faces are drawn in the template). */
export const scale: readonly { value: number; standard: string; younger: string; face: string }[] = [
  { value: 4, standard: 'Yes', younger: 'Yes!', face: '😀' },
  { value: 3, standard: 'Mostly', younger: 'Mostly', face: '🙂' },
  { value: 2, standard: 'Sometimes', younger: 'A bit', face: '😐' },
  { value: 1, standard: 'Not really', younger: 'Not really', face: '🙁' },
  { value: 0, standard: 'No', younger: 'No', face: '😢' },
];

/** An answer in the words of the standard form ("Mostly"), or "Not answered". */
export function answerWords(value: number | null): string {
  return scale.find((s) => s.value === value)?.standard ?? 'Not answered';
}

/** The form's radios for one question (value, label), in the form's own words. */
export function scaleOptions(form: FeedbackForm): { value: string; text: string }[] {
  return scale.map((s) => ({
    value: String(s.value),
    text: form === 'younger' ? `${s.face} ${s.younger}` : s.standard,
  }));
}
