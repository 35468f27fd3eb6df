// Plain JavaScript so that worker threads started without the TypeScript loader can use it.
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * Lowers the calling thread's scheduling priority (Linux niceness applies per thread). Background
 * threads woken by the server thread then stop preempting it on a busy core; elsewhere, a no-op.
 * Returns the thread's id, or null where it could not be done.
 */
export function lowerThreadPriority(nice = 10) {
  try {
    // /proc/thread-self links to <pid>/task/<tid>; setpriority() on a tid affects that thread only.
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isSafeInteger(tid) || tid <= 0) return null;
    // Only ever lowered: raising a priority back needs privileges a server should not hold.
    if (getPriority(tid) < nice) setPriority(tid, nice);
    return tid;
  } catch {
    return null;
  }
}
