import { describe, expect, it } from 'vitest';
import {
  BadAlignmentError, BadMarkerError, CorruptStateError, DoubleFreeError, EngineDestroyedError, ForeignHandleError,
  InvalidArgumentError, InvalidOffsetError, OpenClawError, OutOfMemoryError, OutOfSpaceError, PoolExhaustedError,
  SizeTooLargeError, StaleHandleError, Status, TooManyAllocatorsError, WasmLoadError, WrongSizeClassError,
  BudgetExceededError, ResourceMissingError, errorForStatus, statusName,
} from '../../../engine/index.js';
import { freshEngine } from '../support/engine.js';

describe('errors', () => {
  it('map every status to its own class, with status and code', () => {
    const cases = [
      [Status.InvalidArgument, InvalidArgumentError],
      [Status.SizeTooLarge, SizeTooLargeError],
      [Status.BadAlignment, BadAlignmentError],
      [Status.StaleHandle, StaleHandleError],
      [Status.DoubleFree, DoubleFreeError],
      [Status.ForeignHandle, ForeignHandleError],
      [Status.InvalidOffset, InvalidOffsetError],
      [Status.WrongSizeClass, WrongSizeClassError],
      [Status.CorruptState, CorruptStateError],
      [Status.OutOfMemory, OutOfMemoryError],
      [Status.TooManyAllocators, TooManyAllocatorsError],
      [Status.BadMarker, BadMarkerError],
      [Status.BudgetExceeded, BudgetExceededError],
      [Status.Missing, ResourceMissingError],
    ] as const;
    for (const [status, type] of cases) {
      const err = errorForStatus(status, 'ctx');
      expect(err).toBeInstanceOf(type);
      expect(err).toBeInstanceOf(OpenClawError);
      expect(err).toBeInstanceOf(Error);
      expect(err.status).toBe(status);
      expect(err.code).toBe(statusName(status));
      expect(err.name).toBe(type.name);
      expect(err.message).toBe(`ctx: ${statusName(status)}`);
    }
  });

  it('Exhausted is PoolExhaustedError on a pool and OutOfSpaceError elsewhere', () => {
    expect(errorForStatus(Status.Exhausted, 'p', 'pool')).toBeInstanceOf(PoolExhaustedError);
    expect(errorForStatus(Status.Exhausted, 's')).toBeInstanceOf(OutOfSpaceError);
    expect(errorForStatus(Status.Exhausted, 's').code).toBe('Exhausted');
  });

  it('unknown codes stay OpenClawErrors; TS-only errors have their own codes', () => {
    const e = errorForStatus(99, 'x');
    expect(e.constructor).toBe(OpenClawError);
    expect(e.code).toBe('Unknown');
    expect(new WasmLoadError('w').code).toBe('WasmLoad');
    expect(new EngineDestroyedError().code).toBe('EngineDestroyed');
  });

  it('status names agree with the core', async () => {
    const engine = await freshEngine();
    for (const [name, code] of Object.entries(Status)) expect(engine.abi.statusName(code)).toBe(name);
    expect(engine.abi.statusName(77)).toBe('Unknown');
  });
});
