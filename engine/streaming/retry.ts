// When a failed load is tried again. Only failures that another attempt can cure are retried by default:
// the network (a reset connection, a 5xx) and a crashed worker (the retry runs on its replacement).
// A missing or corrupt file, a cancelled request or a full budget fail at once. Delays grow
// exponentially from baseDelayMs and stop growing at maxDelayMs; no jitter, so tests can count on them.
import { InvalidArgumentError } from '../memory/errors.js';
import { AssetNetworkError, WorkerCrashedError } from './errors.js';

export interface RetryPolicy {
  /** Attempts in all, the first included (1 = never retry). */
  attempts: number;
  /** Delay before the second attempt; doubled before each later one. */
  baseDelayMs: number;
  /** Cap of the delay. */
  maxDelayMs: number;
  /** Whether this failure is worth another attempt. */
  retryOn(error: Error): boolean;
}

/** Retries AssetNetworkError (except a 4xx answer: asking again gets the same) and WorkerCrashedError. */
export function defaultRetryOn(error: Error): boolean {
  if (error instanceof WorkerCrashedError) return true;
  if (!(error instanceof AssetNetworkError)) return false;
  return error.httpStatus === undefined || error.httpStatus < 400 || error.httpStatus >= 500;
}

export const DEFAULT_RETRY: Readonly<RetryPolicy> = Object.freeze({
  attempts: 3, baseDelayMs: 50, maxDelayMs: 1000, retryOn: defaultRetryOn,
});

/** The policy with defaults filled in; InvalidArgumentError for values that make no sense. */
export function retryPolicy(partial: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...partial };
  const { attempts, baseDelayMs, maxDelayMs } = policy;
  if (!Number.isInteger(attempts) || attempts < 1) throw new InvalidArgumentError(`retry.attempts must be an integer >= 1, not ${attempts}`);
  if (!(baseDelayMs >= 0) || !(maxDelayMs >= baseDelayMs)) {
    throw new InvalidArgumentError(`retry delays must satisfy 0 <= baseDelayMs (${baseDelayMs}) <= maxDelayMs (${maxDelayMs})`);
  }
  return policy;
}

/** Whether attempt number `attempt` (1-based) that failed with `error` is followed by another. */
export function shouldRetry(policy: RetryPolicy, attempt: number, error: Error): boolean {
  return attempt < policy.attempts && policy.retryOn(error);
}

/** The delay before attempt `attempt + 1` (after `attempt` failures). */
export function retryDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}
