import { useCallback, useState } from 'react';

/** One code that was read or typed, with what it turned out to be. */
export interface RecentScan {
  code: string;
  kind: 'order' | 'client';
  /** The order reference or the client's name, as shown in the list. */
  label: string;
  at: string;
}

export const RECENT_SCANS_MAX = 10;

/* Per person: a phone shared by a team shows each their own list. */
const storageKey = (userId: number) => `gestco.scan.recent.${userId}`;

function read(userId: number): RecentScan[] {
  try {
    const raw = window.localStorage.getItem(storageKey(userId));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed)
      ? (parsed as RecentScan[])
          .filter((scan) => typeof scan?.code === 'string' && typeof scan.label === 'string')
          .slice(0, RECENT_SCANS_MAX)
      : [];
  } catch {
    return []; // storage disabled (private mode) or damaged
  }
}

/** The last ten scans in this browser, newest first, one line per code. */
export function useRecentScans(userId: number) {
  const [scans, setScans] = useState(() => read(userId));

  const remember = useCallback(
    (scan: Omit<RecentScan, 'at'>) => {
      const next = [
        { ...scan, at: new Date().toISOString() },
        ...read(userId).filter((other) => other.code !== scan.code),
      ].slice(0, RECENT_SCANS_MAX);
      try {
        window.localStorage.setItem(storageKey(userId), JSON.stringify(next));
      } catch {
        // full or disabled: the list lives until the page closes
      }
      setScans(next);
    },
    [userId],
  );

  const clear = useCallback(() => {
    try {
      window.localStorage.removeItem(storageKey(userId));
    } catch {
      // disabled
    }
    setScans([]);
  }, [userId]);

  return { scans, remember, clear };
}
