// The demo route's target over a Game in Node: step() runs game.step, read() copies the views.
import { EntityKind } from '../../../../engine/game/constants.js';
import type { Game } from '../../../../engine/game/game.js';
import type { RouteEntity, RouteState, RouteTarget } from './demo-route.js';

export function readRouteState(game: Game): RouteState {
  const w = game.world;
  const e = game.entities;
  const entities: RouteEntity[] = [];
  let player: RouteEntity | null = null;
  for (let i = 0; i < e.count; i++) {
    const kind = e.kind(i);
    if (kind === EntityKind.None) continue;
    const entity = { index: i, kind, x: e.x(i), y: e.y(i), flags: e.flags(i), state: e.state(i) };
    entities.push(entity);
    if (kind === EntityKind.Player) player = entity;
  }
  return {
    tick: w.tick, status: w.status, score: w.score, health: w.health, lives: w.lives, cratesBroken: w.cratesBroken,
    treasureTaken: w.treasureTaken, damageTaken: w.damageTaken, player, entities,
  };
}

/** A RouteTarget stepping `game`; `onStep` sees every input stepped (to record a run). */
export function gameTarget(game: Game, onStep?: (input: number) => void): RouteTarget {
  return {
    step(frames, input) {
      for (let i = 0; i < frames; i++) {
        game.step(input);
        onStep?.(input);
      }
    },
    read: () => readRouteState(game),
  };
}
