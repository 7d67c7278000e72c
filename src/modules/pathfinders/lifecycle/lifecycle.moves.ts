import type { PathfinderStage } from '../pathfinders.table.ts';

/**
 * The moves the Secretariat may record, from each stage: forward along the path one step at a
 * time, or off it (declined while the request is weighed, withdrawn at any time on the path),
 * and back to a new expression of interest after a refusal or a withdrawal.
 */
export const ALLOWED_MOVES: Readonly<Record<PathfinderStage, readonly PathfinderStage[]>> = {
  interest_expressed: ['under_review', 'declined', 'withdrawn'],
  under_review: ['mapping', 'declined', 'withdrawn'],
  mapping: ['strategic_workshop', 'withdrawn'],
  strategic_workshop: ['roadmap_adopted', 'withdrawn'],
  roadmap_adopted: ['status_granted', 'declined', 'withdrawn'],
  status_granted: ['implementing', 'withdrawn'],
  implementing: ['withdrawn'],
  declined: ['interest_expressed'],
  withdrawn: ['interest_expressed'],
};

/** Whether a country at `from` may move to `to`. */
export function isAllowedMove(from: PathfinderStage, to: PathfinderStage): boolean {
  return ALLOWED_MOVES[from].includes(to);
}
