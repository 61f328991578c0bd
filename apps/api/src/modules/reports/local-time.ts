/**
 * Calendar arithmetic in the business time zone (settings general.timeZone, IANA), without
 * the database's time zone tables (often not loaded): offsets come from Intl, and SQL gets
 * them as a CASE over the UTC instants where the offset changes (daylight saving).
 */

/** A local calendar date, 'YYYY-MM-DD'. */
export type LocalDay = string;

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock of `instant` in the zone, as if it were UTC (ms). */
function wallMs(timeZone: string, instant: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return (
    Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) +
    (((instant % 1000) + 1000) % 1000)
  );
}

const rawOffset = (timeZone: string, instant: number) =>
  Math.round((wallMs(timeZone, instant) - instant) / 60_000);

/** The offsets of a zone over one UTC year, computed once (a few Intl calls per change). */
const yearSegments = new Map<string, OffsetSegment[]>();

/**
 * Minutes to add to UTC to get the zone's wall clock at `instant`. An export formats
 * millions of dates and Intl costs microseconds each: the offsets are looked up in the
 * year's segments instead.
 */
export function offsetMinutes(timeZone: string, instant: number): number {
  const year = new Date(instant).getUTCFullYear();
  const key = `${timeZone}|${year}`;
  let segments = yearSegments.get(key);
  if (!segments) {
    segments = segmentsOf(timeZone, Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1), rawOffset);
    if (yearSegments.size > 1000) yearSegments.clear();
    yearSegments.set(key, segments);
  }
  for (const s of segments) if (s.until === null || instant < s.until) return s.offset;
  return segments[segments.length - 1]!.offset;
}

/** The local date of an instant. */
export function localDayOf(timeZone: string, instant: Date | number): LocalDay {
  const t = +instant;
  return new Date(t + offsetMinutes(timeZone, t) * 60_000).toISOString().slice(0, 10);
}

/**
 * The instant at which the local wall clock reads `day` + `msIntoDay`: the earlier one when
 * the clock reads it twice (autumn), the one just after the gap when never (spring).
 */
export function instantOf(timeZone: string, day: LocalDay, msIntoDay = 0): number {
  const wall = Date.parse(`${day}T00:00:00.000Z`) + msIntoDay;
  const before = wall - offsetMinutes(timeZone, wall - DAY_MS) * 60_000;
  const after = wall - offsetMinutes(timeZone, wall + DAY_MS) * 60_000;
  const valid = [before, after].filter((t) => t + offsetMinutes(timeZone, t) * 60_000 === wall);
  return valid.length > 0 ? Math.min(...valid) : before;
}

/** Milliseconds since local midnight of `instant`'s local day (wall-clock time). */
export function msIntoLocalDay(timeZone: string, instant: number): number {
  return (((instant + offsetMinutes(timeZone, instant) * 60_000) % DAY_MS) + DAY_MS) % DAY_MS;
}

export function addDays(day: LocalDay, n: number): LocalDay {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: LocalDay, b: LocalDay): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** Monday of the ISO week of `day`. */
export function weekStart(day: LocalDay): LocalDay {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((dow + 6) % 7));
}

export const monthStart = (day: LocalDay): LocalDay => `${day.slice(0, 7)}-01`;

export function addMonths(day: LocalDay, n: number): LocalDay {
  const d = new Date(`${monthStart(day)}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
}

export const monthEnd = (day: LocalDay): LocalDay => addDays(addMonths(day, 1), -1);

export function daysInMonth(day: LocalDay): number {
  return Number(monthEnd(day).slice(8, 10));
}

/** Every day from `from` to `to`, both included. */
export function eachDay(from: LocalDay, to: LocalDay): LocalDay[] {
  const days: LocalDay[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

export interface OffsetSegment {
  /** The segment ends before this instant (ms); null for the last one. */
  until: number | null;
  offset: number;
}

function segmentsOf(
  timeZone: string,
  from: number,
  to: number,
  offsetAt: (timeZone: string, instant: number) => number,
): OffsetSegment[] {
  const segments: OffsetSegment[] = [];
  let current = offsetAt(timeZone, from);
  // Offsets change at most a few times a year and never twice within 6 hours.
  const STEP = 6 * 3_600_000;
  for (let t = from; t < to; t += STEP) {
    const next = Math.min(t + STEP, to);
    const o = offsetAt(timeZone, next);
    if (o === current) continue;
    let lo = t;
    let hi = next; // offset(lo) = current, offset(hi) = o
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (offsetAt(timeZone, mid) === current) lo = mid;
      else hi = mid;
    }
    segments.push({ until: hi - (hi % 1000), offset: current });
    current = o;
  }
  segments.push({ until: null, offset: current });
  return segments;
}

/** The zone's UTC offsets over [from, to) with the instants where they change. */
export function offsetSegments(timeZone: string, from: number, to: number): OffsetSegment[] {
  return segmentsOf(timeZone, from, to, offsetMinutes);
}

/** 'YYYY-MM-DD HH:MM:SS.mmm' in UTC: how the pool (time_zone +00:00) compares DATETIME(3). */
export function sqlTime(instant: number | Date): string {
  return new Date(+instant).toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * SQL for the local date of a UTC DATETIME column over [from, to): a CASE on the offset
 * segments (the times are literals: they come from Intl, not from a caller).
 */
export function localDaySql(column: string, timeZone: string, from: number, to: number): string {
  const segments = offsetSegments(timeZone, from, to);
  const offset =
    segments.length === 1
      ? String(segments[0]!.offset)
      : `CASE ${segments
          .map((s) =>
            s.until === null
              ? `ELSE ${s.offset}`
              : `WHEN ${column} < '${sqlTime(s.until)}' THEN ${s.offset}`,
          )
          .join(' ')} END`;
  return `DATE(${column} + INTERVAL (${offset}) MINUTE)`;
}
