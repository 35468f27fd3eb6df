import { readFileSync } from 'node:fs';

/**
 * The fields of a thread's /proc stat line after its command name (Linux): the calling thread's,
 * or one of this process's threads by id. Index 11/12 are utime/stime in ticks, 16 the niceness.
 */
export function threadStatFields(tid?: number): string[] {
  const path = tid === undefined ? '/proc/thread-self/stat' : `/proc/self/task/${tid}/stat`;
  // The command name may hold spaces; the fields start after its closing parenthesis.
  return readFileSync(path, 'utf8').split(') ')[1]?.split(' ') ?? [];
}

/** A thread's niceness (the calling thread's without an id). */
export function niceOf(tid?: number): number {
  return Number(threadStatFields(tid)[16]);
}
