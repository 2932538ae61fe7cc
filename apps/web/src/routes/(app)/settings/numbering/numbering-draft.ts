import {
  MAX_NEXT_NUMBER,
  MAX_NUMBER_DIGITS,
  NUMBERED_KINDS,
  counterOf,
  formatDocumentNumber,
  type NumberedKind,
  type NumberingInput,
  type NumberingState,
} from '@kanjo/core';

/** One series as typed: the inputs' text. */
export interface SeriesDraft {
  prefix: string;
  next: string;
  digits: string;
}
export type NumberingDraft = Record<NumberedKind, SeriesDraft>;

/** What is wrong with a typed series, by field: `next` or `digits`. */
export type SeriesProblem = 'invalidNext' | 'invalidDigits';

export function toDraft(state: NumberingState): NumberingDraft {
  const draft = (kind: NumberedKind): SeriesDraft => ({
    prefix: state[kind].prefix,
    next: String(state[kind].next),
    digits: String(state[kind].digits),
  });
  return { quote: draft('quote'), salesOrder: draft('salesOrder'), invoice: draft('invoice') };
}

function wholeNumber(text: string, max: number): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,15}$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return value >= 1 && value <= max ? value : undefined;
}

/** The problems of each typed series, by `kind.field` (as the server names them). */
export function draftProblems(draft: NumberingDraft): Record<string, SeriesProblem> {
  const problems: Record<string, SeriesProblem> = {};
  for (const kind of NUMBERED_KINDS) {
    if (wholeNumber(draft[kind].next, MAX_NEXT_NUMBER) === undefined) {
      problems[`${kind}.next`] = 'invalidNext';
    }
    if (wholeNumber(draft[kind].digits, MAX_NUMBER_DIGITS) === undefined) {
      problems[`${kind}.digits`] = 'invalidDigits';
    }
  }
  return problems;
}

/** The request body of a draft without problems; undefined when a field is wrong. */
export function fromDraft(draft: NumberingDraft): NumberingInput | undefined {
  if (Object.keys(draftProblems(draft)).length > 0) return undefined;
  const series = (kind: NumberedKind) => ({
    prefix: draft[kind].prefix.trim(),
    next: Number(draft[kind].next.trim()),
    digits: Number(draft[kind].digits.trim()),
  });
  return { quote: series('quote'), salesOrder: series('salesOrder'), invoice: series('invoice') };
}

/** The number the next document of a typed series would get, or undefined while it is wrong. */
export function previewOf(series: SeriesDraft): string | undefined {
  const next = wholeNumber(series.next, MAX_NEXT_NUMBER);
  const digits = wholeNumber(series.digits, MAX_NUMBER_DIGITS);
  if (next === undefined || digits === undefined) return undefined;
  return formatDocumentNumber({ prefix: series.prefix.trim(), digits }, next);
}

/** The lowest next number a series may take after `lastUsed`, read with the typed prefix. */
export function lowestNext(prefix: string, lastUsed: string): number | undefined {
  const counter = counterOf(prefix.trim(), lastUsed);
  return counter === undefined ? undefined : counter + 1;
}
