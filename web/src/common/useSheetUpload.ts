import { useState } from 'react';
import { ApiError, api } from '../api';
import type { ImportProblem } from '../api-types';
import { useSubmit } from './useSubmit';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The Content-Type the API expects for a file, by its extension (browsers disagree on CSV types). */
export function sheetContentType(name: string): string | undefined {
  if (/\.csv$/i.test(name)) return 'text/csv';
  if (/\.xlsx$/i.test(name)) return XLSX;
  return undefined;
}

/** What an upload came to: counts, every bad row, a file of the wrong kind, or another error. */
export type UploadOutcome<R> =
  | { kind: 'ok'; result: R }
  /** `details`: the refusal's whole details (an import may send more beside its issues, e.g. a preview). */
  | { kind: 'invalid'; problems: ImportProblem[]; details?: unknown }
  | { kind: 'wrongType' }
  | { kind: 'error'; error: unknown };

const isProblemList = (v: unknown): v is ImportProblem[] =>
  Array.isArray(v) && v.every((p) => typeof p === 'object' && p !== null && 'row' in p && 'message' in p);

/** The row problems of a refused import: the details themselves, or their `issues`. */
function problemsOf(e: unknown): ImportProblem[] | null {
  if (!(e instanceof ApiError)) return null;
  const d = e.details as { issues?: unknown } | undefined;
  if (isProblemList(d)) return d;
  return isProblemList(d?.issues) ? d.issues : null;
}

/** A CSV/XLSX upload to an all-or-nothing import endpoint: validate (dry run) first, then import. */
export function useSheetUpload<R>(path: string) {
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<UploadOutcome<R>>();

  // every failure becomes the outcome (row problems or the error), so none is left in the shell's `error`
  const upload = useSubmit(
    async (dryRun: boolean) => {
      if (!file) return;
      const contentType = sheetContentType(file.name);
      if (!contentType) return setOutcome({ kind: 'wrongType' });
      setOutcome(undefined);
      const result = await api<R>(`${path}?dryRun=${dryRun}`, {
        method: 'POST',
        raw: file,
        contentType,
        headers: { 'X-Filename': encodeURIComponent(file.name) },
      });
      setOutcome({ kind: 'ok', result });
    },
    {
      onError: (error) => {
        const problems = problemsOf(error);
        setOutcome(
          problems
            ? { kind: 'invalid', problems, details: error instanceof ApiError ? error.details : undefined }
            : { kind: 'error', error },
        );
        return true;
      },
    },
  );
  const busy: 'validate' | 'import' | null =
    upload.pending === undefined ? null : upload.pending ? 'validate' : 'import';
  const send = async (dryRun: boolean) => {
    await upload.run(dryRun);
  };
  /** Picks another file; the outcome of the previous one no longer applies. */
  function choose(f: File | null) {
    setFile(f);
    setOutcome(undefined);
  }
  return { file, choose, busy, outcome, send };
}
