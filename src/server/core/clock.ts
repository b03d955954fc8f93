/** Injected clock: all time-dependent code asks it, tests move it. */
export interface Clock {
  now(): Date;
  nowIso(): string;
}

export const systemClock: Clock = { now: () => new Date(), nowIso: () => new Date().toISOString() };

/** A clock tests can set and advance. */
export class FakeClock implements Clock {
  private t: number;
  constructor(start: string | Date = '2026-11-28T02:00:00.000Z') {
    this.t = new Date(start).getTime();
  }
  now() {
    return new Date(this.t);
  }
  nowIso() {
    return new Date(this.t).toISOString();
  }
  set(iso: string | Date) {
    this.t = new Date(iso).getTime();
  }
  advance(ms: number) {
    this.t += ms;
  }
  advanceMinutes(m: number) {
    this.t += m * 60_000;
  }
}

export const addMinutes = (iso: string, m: number) => new Date(new Date(iso).getTime() + m * 60_000).toISOString();

/** Today's date (YYYY-MM-DD) in Asia/Shanghai, where deadlines live. */
export function shanghaiDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
