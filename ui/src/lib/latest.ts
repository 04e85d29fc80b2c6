/**
 * Numbers requests so that only the answer to the newest one is used: as-you-type search sends a
 * request per keystroke, and an older, slower answer must not replace a newer one.
 */
export class LatestRequest {
  private last = 0;

  /** Starts a request; keep the ticket and check it when the answer arrives. */
  next(): number {
    this.last += 1;
    return this.last;
  }

  /** True while no request has been started after the one holding `ticket`. */
  isCurrent(ticket: number): boolean {
    return ticket === this.last;
  }
}
