import { defaultCodeFor } from "./failure";

/**
 * Failures on demand, so clients' retry and error paths can be tested against a real
 * server. Applied before authentication: a fault stands for the network or COS itself.
 */
export interface FaultInjector {
  /** Answer the next `count` requests with this status and a COS error body. */
  failNext(count: number, status: number, code?: string): void;
  /** Destroy the socket of the next `count` requests without answering. */
  resetNext(count: number): void;
  /** Delay every answer by `ms`. */
  setLatency(ms: number): void;
  /** Failures and resets asked for and not yet spent on a request. */
  readonly pending: number;
  /** The request targets (path and query) spent failures and resets were dealt to, oldest first. */
  readonly struck: readonly string[];
  /**
   * Hold every batch job's workers after each object they finish, until `releaseJobs` (or
   * `clear`); cancelling a job or closing the bucket lets its workers go too. A test in another
   * process can then act on a job that is certainly still running.
   */
  holdJobs(): void;
  releaseJobs(): void;
  clear(): void;
}

export type Fault = { kind: "fail"; status: number; code: string } | { kind: "reset" } | { kind: "none" };

export class Faults implements FaultInjector {
  private failures: { count: number; status: number; code: string } | undefined;
  private resets = 0;
  private readonly struckTargets: string[] = [];
  private jobRelease: { held: Promise<void>; release: () => void } | undefined;
  latencyMs = 0;

  failNext(count: number, status: number, code?: string): void {
    this.failures = count > 0 ? { count, status, code: code ?? defaultCodeFor(status) } : undefined;
  }

  resetNext(count: number): void {
    this.resets = Math.max(0, count);
  }

  setLatency(ms: number): void {
    this.latencyMs = Math.max(0, ms);
  }

  get pending(): number {
    return this.resets + (this.failures?.count ?? 0);
  }

  get struck(): readonly string[] {
    return this.struckTargets;
  }

  holdJobs(): void {
    if (this.jobRelease) return;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.jobRelease = { held, release };
  }

  releaseJobs(): void {
    this.jobRelease?.release();
    this.jobRelease = undefined;
  }

  /** What a job's worker waits for after an object: nothing unless jobs are held. */
  jobHold(): Promise<void> | undefined {
    return this.jobRelease?.held;
  }

  clear(): void {
    this.failures = undefined;
    this.resets = 0;
    this.latencyMs = 0;
    this.struckTargets.length = 0;
    this.releaseJobs();
  }

  /** Consumes the fault due for one incoming request (`target`: its path and query); resets go first. */
  take(target: string): Fault {
    if (this.resets > 0) {
      this.resets--;
      this.struckTargets.push(target);
      return { kind: "reset" };
    }
    if (this.failures) {
      const { status, code } = this.failures;
      if (--this.failures.count === 0) this.failures = undefined;
      this.struckTargets.push(target);
      return { kind: "fail", status, code };
    }
    return { kind: "none" };
  }
}
