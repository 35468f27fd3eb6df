import { type ReactNode, useState } from 'react';
import { download } from '../api';
import { ErrorBox } from './Status';

interface Props {
  path: string;
  fileName: string;
  busyLabel: string;
  className?: string;
  testId?: string;
  children: ReactNode;
}

/** Downloads a file with the session; a refused download shows the API's message instead of saving it. */
export function DownloadButton({ path, fileName, busyLabel, className = 'btn', testId, children }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  async function run() {
    setBusy(true);
    setError(undefined);
    try {
      await download(path, fileName);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className={className} onClick={run} disabled={busy} data-testid={testId}>
        {busy ? busyLabel : children}
      </button>
      {error !== undefined && (
        <div className="download-error">
          <ErrorBox error={error} onRetry={run} />
        </div>
      )}
    </>
  );
}
