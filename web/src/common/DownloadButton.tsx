import type { ReactNode } from 'react';
import { download } from '../api';
import { ErrorBox } from './Status';
import { useSubmit } from './useSubmit';

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
  const get = useSubmit(() => download(path, fileName));
  const run = () => void get.run();

  return (
    <>
      <button type="button" className={className} onClick={run} disabled={get.busy} data-testid={testId}>
        {get.busy ? busyLabel : children}
      </button>
      {get.error !== undefined && (
        <div className="download-error">
          <ErrorBox error={get.error} onRetry={run} />
        </div>
      )}
    </>
  );
}
